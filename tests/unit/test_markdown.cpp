#include <catch2/catch.hpp>

#include "input/markdown.h"

using namespace grabli;
using markdown::Range;

namespace {
std::string masked(std::string text) {
  markdown::blank(text, markdown::scan(text).skipped);
  return text;
}
}  // namespace

TEST_CASE("front matter is found between --- lines at the top", "[markdown]") {
  const std::string t = "---\nrole: support\n---\nHello\n";
  const auto fm = markdown::find_front_matter(t);
  REQUIRE(fm);
  CHECK(t.substr(fm->yaml.begin, fm->yaml.end - fm->yaml.begin) == "role: support\n");
  CHECK(fm->end == t.find("Hello"));
  CHECK(fm->lines == 3);
}

TEST_CASE("front matter may close with ... and use CRLF and a BOM", "[markdown]") {
  const std::string t = "\xEF\xBB\xBF---\r\nrole: press\r\n...\r\nText";
  const auto fm = markdown::find_front_matter(t);
  REQUIRE(fm);
  CHECK(fm->end == t.find("Text"));
}

TEST_CASE("a --- that is not first or never closes is no front matter", "[markdown]") {
  CHECK_FALSE(markdown::find_front_matter("Hello\n---\nrole: x\n---\n"));
  CHECK_FALSE(markdown::find_front_matter("---\nrole: support\nno closing fence\n"));
  CHECK_FALSE(markdown::find_front_matter("---"));
  CHECK(markdown::unclosed_front_matter("---\nrole: support\nno closing fence\n") == 0u);
  CHECK_FALSE(markdown::unclosed_front_matter("---"));
  CHECK_FALSE(markdown::unclosed_front_matter("---\nrole: x\n---\n"));
}

TEST_CASE("fenced code blocks are blanked, lines kept", "[markdown]") {
  const std::string t = "Text\n```bash\nrm -rf дурак\n```\nMore\n";
  const auto m = masked(t);
  CHECK(m.size() == t.size());
  CHECK(m.find("дурак") == std::string::npos);
  CHECK(std::count(m.begin(), m.end(), '\n') == std::count(t.begin(), t.end(), '\n'));
  CHECK(m.starts_with("Text\n"));
  CHECK(m.ends_with("More\n"));
}

TEST_CASE("tilde fences and longer closing fences", "[markdown]") {
  CHECK(masked("~~~~\nсекрет\n~~~~~\nok").find("секрет") == std::string::npos);
  // a shorter fence does not close a longer one
  CHECK(masked("````\nа\n```\nб\n````\nok").find("б") == std::string::npos);
}

TEST_CASE("an unclosed fence runs to the end", "[markdown]") {
  CHECK(masked("a\n```\nсекрет\n") == std::string("a\n   \n            \n"));
}

TEST_CASE("inline code spans are blanked, unmatched backticks are text", "[markdown]") {
  CHECK(masked("run `idiot` now") == "run         now");
  CHECK(masked("a `` b ` c `` d") == "a             d");
  CHECK(masked("a ` lonely") == "a ` lonely");
}

TEST_CASE("HTML comments are blanked and listed", "[markdown]") {
  const std::string t = "a <!-- note\nacross lines --> b";
  const auto s = markdown::scan(t);
  REQUIRE(s.comments.size() == 1);
  CHECK(s.comments[0] == Range{2, t.size() - 2});
  CHECK(masked(t) == "a" + std::string(10, ' ') + "\n" + std::string(17, ' ') + "b");
}

TEST_CASE("an unclosed HTML comment is linted as text", "[markdown]") {
  CHECK(markdown::scan("a <!-- never closed").comments.empty());
  CHECK(masked("a <!-- never closed") == "a <!-- never closed");
}

TEST_CASE("comments inside code are not comments", "[markdown]") {
  CHECK(markdown::scan("```\n<!-- grabli-disable x: y -->\n```\n").comments.empty());
  CHECK(markdown::scan("`<!-- x -->`").comments.empty());
}

TEST_CASE("URLs are blanked without trailing punctuation", "[markdown]") {
  CHECK(masked("See https://example.com/a?b=1. Next") == "See                          . Next");
  CHECK(masked("(www.example.com)") == "(               )");
  // blanked byte for byte: offsets stay, the original text keeps the columns
  CHECK(masked("«https://пример.рф/путь»") == "«" + std::string(std::string("https://пример.рф/путь").size(), ' ') + "»");
  CHECK(masked("https://en.wikipedia.org/wiki/Rake_(tool) x") == std::string(41, ' ') + " x");
}

TEST_CASE("words that merely contain http are not URLs", "[markdown]") {
  CHECK(masked("xhttp://a.b") == "xhttp://a.b");
  CHECK(masked("https:// alone") == "https:// alone");
}

TEST_CASE("Markdown link targets are blanked, link text is kept", "[markdown]") {
  CHECK(masked("[наш отчёт](reports/q3.pdf) тут") == "[наш отчёт](              ) тут");
  CHECK(masked("[x](https://a.b/c_(d)) y") == "[x](                 ) y");
}

TEST_CASE("blanking keeps every offset and line break", "[markdown]") {
  const std::string t = "Привет <!-- ё -->\n`код`\nhttps://x.y/ё\n";
  const auto m = masked(t);
  REQUIRE(m.size() == t.size());
  for (std::size_t i = 0; i < t.size(); ++i)
    if (t[i] == '\n') CHECK(m[i] == '\n');
  CHECK(m.starts_with("Привет "));
}
