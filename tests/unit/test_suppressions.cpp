#include <catch2/catch.hpp>

#include "engine/suppressions.h"
#include "input/draft.h"

using namespace grabli;

namespace {
Post draft(const std::string& text) { return make_draft("x.md", text, Config{}, DraftMeta{}); }

Finding at(const Post& p, std::string_view word, std::string rule = "pack/rule") {
  Finding f;
  f.rule = std::move(rule);
  f.category = "customer-conflict";
  f.level = Level::error;
  f.start = static_cast<std::uint32_t>(p.original_text().find(word));
  f.end = f.start + static_cast<std::uint32_t>(word.size());
  return f;
}
}  // namespace

TEST_CASE("disable-next-line suppresses the named rule on the next line only", "[suppressions]") {
  const auto p = draft("<!-- grabli-disable-next-line pack/rule: согласовано с юристом -->\nплохо\nплохо2\n");
  std::vector<Finding> fs = {at(p, "плохо\n"), at(p, "плохо2")};
  apply_suppressions(p, fs);
  REQUIRE(fs.size() == 2);
  CHECK(fs[0].suppressed);
  CHECK(fs[0].suppression_reason == "согласовано с юристом");
  CHECK_FALSE(fs[1].suppressed);
}

TEST_CASE("disable-next-line leaves other rules alone", "[suppressions]") {
  const auto p = draft("<!-- grabli-disable-next-line pack/other: ok -->\nплохо\n");
  std::vector<Finding> fs = {at(p, "плохо")};
  apply_suppressions(p, fs);
  CHECK_FALSE(fs[0].suppressed);
}

TEST_CASE("a pack name suppresses every rule of the pack", "[suppressions]") {
  const auto p = draft("<!-- grabli-disable-next-line pack: quoting a customer -->\nплохо\n");
  std::vector<Finding> fs = {at(p, "плохо", "pack/a"), at(p, "плохо", "other/a")};
  apply_suppressions(p, fs);
  CHECK(fs[0].suppressed);
  CHECK_FALSE(fs[1].suppressed);
}

TEST_CASE("several rules separated by commas", "[suppressions]") {
  const auto s = find_suppressions(draft("<!-- grabli-disable a/x, b/y: why -->\n"));
  REQUIRE(s.size() == 1);
  CHECK(s[0].rules == std::vector<std::string>{"a/x", "b/y"});
  CHECK(s[0].reason == "why");
  CHECK(s[0].scope == Suppression::Scope::file);
}

TEST_CASE("the file-level form suppresses anywhere in the file", "[suppressions]") {
  const auto p = draft("первая строка плохо\n\n<!-- grabli-disable pack/rule: цитата клиента -->\nещё плохо\n");
  std::vector<Finding> fs = {at(p, "плохо\n"), at(p, "ещё плохо")};
  apply_suppressions(p, fs);
  CHECK(fs[0].suppressed);
  CHECK(fs[1].suppressed);
}

TEST_CASE("next-line skips blank lines and stacked comments", "[suppressions]") {
  const auto p = draft("<!-- grabli-disable-next-line pack/a: r1 -->\n<!-- grabli-disable-next-line pack/b: r2 -->\n\nплохо\n");
  std::vector<Finding> fs = {at(p, "плохо", "pack/a"), at(p, "плохо", "pack/b")};
  apply_suppressions(p, fs);
  CHECK(fs[0].suppressed);
  CHECK(fs[1].suppressed);
}

TEST_CASE("a suppression without a reason suppresses but is itself a warning", "[suppressions]") {
  const auto p = draft("<!-- grabli-disable-next-line pack/rule -->\nплохо\n");
  std::vector<Finding> fs = {at(p, "плохо")};
  apply_suppressions(p, fs);
  REQUIRE(fs.size() == 2);
  CHECK(fs[0].rule == kSuppressionWithoutReason);
  CHECK(fs[0].level == Level::warning);
  CHECK_FALSE(fs[0].suppressed);
  CHECK(fs[0].start == 0);
  CHECK(fs[1].suppressed);
}

TEST_CASE("an empty reason after the colon counts as none", "[suppressions]") {
  const auto p = draft("<!-- grabli-disable pack/rule:   -->\n");
  std::vector<Finding> fs;
  apply_suppressions(p, fs);
  REQUIRE(fs.size() == 1);
  CHECK(fs[0].rule == kSuppressionWithoutReason);
}

TEST_CASE("a suppression that names no rule is reported and suppresses nothing", "[suppressions]") {
  const auto p = draft("<!-- grabli-disable-next-line : because -->\nплохо\n");
  std::vector<Finding> fs = {at(p, "плохо")};
  apply_suppressions(p, fs);
  REQUIRE(fs.size() == 2);
  CHECK(fs[0].rule == kUnknownSuppression);
  CHECK_FALSE(fs[1].suppressed);
}

TEST_CASE("comments that are not grabli's are ignored", "[suppressions]") {
  CHECK(find_suppressions(draft("<!-- just a note -->\n<!-- grabli-disabled x: y -->\n")).empty());
}

TEST_CASE("suppressions in code blocks do not count", "[suppressions]") {
  const auto p = draft("```\n<!-- grabli-disable pack/rule: x -->\n```\nплохо\n");
  std::vector<Finding> fs = {at(p, "плохо")};
  apply_suppressions(p, fs);
  CHECK_FALSE(fs[0].suppressed);
}

TEST_CASE("suppression lines count from the text after front matter", "[suppressions]") {
  const auto p = draft("---\nrole: support\n---\n<!-- grabli-disable-next-line pack/rule: ok -->\nплохо\n");
  std::vector<Finding> fs = {at(p, "плохо")};
  apply_suppressions(p, fs);
  CHECK(fs[0].suppressed);
}
