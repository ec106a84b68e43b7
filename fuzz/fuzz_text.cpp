// libFuzzer target: the text pipeline (UTF-8 validation, normalisation, tokens, lemmas) and every
// matcher of the shipped policy, on arbitrary post text with a role, channel and reply context
// taken from the first byte.
#include <cstdint>
#include <string>

#include "engine/checker.h"
#include "policy/policy.h"
#include "report/result.h"
#include "text/analyzer.h"

namespace {
const grabli::Policy& shipped() {
  static auto loaded = grabli::compile_policy(grabli::embedded_policy_sources(), grabli::embedded_vocabulary(),
                                              grabli::DictionaryPaths::discover());
  if (!loaded.policy) __builtin_trap();
  return *loaded.policy;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace grabli;
  if (size == 0) return 0;
  // Spelling is off: Hunspell's suggest() (up to half a second a word, bounded per post in
  // match/spelling.cpp) would hold the target at a few executions a second. fuzz_text_spelling
  // keeps it on.
#ifdef GRABLI_FUZZ_SPELLING
  static Checker checker(shipped());
#else
  static Checker checker(shipped(), RuleOverrides{{"ru-spelling", "en-spelling"}, {}});
#endif
  static const char* roles[] = {"", "executive", "press", "support", "employee"};
  static const char* channels[] = {"", "twitter", "telegram", "vk", "sms"};
  const std::uint8_t sel = data[0];
  std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
  Post post;
  post.role = roles[sel % 5];
  post.channel = channels[(sel / 5) % 5];
  if (sel & 0x80) {
    // the text after the first newline is the customer message being answered
    if (auto nl = text.find('\n'); nl != std::string::npos) {
      post.reply_to = text.substr(nl + 1);
      text.resize(nl);
    }
  }
  post.text = text;
  auto findings = checker.check(post);
  for (const auto& f : findings) {
    if (f.start > f.end || f.end > post.original_text().size()) __builtin_trap();
    (void)span_of(f, post);
    (void)finding_json(f, post);
  }
  (void)terminal_safe(post.text);
  return 0;
}
