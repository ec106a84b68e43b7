#include <catch2/catch.hpp>

#include <random>

#include "helpers.h"
#include "match/alternatives.h"
#include "match/pattern_bank.h"
#include "match/required_bytes.h"
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
  // What each pattern's own RE2 finds in the text form it reads (ids ascending): what scan() must say.
  std::vector<int> re2_finds(const std::string& text, const std::vector<int>& ids) {
    AnalyzedText t;
    an.analyze(text, t, false);
    std::vector<int> found;
    for (int id : ids)
      if (RE2::PartialMatch(bank.on_original(id) ? text : t.norm, bank.re(id))) found.push_back(id);
    return found;
  }
  // scan() against re2_finds() on each text
  void check_agrees_with_re2(const std::vector<std::string>& texts, const std::vector<int>& ids) {
    for (const auto& t : texts) {
      INFO(t);
      CHECK(scan(t) == re2_finds(t, ids));
    }
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

TEST_CASE("required bytes: mandatory punctuation and digits, in every alternative", "[match][patterns]") {
  auto req = [](const char* re) -> std::string {
    auto r = required_bytes(re);
    if (!r) return "-";
    std::string s;
    for (int c = 0; c < 256; ++c)
      if ((*r)[static_cast<std::size_t>(c)]) s += static_cast<char>(c);
    return s;
  };
  CHECK(req(R"(п\*+(?:зд|здец))") == "*");
  CHECK(req(R"((?:за|вы)?х[у*]*\*[у*]*[йея][\pL*]*)") == "*");
  CHECK(req(R"(\d{4}[ -]?\d{4})") == "0123456789");
  CHECK(req(R"((?:#|no\.\s?|№\s?)1(?:[^\d.,]|$))") == "1");
  CHECK(req(R"(с\*+ка|су\*а|с\*\*а)") == "*");
  CHECK(req(R"(#(?:ad|ads)|(?:^|[^\pL])ad(?:[^\pL]|$))") == "-");  // the second alternative needs no byte
  CHECK(req(R"(f(?:\*|u)ck)") == "-");                                // '*' or 'u'
  CHECK(req(R"(\*?бля)") == "-");                                    // optional
  CHECK(req(R"(x\*{0,3}y)") == "-");
  CHECK(req(R"(x\*{1,3}y)") == "*");
  CHECK(req(R"((?:a#|b%))") == "#%");
  CHECK(req(R"([0-9]+%)") == "%");                                    // the most selective one
  CHECK(req(R"((?:^|\s)-\d+\s?%)") == "%");                             // the rarest: '-' is in most posts
  CHECK(req(R"(\d+\.\d)") == "0123456789");                              // digits before a dot
  CHECK(req(R"(х\*+й|е\.ать)") == "*.");
  CHECK(req(R"([a-z]+)") == "-");
  CHECK(req(R"((?i)abc)") == "-");
  CHECK(req(R"((unclosed)") == "-");
  // non-ASCII punctuation: the last byte of each character («» „“ —), never of a letter
  CHECK(req(R"([«"„][\pL\d][\pL\d .&+-]{1,30}[»"“])") == "\"\x9E\xAB");
  CHECK(req(R"(№\s?\d)") == "\x96");
  CHECK(req(R"([а-я]+»)") == "\xBB");
  CHECK(req(R"(ё|ж)") == "-");
  CHECK(req(R"([ёж]x)") == "-");
  CHECK(req(R"([«а])") == "-");
  CHECK(req(R"([«-»])") == "-");  // a range of them is not followed
  const ByteSet present = bytes_of("х*й 42");
  CHECK(present['*']);
  CHECK(present['4']);
  CHECK_FALSE(present['#']);
}

TEST_CASE("required literal: the longest run of characters every match holds", "[match][patterns]") {
  CHECK(required_literal(R"((?:^|[^\pL])ad(?:[^\pL]|$))") == "ad");
  CHECK(required_literal("fk") == "fk");
  CHECK(required_literal(R"(ab?cd)") == "cd");        // b is optional: "a" then "cd"
  CHECK(required_literal(R"(xab+cd)") == "xab");      // b repeats: "xab" then "cd"
  CHECK(required_literal(R"(abc*d)") == "ab");
  CHECK(required_literal(R"(ab{0,2}cd)") == "cd");
  CHECK(required_literal(R"(xab{2}cd)") == "xab");     // "xabbcd": "xab" and "cd", "xabcd" no
  CHECK(required_literal(R"(no\.\s?1)") == "no.");
  CHECK(required_literal(R"(я\d+мы)") == "мы");
  CHECK(required_literal(R"([[:alpha:]]xy)") == "xy");
  CHECK(required_literal(R"([]a]xy)") == "xy");
  CHECK(required_literal(R"([[]xy)") == "xy");       // '[' a member, the next ']' closes
  CHECK(required_literal(R"([^]]ab)") == "ab");
  CHECK(required_literal(R"(a\ b)") == "a b");       // an escaped space is a literal one
  CHECK(required_literal(R"((?P<n>ab)cd)") == "cd");
  CHECK(required_literal(R"(ad|bc)").empty());        // an alternation at the top
  CHECK(required_literal(R"((?i)ad)").empty());       // folds case
  CHECK(required_literal(R"(x(?i:at) y)").empty());
  CHECK(required_literal(R"(\x41b)").empty());
  CHECK(required_literal(R"((unclosed)").empty());
  CHECK(required_literal(R"(\pL+)").empty());
}

TEST_CASE("pattern bank: atom-less sets gated by their patterns' short literals fire exactly where RE2 matches",
          "[match][patterns]") {
  // «ad» and the «fk» piece leave the normalised text's set needing "ad" or "fk"; the original
  // text's pieces «Ad» and «AD» need those, case and all
  Bank b;
  const std::vector<std::string> patterns = {
      R"((?:^|[^\pL])ad(?:[^\pL]|$))",                    // no atom: «ad» is two bytes
      R"(fk(?:in|ing|ed)?|fuq\pL*)",                        // spelled out: the «fk» piece
      R"(я\s?мы)",                                         // «мы» is four bytes: an atom anyway
      R"((?:^|[^\pL])(?:Ad|AD)(?:[^\pL]|$))",
  };
  std::vector<int> ids;
  for (std::size_t i = 0; i < patterns.size(); ++i) ids.push_back(b.add(patterns[i], i == 3));
  const std::vector<std::string> texts = {
      "an ad here", "had made read", "ad", "ad2", "bad.ad,", "fk off", "fkin hell", "fuqed", "f k",
      "я мы", "ямы", "An Ad", "AD!", "ad AD", "",
  };
  std::string err;
  REQUIRE(b.bank.compile(err));
  b.check_agrees_with_re2(texts, ids);
  CHECK(b.scan("an ad here") == std::vector<int>{ids[0]});
  CHECK(b.scan("had made read").empty());
}

// The gates (required bytes, required literals, atoms) may only turn a pattern away where its
// RE2 finds nothing: random patterns of quotes, short literals, classes, groups, flags and
// quantifiers, on random texts of the same pieces, both text forms.
TEST_CASE("pattern bank: random patterns fire exactly where their RE2 matches", "[match][patterns]") {
  std::mt19937 rng(11);
  const std::vector<std::string> literals = {"ad", "fk", "«", "»", "\"", "„", "“", "№", "x", "ab", "мы", "At", "—"};
  const std::vector<std::string> others = {"[«\"„]", "[a-z]", "[0-9]", "[^\\pL]", "\\d", "\\s", "\\pL", "(?i:at)",
                                           "(?:^|[^\\pL])", "(?:[^\\pL]|$)", ".", "\\."};
  const std::vector<std::string> quantifiers = {"", "", "", "?", "*", "+", "{0,2}", "{2}"};
  auto pick = [&](const std::vector<std::string>& v) { return v[rng() % v.size()]; };
  auto item = [&]() -> std::string {
    switch (rng() % 3) {
      case 0: return pick(literals) + pick(quantifiers);
      case 1: return pick(others) + pick(quantifiers);
      default: return "(?:" + pick(literals) + "|" + pick(literals) + ")" + pick(quantifiers);
    }
  };
  auto pattern = [&] {
    std::string p;
    for (unsigned k = 0, n = 1 + rng() % 4; k < n; ++k) p += item();
    if (rng() % 4 == 0) p += "|" + item() + item();
    return p;
  };
  const std::vector<std::string> pieces = {"ad", "fk", "«", "»", "\"", "„", "“", "№", "x", "ab", "AD", "At",
                                           " ", "1", "-", "had", "я", "мы", "—", "."};
  std::size_t checked = 0, fired = 0;
  for (int round = 0; round < 150; ++round) {
    Bank b;
    std::vector<int> ids;
    for (int k = 0; k < 6; ++k) {
      std::string err;
      const int id = b.bank.add(pattern(), k % 3 == 2, err);
      if (id >= 0) ids.push_back(id);
    }
    std::string err;
    REQUIRE(b.bank.compile(err));
    std::string listed;
    for (int id : ids) listed += "\n  " + std::to_string(id) + ": " + b.bank.pattern(id);
    INFO("patterns:" << listed);
    for (int k = 0; k < 40; ++k) {
      std::string t;
      for (unsigned m = 0, n = rng() % 8; m < n; ++m) t += pick(pieces);
      const auto want = b.re2_finds(t, ids);
      INFO("text: " << t);
      CHECK(b.scan(t) == want);
      ++checked;
      fired += want.size();
    }
  }
  CHECK(checked == 6000);
  CHECK(fired > 1000);  // the texts do hold what the patterns ask for
}

TEST_CASE("bytes_of: every byte of a text and no other, at any value and length", "[match][patterns]") {
  std::mt19937 rng(7);
  bool all_right = true;
  for (int round = 0; round < 2000; ++round) {
    std::string text(rng() % 300, '\0');
    const unsigned spread = round % 2 ? 256 : 1 + rng() % 40;  // all values, or a few near each other
    const unsigned base = rng() % 256;
    for (auto& c : text) c = static_cast<char>((base + rng() % spread) % 256);
    ByteSet want;
    for (unsigned char c : text) want.set(c);
    all_right &= bytes_of(text) == want;
  }
  CHECK(all_right);
  CHECK(bytes_of("").none());
  CHECK(bytes_of(std::string(1, '\xFF'))[255]);
  CHECK(bytes_of(std::string(1, '\0'))[0]);
}

TEST_CASE("pattern bank: byte-gated patterns still fire when their byte is there", "[match][patterns]") {
  Bank b;
  const int masked = b.add(R"(х[у*]*\*[у*]*[йея])");
  const int number = b.add(R"((?:№|#|номер)\s?1(?:[^\d.,]|$))");
  const int house = b.add(R"((?:ул|улица)\.?\s+[\pL .-]{2,40}?,?\s+(?:д|дом)\.?\s*\d+)");
  CHECK(b.scan("ну х*й с ним") == std::vector<int>{masked});
  CHECK(b.scan("ну хуй с ним, улица Ленина, дом без номера").empty());
  CHECK(b.scan("Мы №1 на рынке, ул. Ленина, д. 5") == std::vector<int>{number, house});
}

TEST_CASE("pattern bank: a pattern gated by its quotes fires on each kind of quote", "[match][patterns]") {
  // gated by the last bytes of its quotes (AB of «, 9E of „), which no lower-case letter has
  Bank b;
  const int quoted = b.add(R"([«"„][\pL\d][\pL\d .&+-]{1,30}[»"“])");
  CHECK(b.scan("ответ компании «ромашка» клиенту") == std::vector<int>{quoted});
  CHECK(b.scan("ответ компании „ромашка“ клиенту") == std::vector<int>{quoted});
  CHECK(b.scan("ответ компании \"ромашка\" клиенту") == std::vector<int>{quoted});
  CHECK(b.scan("ответ компании ромашка клиенту").empty());
  CHECK(b.scan("ответ компании «ромашка клиенту").empty());
}

TEST_CASE("pattern bank: the original text's atoms are found in any case, as RE2 folds it", "[match][patterns]") {
  // the bank finds these atoms in a folded copy of the text; what fires must be what each
  // pattern's own RE2 finds in the original
  Bank b;
  const std::vector<std::string> patterns = {
      "(?i)instagram",  "(?i)реклама erid", "(?i)killer app", "(?i)ёлка",  "(?i)slow start",
      "(?i)озон",       "(?i)вот так",      "Instagram",      "(?i)ѐѓє",  "(?i)test(?:ed|s)? [A-Z]",
  };
  std::vector<int> ids;
  for (const auto& p : patterns) ids.push_back(b.add(p, true));
  const std::vector<std::string> texts = {
      "INSTAGRAM", "РЕКЛАМА ERID 2Vtz", "\u212Ailler App", "ЁЛКА", "\u017Flow ſtart", "\u1C82зон",
      "\u1C80от та\u1C84", "instagram", "ЀЃЄ", "Tested X", "tests x", "Р\xD0ЕКЛАМА erid", "\xE2\x84",
  };
  std::string err;
  REQUIRE(b.bank.compile(err));
  b.check_agrees_with_re2(texts, ids);
  CHECK(b.scan("INSTAGRAM").size() == 1);
  CHECK(b.scan("\u212Ailler App").size() == 1);
}

TEST_CASE("pattern bank: a pattern runs only for the languages of its rule", "[match][patterns]") {
  Bank b;
  std::string err;
  const int en = b.bank.add("sponsored", false, err, PatternBank::kEnglish);
  const int ru = b.bank.add("реклама", false, err, PatternBank::kRussian);
  const int any = b.bank.add(R"(\d{4} \d{4})", false, err);
  const int en_bare = b.bank.add(R"(f\*+k)", false, err, PatternBank::kEnglish);  // atom-less: a set per language
  REQUIRE(b.bank.compile(err));
  AnalyzedText t;
  b.an.analyze("sponsored реклама 1234 5678 f**k", t, false);
  std::vector<int> fired;
  b.bank.scan(t, fired, PatternBank::kRussian);
  CHECK(fired == std::vector<int>{ru, any});
  b.bank.scan(t, fired, PatternBank::kEnglish);
  CHECK(fired == std::vector<int>{en, any, en_bare});
  b.bank.scan(t, fired);
  CHECK(fired == std::vector<int>{en, ru, any, en_bare});
}

TEST_CASE("pattern bank: capitals that the lower-case normalised text never holds are found", "[match][patterns]") {
  // the en-competitor cue that could never fire
  CHECK(capital_for_lower_case_text(R"((?:^|[^\pL])(?:at|than) [A-Z][A-Za-z0-9]*(?:[A-Z][a-z]+|Corp))") == "[A-Z]");
  CHECK(capital_for_lower_case_text("acme Corp") == "C");
  CHECK(capital_for_lower_case_text("ООО ромашка") == "О");
  CHECK(capital_for_lower_case_text("[А-ЯЁ]\\pL+") == "[А-ЯЁ]");
  // escapes, classes with lower case, flags, names, optional capitals and (?i) are fine
  for (const char* ok : {R"(\pL+\PL\p{Lu}?\d\D\S\W\A\x{41}\QABC\E)", "[A-Za-z]+", "[^A-Z]", "[[:upper:]a]", "(?U)a+",
                         "(?P<Name>x)", "(?s:a.b)", "X?y", "Z*y", "Q{0,2}x", "(?i)ACME", "реклама|erid"})
    CHECK(capital_for_lower_case_text(ok).empty());
}

TEST_CASE("policy: a pattern with capitals on the normalised text is refused, with on: original it loads") {
  const std::string rule = "pack: t\nrules:\n  - id: r\n    category: competitor\n    kind: pattern\n    message: m\n"
                           "    examples: {bad: [\"Unlike Acme Corp\"], good: [\"unlike acme corp\"]}\n";
  const auto errors = grabli::test::errors_of(rule + "    pattern: 'unlike [A-Z][a-z]+ Corp'\n");
  REQUIRE_FALSE(errors.empty());
  CHECK(errors.front().to_string().find("asks for '[A-Z]'") != std::string::npos);
  CHECK(errors.front().to_string().find("p.yaml:8:") == 0);
  CHECK(grabli::test::errors_of(rule + "    on: original\n    pattern: '(?i:unlike) [A-Z][a-z]+ Corp'\n").empty());
}

TEST_CASE("alternatives: a regex spelled out as the alternatives that match where it does", "[match][patterns]") {
  using V = std::vector<std::string>;
  CHECK(alternatives("a|b") == V{"a", "b"});
  CHECK(alternatives("x(?:a|b)?y") == V{"xay", "xby", "xy"});
  CHECK(alternatives("bl(?:jat[a-z]*|ya)") == V{"bljat[a-z]*", "blya"});
  CHECK(alternatives("(?P<w>ab|cd)e") == V{"abe", "cde"});
  CHECK(alternatives(R"(f(?:\*|u)?ck)") == V{R"(f\*ck)", "fuck", "fck"});
  CHECK(alternatives("(?i:at|from) [A-Z]|x") == V{"(?i:at|from) [A-Z]", "x"});  // flags stay with their group
  CHECK(alternatives("(?:a|b)+c|d") == V{"(?:a|b)+c", "d"});                      // a repeated group stays whole
  // a group with an alternative that is not led by a literal stays whole
  CHECK(alternatives(R"((?:^|[^\pL])(?:ad|ads)(?:[^\pL]|$)|x)") ==
        V{R"((?:^|[^\pL])ad(?:[^\pL]|$))", R"((?:^|[^\pL])ads(?:[^\pL]|$))", "x"});
  CHECK(alternatives(R"(at (?:[A-Z][a-z]+|Corp)|x)") == V{R"(at (?:[A-Z][a-z]+|Corp))", "x"});
  CHECK(alternatives(R"(y(?:\pL|\*)|x)") == V{R"(y(?:\pL|\*))", "x"});
  // a class of a few characters named one by one counts as a literal; a range or more do not
  CHECK(alternatives(R"((?:х\*+й|[её]\.ать))") == V{R"(х\*+й)", R"([её]\.ать)"});
  CHECK_FALSE(alternatives(R"((?:[a-z]x|y)z)"));  // one alternative: the group stays whole
  CHECK(alternatives(R"((?:[abcde]x|y)z|w)") == V{R"((?:[abcde]x|y)z)", "w"});
  CHECK(alternatives(R"((?:[^e]x|y)z|w)") == V{R"((?:[^e]x|y)z)", "w"});
  CHECK(alternatives(R"([|(]x|\||\p{L}|\x{41}|я)") == V{"[|(]x", R"(\|)", R"(\p{L})", R"(\x{41})", "я"});
  CHECK_FALSE(alternatives("abc"));            // one alternative: nothing to spell out
  CHECK(alternatives("(?:a|b)") == V{"a", "b"});
  CHECK_FALSE(alternatives("(?i)a|b"));        // a flag group changes the rest
  CHECK_FALSE(alternatives(R"(\Qa|b\E|c)"));   // quoting is not followed
  CHECK_FALSE(alternatives("(a|b"));           // broken
  CHECK_FALSE(alternatives("(?:a|b)(?:c|d)(?:e|f)", 4));  // more than the limit
}

TEST_CASE("pattern bank: atom-less patterns spelled out fire exactly where their RE2 matches", "[match][patterns]") {
  // RE2's prefilter has no atom for these (it factors `bljat…|blya` into `bl(?:jat…|ya)`); the
  // bank runs their alternatives, which have atoms, byte gates, or neither
  Bank b;
  const std::vector<std::string> patterns = {
      R"(bly(?:a|at|ad)|blyat\pL*|bljat\pL*|blya)",
      R"(#(?:сотрудник|реклама|ad|spon\pL*)|работаю (?:в|на))",
      R"(f(?:\*|u)?ck(?:in|ing|ed)?|fk(?:in|ing)?)",
      R"(cunt\pL*|c\*+nt\pL*)",
      R"((?:^|[^\pL])(?:advertisement|ad)(?:[^\pL]|$)|paid partnership)",
      R"(aaa|bb)",  // a piece with an atom and one without either
  };
  std::vector<int> ids;
  for (const auto& p : patterns) ids.push_back(b.add(p));
  const std::vector<std::string> texts = {
      "блин, blyat!", "bljatstvo", "blya", "bly", "#реклама тут", "#ad", "#adidas", "я работаю на заводе", "работаю",
      "f*ck", "fck", "fucking", "fking", "fk", "cunts", "c**nt", "c*nt", "an ad here", "ad", "bad", "advertisement.",
      "paid partnership with", "aaa", "bb", "b b", "", "обычный пост без ничего",
  };
  std::string err;
  REQUIRE(b.bank.compile(err));
  b.check_agrees_with_re2(texts, ids);
}

TEST_CASE("pattern bank: a pattern gated only by common bytes is spelled out and fires where its RE2 matches",
          "[match][patterns]") {
  // «х*й» needs a '*' and «е.ать» a '.', so the whole pattern was gated by {*, .} and ran on
  // nearly every post (a dot is in nine of ten); its pieces have atoms («е.ать») or a rare byte
  // ('*'). The discount needs '%' in both alternatives, not the '-' of the second.
  Bank b;
  const std::vector<std::string> patterns = {
      R"((?:^|[^\pL])(?:х\*+[йеяю]|х\.й|п\*+зд|пи\*+[дц]|бл\*+[дт]|[её]\.(?:ать|ите|ут|ет|ал)|п\.зд))",
      R"((?i:скидк\pL*)\s+(?:в\s+|до\s+)?-?\d+\s?%|(?:^|\s)-\d+\s?%)",
      R"((?:^|[^\pL])(?:a\*+b|c\.d)|e,f)",  // a piece gated by ',' only: not spelled out
  };
  std::vector<int> ids;
  for (const auto& p : patterns) ids.push_back(b.add(p));
  const std::vector<std::string> texts = {
      "ну х*й с ним", "х**ю", "х.й", "е.ать, ну и дела", "ё.ут", "иди на п.зд", "пи**ц", "бл*ть", "Уже. Ать!",
      "скидка 20%", "скидки до -30 %", "цены -15%", "цены -15", "рост на 15%", "a*b", "c.d", "e,f", "e, f",
      "обычный пост. Без ничего, совсем.", "",
  };
  std::string err;
  REQUIRE(b.bank.compile(err));
  b.check_agrees_with_re2(texts, ids);
  CHECK(b.scan("ну х*й с ним") == std::vector<int>{ids[0]});
  CHECK(b.scan("цены -15%") == std::vector<int>{ids[1]});
  CHECK(b.scan("обычный пост. Без ничего, совсем.").empty());
}
