#include <catch2/catch.hpp>

#include <random>
#include <thread>

#include "helpers.h"
#include "text/analyzer.h"
#include "text/lemmatizer.h"
#include "text/normalize.h"
#include "text/shared_answers.h"
#include "text/utf8.h"

using namespace grabli;
using grabli::test::norm_words;
using V = std::vector<std::string>;

TEST_CASE("utf8: invalid bytes decode as U+FFFD one byte at a time") {
  const std::string s = "a\xff\xc3z";
  auto d = utf8::decode(s, 1);
  CHECK(d.cp == utf8::kReplacement);
  CHECK(d.len == 1);
  CHECK_FALSE(d.valid);
  CHECK(utf8::sanitize(s) == "a\xEF\xBF\xBD\xEF\xBF\xBDz");
  CHECK(utf8::length("привет") == 6);
}

TEST_CASE("utf8: overlong and surrogate sequences are invalid") {
  CHECK_FALSE(utf8::valid("\xC0\xAF"));
  CHECK_FALSE(utf8::valid("\xED\xA0\x80"));
  CHECK(utf8::valid("ёж 🦔"));
}

TEST_CASE("normalise: Cyrillic case folding and ё → е") {
  CHECK(norm_words("ЁЖИК Ёлка ещё") == V{"ежик", "елка", "еще"});
}

// normalize_words gives a word of lower-case letters of one script back without the analyser:
// on random words of those and of everything near them, it must say what the analyser says.
TEST_CASE("normalise: words already normal are given back as the analyser would") {
  const std::vector<std::string> pieces = {"a", "z", "m", "а", "п", "р", "я", "ё", "Ё", "A", "Я", "o", "о",
                                           "0", "3", "*", "-", " ", "'", ".", "ѐ", "ѯ", "ß", "\xD0", "\xD1\x90"};
  std::mt19937 rng(20261206);
  for (int n = 0; n < 20000; ++n) {
    std::string text;
    const int len = 1 + static_cast<int>(rng() % 8);
    const bool plain = rng() % 2;  // half of the words from the fast path's letters only
    for (int k = 0; k < len; ++k)
      text += pieces[rng() % (plain ? 7 : pieces.size())];
    std::string want;
    for (const auto& w : norm_words(text)) want += (want.empty() ? "" : " ") + w;
    INFO(text);
    REQUIRE(normalize_words(text) == want);
  }
  CHECK(normalize_words("виноватый") == "виноватый");
  CHECK(normalize_words("ёлка") == "елка");
  CHECK(normalize_words("xoрошо") == "хорошо");  // a Latin x among Cyrillic letters
}

TEST_CASE("normalise: Latin look-alikes inside a Cyrillic word become Cyrillic") {
  // "oбман" with a Latin o, "ПPOДАЖА" with Latin P and O
  CHECK(norm_words("oбман ПPOДАЖА") == V{"обман", "продажа"});
  // more Latin than Cyrillic letters, but н has no Latin twin: the word is Russian
  CHECK(norm_words("oхyeннo") == V{"охуенно"});
  // a Latin word with one Cyrillic look-alike stays Latin (с has the twin c)
  CHECK(norm_words("sсoop") == V{"scoop"});
}

TEST_CASE("normalise: Cyrillic look-alikes inside a Latin word become Latin") {
  CHECK(norm_words("fuсk sсam") == V{"fuck", "scam"});  // Cyrillic с
}

TEST_CASE("normalise: zero-width characters and soft hyphens vanish") {
  CHECK(norm_words("об\u200Bман ре\u00ADклама") == V{"обман", "реклама"});
}

TEST_CASE("normalise: masking characters inside words") {
  CHECK(norm_words("х*й f**k п@зда sh1t") == V{"х*й", "f**k", "пазда", "shit"});
}

TEST_CASE("normalise: '!' and '#' between letters mask a letter, elsewhere they stay apart") {
  CHECK(norm_words("sh!t х#йня") == V{"sh*t", "х*йня"});
  CHECK(norm_words("f#@k п!3дец ох*€нно") == V{"f**k", "п*здец", "ох**нно"});
  CHECK(norm_words("п@зда a$$ 100€ €100") == V{"пазда", "ass", "100", "100"});
  CHECK(norm_words("Wow! Great #sale Bug#25 C#") == V{"wow", "great", "sale", "bug", "25", "c"});
}

TEST_CASE("normalise: digits alone stay digits") {
  CHECK(norm_words("заказ 4276 от 12.05") == V{"заказ", "4276", "от", "12", "05"});
}

TEST_CASE("normalise: spaced-out letters are joined into one word") {
  CHECK(norm_words("полный п и з д е ц, да") == V{"полный", "пиздец", "да"});
  CHECK(norm_words("х.у.й") == V{"хуй"});
}

TEST_CASE("normalise: two single letters are not joined") {
  CHECK(norm_words("я и ты") == V{"я", "и", "ты"});
}

TEST_CASE("normalise: й written with a combining breve") {
  CHECK(norm_words("чаи\u0306") == V{"чай"});
}

TEST_CASE("tokens: offsets point into the original text") {
  static const KeyTable keys;
  Lemmatizer lem(keys, DictionaryPaths{});
  Analyzer an(lem);
  AnalyzedText t;
  const std::string text = "Ёлки, oбман!";
  an.analyze(text, t, false);
  REQUIRE(t.tokens.size() == 2);
  CHECK(t.original_of(t.tokens[0]) == "Ёлки");
  CHECK(t.original_of(t.tokens[1]) == "oбман");
  CHECK(t.tokens[1].start == text.find("oбман"));
}

TEST_CASE("tokens: hyphenated words split, apostrophes stay") {
  CHECK(norm_words("интернет-провайдер don't") == V{"интернет", "провайдер", "don't"});
}

TEST_CASE("sentences: split on terminators and new lines, not on decimals") {
  static const KeyTable keys;
  Lemmatizer lem(keys, DictionaryPaths{});
  Analyzer an(lem);
  AnalyzedText t;
  an.analyze("Рост 2.5 процента. Дальше!\nИ ещё", t, false);
  CHECK(t.sentences.size() == 3);
  CHECK(t.tokens[0].sentence == t.tokens[3].sentence);  // «Рост 2.5 процента»
}

TEST_CASE("language: detected by script") {
  static const KeyTable keys;
  Lemmatizer lem(keys, DictionaryPaths{});
  Analyzer an(lem);
  AnalyzedText t;
  an.analyze("Hello, мы рады", t, false);
  CHECK(t.lang == Lang::ru);
  an.analyze("We are glad, ООО", t, false);
  CHECK(t.lang == Lang::en);
}

TEST_CASE("analyse: norm offsets map back to original bytes") {
  static const KeyTable keys;
  Lemmatizer lem(keys, DictionaryPaths{});
  Analyzer an(lem);
  AnalyzedText t;
  const std::string text = "Да, ОБМАН.";
  an.analyze(text, t, false);
  const auto pos = t.norm.find("обман");
  REQUIRE(pos != std::string::npos);
  auto [b, e] = t.to_original(pos, pos + std::string("обман").size());
  CHECK(text.substr(b, e - b) == "ОБМАН");
}

TEST_CASE("analyse: invalid UTF-8 is recorded, not fatal") {
  static const KeyTable keys;
  Lemmatizer lem(keys, DictionaryPaths{});
  Analyzer an(lem);
  AnalyzedText t;
  an.analyze("ok \xff bad", t, false);
  CHECK(t.invalid_utf8 == std::vector<std::uint32_t>{3});
  CHECK(t.tokens.size() == 2);
}

TEST_CASE("lemmatizer: Hunspell stems Russian forms to headwords") {
  GRABLI_NEED_DICTIONARIES();
  static const KeyTable keys;
  Lemmatizer lem(keys, DictionaryPaths::discover());
  auto s = lem.stems("подложили", Script::cyrillic);
  CHECK(std::find(s.begin(), s.end(), "подложить") != s.end());
  s = lem.stems("виноваты", Script::cyrillic);
  CHECK(std::find(s.begin(), s.end(), "виноватый") != s.end());
  s = lem.stems("отчеты", Script::cyrillic);
  CHECK(std::find(s.begin(), s.end(), "отчет") != s.end());
}

TEST_CASE("lemmatizer: a proper noun's forms stem to its headword, known only capitalised") {
  GRABLI_NEED_DICTIONARIES();
  static const KeyTable keys;
  Lemmatizer lem(keys, DictionaryPaths::discover());
  // ru_RU has «Россия», «Москва»; Hunspell stems no lower-case «россии»
  CHECK(lem.stems("россии", Script::cyrillic) == std::vector<std::string>{"россия"});
  auto s = lem.stems("москве", Script::cyrillic);
  CHECK(std::find(s.begin(), s.end(), "москва") != s.end());
  s = lem.stems("london", Script::latin);
  CHECK(std::find(s.begin(), s.end(), "london") != s.end());
  // a common word keeps its own stems; an unknown word has none either way
  s = lem.stems("стране", Script::cyrillic);
  CHECK(std::find(s.begin(), s.end(), "страна") != s.end());
  CHECK(lem.stems("фывапр", Script::cyrillic).empty());
  CHECK(capitalised("ёлка") == "Ёлка");
  CHECK(capitalised("the") == "The");
  CHECK(capitalised("1st").empty());
}

TEST_CASE("lemmatizer: missing dictionaries degrade, never fail") {
  static const KeyTable keys;
  Lemmatizer lem(keys, DictionaryPaths{});
  CHECK(lem.stems("подложили", Script::cyrillic).empty());
  CHECK_FALSE(lem.spelled_right("слово", Script::cyrillic).has_value());
}

TEST_CASE("shared answers: one worker's Hunspell answers serve another, by script and form") {
  SharedAnswers shared;
  CHECK_FALSE(shared.stems(1, "виноваты"));
  shared.put_stems(1, "виноваты", {"виноватый"});
  shared.put_spelled(1, "виноваты", true);
  shared.put_spelled(2, "виноваты", false);
  REQUIRE(shared.stems(1, "виноваты"));
  CHECK(*shared.stems(1, "виноваты") == std::vector<std::string>{"виноватый"});
  CHECK_FALSE(shared.stems(2, "виноваты"));
  CHECK(shared.spelled(1, "виноваты") == std::optional<bool>(true));
  CHECK(shared.spelled(2, "виноваты") == std::optional<bool>(false));
}

TEST_CASE("shared answers: two lemmatizers sharing answers agree with one that does not") {
  GRABLI_NEED_DICTIONARIES();
  KeyTable keys;
  SharedAnswers shared;
  Lemmatizer a(keys, DictionaryPaths::discover()), b(keys, DictionaryPaths::discover()),
      alone(keys, DictionaryPaths::discover());
  a.share_answers(&shared);
  b.share_answers(&shared);
  for (const std::string w : {"виноваты", "испрвили", "refunded", "teh", "Москва", "москва"}) {
    const auto script = static_cast<unsigned char>(w[0]) >= 0xD0 ? Script::cyrillic : Script::latin;
    INFO(w);
    const auto first = a.spelled_right(w, script);  // asks Hunspell, tells the others
    CHECK(b.spelled_right(w, script) == first);     // answered from the shared table
    CHECK(alone.spelled_right(w, script) == first);
    CHECK(b.stems(w, script) == alone.stems(w, script));
  }
}

TEST_CASE("shared answers: with the form tables, the workers ask one Hunspell, and agree with one alone") {
  GRABLI_NEED_DICTIONARIES();
  const auto paths = DictionaryPaths::discover();
  REQUIRE(FormTable::for_dictionary(*paths.ru, FormTable::Access::read));  // the build writes them (gen_forms)
  KeyTable keys;
  keys.intern("виноватый");
  keys.intern("доставка");
  SharedAnswers shared;
  const std::vector<std::string> vocabulary = {"Грабли"};
  Lemmatizer alone(keys, paths, vocabulary);
  std::vector<std::unique_ptr<Lemmatizer>> workers;
  for (int i = 0; i < 4; ++i) {
    workers.push_back(std::make_unique<Lemmatizer>(keys, paths, vocabulary));
    workers.back()->use_form_tables(true, FormTable::Access::read);
    workers.back()->share_answers(&shared);
  }
  // forms the table knows, and forms only Hunspell can answer (typos, the vocabulary's word)
  std::vector<std::pair<std::string, Script>> words;
  for (const std::string w : {"виноваты", "доставки", "испрвили", "превед", "колбоса", "грабли", "Грабли", "Москва"})
    words.emplace_back(w, Script::cyrillic);
  for (const std::string w : {"refunded", "teh", "anounce", "The"}) words.emplace_back(w, Script::latin);
  for (int n = 0; n < 200; ++n) words.emplace_back("опечаткаа" + std::to_string(n % 10) + "ыы", Script::cyrillic);
  std::vector<std::optional<bool>> want_spelled;
  std::vector<std::vector<std::string>> want_stems;
  for (const auto& [w, s] : words) {
    want_spelled.push_back(alone.spelled_right(w, s));
    want_stems.push_back(alone.stems(normalize_word(w), s));
  }
  CHECK_FALSE(shared.dictionary(true).tried);
  // the workers at once (the TSan build of this test checks the lock), each in its own order
  std::vector<std::thread> threads;
  std::vector<int> mismatches(workers.size(), 0);
  for (std::size_t k = 0; k < workers.size(); ++k)
    threads.emplace_back([&, k] {
      for (std::size_t j = 0; j < words.size(); ++j) {
        const std::size_t i = (j * (k + 1) + k) % words.size();
        const auto& [w, s] = words[i];
        mismatches[k] += workers[k]->spelled_right(w, s) != want_spelled[i];
        mismatches[k] += workers[k]->stems(normalize_word(w), s) != want_stems[i];
      }
    });
  for (auto& t : threads) t.join();
  CHECK(mismatches == std::vector<int>(workers.size(), 0));
  // one Hunspell per script was loaded, for all of them
  CHECK(shared.dictionary(true).tried);
  CHECK(shared.dictionary(true).hunspell != nullptr);
  CHECK(shared.dictionary(false).hunspell != nullptr);
}

TEST_CASE("a lemmatizer that does not wait for a loading dictionary throws, caches nothing, and then answers alike") {
  GRABLI_NEED_DICTIONARIES();
  const auto paths = DictionaryPaths::discover();
  KeyTable keys;
  keys.intern("виноватый");
  Lemmatizer alone(keys, paths);  // no tables: every answer is Hunspell's
  const std::vector<std::string> words = {"испрвили", "виноваты", "Москва"};
  std::vector<std::optional<bool>> want_spelled;
  std::vector<std::vector<std::uint32_t>> want_keys;
  for (const auto& w : words) {
    want_spelled.push_back(alone.spelled_right(w, Script::cyrillic));
    const auto r = alone.keys(normalize_word(w), Script::cyrillic, true);
    want_keys.emplace_back(alone.view(r).begin(), alone.view(r).end());
  }
  // ru_RU takes ~100 ms to load: the lookups right after the prefetch find it loading
  Lemmatizer::prefetch(paths, Script::cyrillic);
  Lemmatizer late(keys, paths);
  late.wait_for_dictionaries(false);
  int threw = 0;
  for (const auto& w : words) {
    try {
      (void)late.spelled_right(w, Script::cyrillic);
    } catch (const Lemmatizer::DictionaryNotReady&) {
      ++threw;
    }
    try {
      (void)late.keys(normalize_word(w), Script::cyrillic, true);
    } catch (const Lemmatizer::DictionaryNotReady&) {
      ++threw;
    }
  }
  late.wait_for_dictionaries(true);
  for (std::size_t i = 0; i < words.size(); ++i) {
    INFO(words[i]);
    CHECK(late.spelled_right(words[i], Script::cyrillic) == want_spelled[i]);
    const auto r = late.keys(normalize_word(words[i]), Script::cyrillic, true);
    CHECK(std::vector<std::uint32_t>(late.view(r).begin(), late.view(r).end()) == want_keys[i]);
  }
  CHECK(Lemmatizer::prefetches_done());
  if (threw == 0) WARN("ru_RU had loaded before the first lookup: the not-ready path was not exercised");
}

// The analyser decodes ASCII and two-byte Cyrillic inline and everything else through
// utf8::decode: on random mixes of both, of other scripts and of broken bytes, its counts and
// invalid-byte offsets must be those of utf8::decode, code point by code point.
TEST_CASE("analyse: the inline decoding agrees with utf8::decode on random bytes") {
  static const KeyTable keys;
  Lemmatizer lem(keys, DictionaryPaths{});
  Analyzer an(lem);
  AnalyzedText t;
  const std::vector<std::string> pieces = {"a", "Z", "7", " ", "*", ".", "\n", "я", "Я", "Ѐ", "ѿ", "ё", "Ё", "а", "А",
                                           "é", "É", "×", "’", "\xcc\x86", "\xe2\x80\x8b", "😀", "\xd0", "\xd1", "\xd0\x41",
                                           "\xd1\xd0", "\x80", "\xff", "\xe2\x80", "\xf0\x9f"};
  std::mt19937 rng(42);
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const int n = static_cast<int>(rng() % 24);
    for (int i = 0; i < n; ++i) text += pieces[rng() % pieces.size()];
    an.analyze(text, t, false);
    std::vector<std::uint32_t> invalid;
    std::uint32_t cyrillic = 0, latin = 0, upper = 0;
    for (std::size_t i = 0; i < text.size();) {
      const auto d = utf8::decode(text, i);
      if (!d.valid) invalid.push_back(static_cast<std::uint32_t>(i));
      cyrillic += is_cyrillic(d.cp);
      latin += is_latin(d.cp);
      upper += (d.cp >= 'A' && d.cp <= 'Z') || (d.cp >= 0xC0 && d.cp <= 0xDE && d.cp != 0xD7) ||
               (d.cp >= 0x400 && d.cp <= 0x42F);
      i += d.len;
    }
    INFO("text bytes: " << text.size() << " round " << round);
    REQUIRE(t.invalid_utf8 == invalid);
    REQUIRE(t.cyrillic_letters == cyrillic);
    REQUIRE(t.latin_letters == latin);
    REQUIRE(t.upper_letters == upper);
    REQUIRE(t.norm_to_orig.size() == t.norm.size() + 1);
    for (std::size_t i = 0; i < t.norm.size();) {  // the normalised text is valid UTF-8
      const auto d = utf8::decode(t.norm, i);
      REQUIRE(d.valid);
      i += d.len;
    }
    for (const auto& tok : t.tokens) REQUIRE((tok.start < tok.end && tok.end <= text.size()));
  }
}
