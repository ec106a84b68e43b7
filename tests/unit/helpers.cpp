#include "helpers.h"

#include <catch2/catch.hpp>

namespace grabli::test {

std::unique_ptr<Policy> policy_from(const std::string& yaml) {
  auto loaded = compile_policy({{"p.yaml", yaml}}, {}, DictionaryPaths::discover());
  for (const auto& e : loaded.errors) UNSCOPED_INFO(e.to_string());
  REQUIRE(loaded.errors.empty());
  return std::move(loaded.policy);
}

std::vector<PolicyError> errors_of(const std::string& yaml, const std::string& file) {
  return compile_policy({{file, yaml}}, {}, DictionaryPaths::discover()).errors;
}

std::vector<std::string> fired(const Policy& p, const std::string& text, const std::string& role,
                               const std::string& channel, std::optional<std::string> reply_to) {
  Checker c(p);
  Post post;
  post.text = text;
  post.role = role;
  post.channel = channel;
  post.reply_to = std::move(reply_to);
  std::vector<std::string> out;
  for (const auto& f : c.check(post)) out.push_back(f.rule);
  return out;
}

std::vector<std::string> norm_words(const std::string& text) {
  static const KeyTable keys;
  Lemmatizer lem(keys, DictionaryPaths{});
  Analyzer an(lem);
  AnalyzedText t;
  an.analyze(text, t, false);
  std::vector<std::string> out;
  for (const auto& tok : t.tokens) out.emplace_back(t.norm_of(tok));
  return out;
}

bool have_dictionaries() { return DictionaryPaths::discover().describe_missing().empty(); }

}  // namespace grabli::test
