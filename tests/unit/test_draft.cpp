#include <catch2/catch.hpp>

#include "engine/checker.h"
#include "input/draft.h"
#include "report/result.h"

using namespace grabli;

TEST_CASE("front matter gives role, channel, lang and reply_to", "[draft]") {
  std::vector<PolicyError> errors;
  const auto p = make_draft("reply.md",
                            "---\nrole: support\nchannel: vk\nlang: ru\nreply_to: \"Где заказ?\"\ntitle: ignored\n---\nТекст\n",
                            Config{}, DraftMeta{}, errors);
  CHECK(errors.empty());
  CHECK(p.role == "support");
  CHECK(p.channel == "vk");
  CHECK(p.lang == "ru");
  REQUIRE(p.reply_to);
  CHECK(*p.reply_to == "Где заказ?");
  CHECK(p.is_reply());
}

TEST_CASE("the post's text starts after the front matter, at the file's line", "[draft]") {
  const auto p = make_draft("a.md", "---\nrole: press\n---\nHello\n", Config{}, DraftMeta{});
  CHECK(p.text == "Hello\n");
  CHECK(p.source.first_line == 4);
  Finding f;
  f.start = 0, f.end = 5;
  const auto s = span_of(f, p);
  CHECK(s.line == 4);
  CHECK(s.column == 1);
  CHECK(s.end_column == 6);
}

TEST_CASE("front matter overrides path rules, the command line overrides both", "[draft]") {
  Config c;
  c.dir = "/repo";
  c.paths.push_back({"drafts/ceo/**", "executive", "twitter", ""});
  c.role = "employee";
  const std::string text = "---\nrole: press\n---\nHi\n";
  CHECK(make_draft("/repo/drafts/ceo/a.md", text, c, DraftMeta{}).role == "press");
  CHECK(make_draft("/repo/drafts/ceo/a.md", text, c, DraftMeta{}).channel == "twitter");
  CHECK(make_draft("/repo/drafts/ceo/a.md", "Hi", c, DraftMeta{}).role == "executive");
  CHECK(make_draft("/repo/other.md", "Hi", c, DraftMeta{}).role == "employee");
  DraftMeta cli;
  cli.role = "support";
  CHECK(make_draft("/repo/drafts/ceo/a.md", text, c, cli).role == "support");
}

TEST_CASE("bad front matter values are errors at the file's line and column", "[draft]") {
  std::vector<PolicyError> errors;
  make_draft("x.md", "---\ntitle: t\nrole: suport\n---\nHi\n", Config{}, DraftMeta{}, errors);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].file == "x.md");
  CHECK(errors[0].line == 3);
  CHECK(errors[0].column == 7);
  CHECK_THAT(errors[0].message, Catch::Contains("did you mean 'support'"));
}

TEST_CASE("front matter YAML syntax errors are reported, not thrown", "[draft]") {
  std::vector<PolicyError> errors;
  make_draft("x.md", "---\nrole: [support\n---\nHi\n", Config{}, DraftMeta{}, errors);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].line >= 2);
}

TEST_CASE("channel aliases in front matter are canonical", "[draft]") {
  CHECK(make_draft("x.md", "---\nchannel: x\n---\nHi", Config{}, DraftMeta{}).channel == "twitter");
}

TEST_CASE("masked text keeps the file's columns, the original is kept for printers", "[draft]") {
  const auto p = make_draft("x.md", "См. https://пример.рф/x — вы сами\n", Config{}, DraftMeta{});
  CHECK(p.text.size() == p.original.size());
  CHECK(p.text.find("пример") == std::string::npos);
  CHECK(p.original_text().find("пример") != std::string::npos);
  Finding f;
  f.start = static_cast<std::uint32_t>(p.text.find("вы"));
  f.end = f.start + 2;
  CHECK(span_of(f, p).column == 27);  // code points of the original line, not bytes or blanks
}

TEST_CASE("a draft without anything to mask keeps no copy", "[draft]") {
  const auto p = make_draft("x.md", "Просто текст.\n", Config{}, DraftMeta{});
  CHECK(p.original.empty());
  CHECK(p.original_text() == "Просто текст.\n");
}

TEST_CASE("front matter that is never closed is a warning at its opening '---'", "[draft]") {
  const auto p = make_draft("a.md", "---\nrole: executive\n\nМы лучшие.\n", Config{}, DraftMeta{});
  CHECK(p.role.empty());  // nothing is read from it
  CHECK(p.text.starts_with("---\nrole"));
  const auto w = unclosed_front_matter(p);
  REQUIRE(w);
  CHECK(w->rule == "grabli/unclosed-front-matter");
  CHECK(w->level == Level::warning);
  const auto s = span_of(*w, p);
  CHECK(s.line == 1);
  CHECK(s.column == 1);
  CHECK(s.end_column == 4);
  // closed front matter, a lone '---', a '---' further down and plain text are not warned about
  CHECK_FALSE(unclosed_front_matter(make_draft("b.md", "---\nrole: press\n---\nHi\n", Config{}, DraftMeta{})));
  CHECK_FALSE(unclosed_front_matter(make_draft("c.md", "---\n", Config{}, DraftMeta{})));
  CHECK_FALSE(unclosed_front_matter(make_draft("d.md", "Hi\n---\nrole: x\n", Config{}, DraftMeta{})));
  CHECK_FALSE(unclosed_front_matter(make_draft("e.md", "Hi\n", Config{}, DraftMeta{})));
  // after a byte-order mark the warning points at the '---', not at the mark
  const auto bom = make_draft("f.md", "\xEF\xBB\xBF---\nrole: x\n", Config{}, DraftMeta{});
  REQUIRE(unclosed_front_matter(bom));
  CHECK(unclosed_front_matter(bom)->start == 3);
}

TEST_CASE("role aliases in front matter are canonical, as audit records' are", "[draft]") {
  CHECK(make_draft("x.md", "---\nrole: PR\n---\nHi", Config{}, DraftMeta{}).role == "press");
  CHECK(make_draft("x.md", "---\nrole: Customer Service\n---\nHi", Config{}, DraftMeta{}).role == "support");
  CHECK(make_draft("x.md", "---\nrole: founder\n---\nHi", Config{}, DraftMeta{}).role == "executive");
}
