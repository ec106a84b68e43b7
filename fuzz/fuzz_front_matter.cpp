// libFuzzer target: Markdown drafts (front matter, code blocks, comments, links) through
// make_draft, then every finding's position mapped back into the file.
#include <cstdint>
#include <string>

#include "engine/checker.h"
#include "input/draft.h"
#include "report/result.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace grabli;
  static const Config config = [] {
    Config c;
    c.paths.push_back({"drafts/ceo/**", "executive", "twitter", ""});
    return c;
  }();
  std::string content(reinterpret_cast<const char*>(data), size);
  if (content.find('\0') != std::string::npos) return 0;  // read_text_file refuses these
  std::vector<PolicyError> errors;
  Post post = make_draft("drafts/ceo/post.md", std::move(content), config, DraftMeta{}, errors);
  const auto text = post.original_text();
  if (post.text.size() != text.size() && post.text.size() > text.size()) __builtin_trap();
  for (const auto& e : errors) (void)e.to_string();
  Finding f;
  f.start = 0;
  f.end = static_cast<std::uint32_t>(post.text.size());
  (void)span_of(f, post);
  return 0;
}
