#include <catch2/catch.hpp>

#include "match/pattern_bank.h"
#include "text/analyzer.h"
#include "text/lemmatizer.h"

using namespace grabli;

namespace {
struct Bank {
  KeyTable keys;
  Lemmatizer lem{keys, DictionaryPaths{}};
  Analyzer an{lem};
  PatternBank bank;
  int add(const std::string& re, bool original = false) {
    std::string err;
    const int id = bank.add(re, original, err);
    INFO(err);
    REQUIRE(id >= 0);
    return id;
  }
  std::vector<int> scan(const std::string& text) {
    std::string err;
    REQUIRE(bank.compile(err));
    AnalyzedText t;
    an.analyze(text, t, false);
    std::vector<int> fired;
    bank.scan(t, fired);
    return fired;
  }
};
}  // namespace

TEST_CASE("pattern bank: literal-filtered, atom-less and original-text patterns all fire", "[match][patterns]") {
  Bank b;
  const int word = b.add(R"((?:^|[^\pL])реклама(?:[^\pL]|$))");      // atom «реклама»
  const int digits = b.add(R"(\d{4}[ -]?\d{4})");                   // no atom: always run
  const int masked = b.add(R"(f\*+(?:k|ck))");                      // atom too short to filter
  const int cased = b.add(R"((?:^|[^A-Za-z])Instagram(?:[^a-z]|$))", true);  // atoms are lower case
  const int absent = b.add("erid");
  CHECK(b.scan("Реклама. Звоните 1234 5678, f**k, Instagram") == std::vector<int>{word, digits, masked, cased});
  CHECK(b.scan("рекламах нет, instagram в нижнем регистре").empty());
  CHECK(b.scan("erid: 2VtzqvZ") == std::vector<int>{absent});
}

TEST_CASE("pattern bank: an invalid pattern reports RE2's message when added", "[match][patterns]") {
  PatternBank bank;
  std::string err;
  CHECK(bank.add("(unclosed", false, err) < 0);
  CHECK_THAT(err, Catch::Contains("missing )"));
  RegexLimits tiny;
  tiny.per_pattern = 1024;
  PatternBank small(tiny);
  CHECK(small.add("(?:abc|def)[a-z]{1,300}(?:x|y){1,300}", false, err) < 0);
  CHECK_FALSE(err.empty());
}
