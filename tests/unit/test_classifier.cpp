#include <catch2/catch.hpp>

#include <algorithm>

#include "engine/checker.h"
#include "helpers.h"
#include "match/classifier.h"

using namespace grabli;
using grabli::test::errors_of;
using grabli::test::policy_from;

namespace {
// The analyser's reading of `text`, which must outlive the result (it points into it).
AnalyzedText analysed(const std::string& text) {
  static const KeyTable keys;
  static Lemmatizer lem(keys, DictionaryPaths{});
  static Analyzer a(lem);
  AnalyzedText t;
  a.analyze(text, t, false);
  return t;
}
std::vector<std::string> features_of(const std::string& text, const std::string& role = "", bool reply = false) {
  const AnalyzedText t = analysed(text);
  Post p;
  p.text = text;
  p.role = role;
  if (reply) p.reply_to = "?";
  return Classifier::feature_names(p, t, t.lang);
}
std::string error_text(const std::string& yaml) {
  std::string all;
  for (const auto& e : errors_of(yaml)) all += e.to_string() + "\n";
  return all;
}
bool has(const std::vector<std::string>& v, const std::string& x) { return std::find(v.begin(), v.end(), x) != v.end(); }
}  // namespace

TEST_CASE("classifier: features are stems and stem pairs of the normalised words, each once") {
  const auto f = features_of("Вы САМИ виноваты, вы сами!", "support", true);
  CHECK(f[0] == "lang:ru");
  CHECK(has(f, "role:support"));
  CHECK(has(f, "reply"));
  CHECK(has(f, "u:вы"));
  CHECK(has(f, "u:винов"));  // five letters of a Russian word: «виноваты», «виноват», «виновата» agree
  CHECK(has(f, "b:сами винов"));
  CHECK(std::count(f.begin(), f.end(), "u:сами") == 1);
  CHECK(std::count(f.begin(), f.end(), "b:вы сами") == 1);
  // look-alike Latin letters and ё are read as the normaliser reads them
  CHECK(has(features_of("нaш ёжик"), "u:наш"));
  CHECK(has(features_of("нaш ёжик"), "u:ежик"));
  // English: one common ending off, seven bytes kept; numbers are only their length
  const auto e = features_of("Blaming customers 12345 times");
  CHECK(e[0] == "lang:en");
  CHECK(has(e, "u:blam"));
  CHECK(has(e, "u:custome"));
  CHECK(has(e, "u:<d5>"));
  CHECK(has(e, "b:custome <d5>"));
  CHECK(features_of("").size() == 1);  // only the language
}

TEST_CASE("classifier: the model text format, and errors that name the line") {
  std::string why;
  const auto m = Classifier::parse(
      "# comment\ncategories\tcompetitor\tcustomer-conflict\nbias\t-2 -1.5\nu:винов\t1:3.5\nb:вы сами\t0:-0.5 1:1\n", why);
  REQUIRE(m);
  CHECK(m->categories().size() == 2);
  CHECK(m->category("customer-conflict") == 1);
  CHECK(m->category("profanity") == -1);
  CHECK(m->features() == 2);

  const std::string text = "Вы сами виноваты, вы сами виноваты";
  const AnalyzedText t = analysed(text);
  Post p;
  p.text = text;
  ClassifierScratch s;
  m->score(p, t, Lang::ru, s);
  CHECK(s.done);
  CHECK(s.logit[1] == Approx(-1.5 + 3.5 + 1));  // each feature once, however often it occurs
  CHECK(s.logit[0] == Approx(-2 - 0.5));
  CHECK(text.substr(s.where(1).first, s.where(1).second - s.where(1).first) == "виноваты");  // its strongest word
  CHECK(Classifier::probability(s.logit[1]) > 0.9f);

  // weights as the trainer writes them ("%.3f") and as any other decimal notation
  {
    const auto w = Classifier::parse("categories\ta\tb\nbias\t-1.250 0.5\nu:вы\t0:2.125 1:-3\nu:сами\t0:1e-1 1:.5\n", why);
    REQUIRE(w);
    ClassifierScratch ws;
    w->score(p, t, Lang::ru, ws);
    CHECK(ws.logit[0] == Approx(-1.25 + 2.125 + 0.1));
    CHECK(ws.logit[1] == Approx(0.5 - 3 + 0.5));
  }
  for (const auto& [bad, line] : std::vector<std::pair<std::string, std::string>>{
           {"bias\t1\n", "line 1: the first record must be 'categories'"},
           {"categories\ta\nbias\t1 2\n", "line 2: 'bias' needs one weight per category"},
           {"categories\ta\nbias\t1\nu:x\t0:nan\n", "line 3: expected category:weight, got '0:nan'"},
           {"categories\ta\nbias\t1\nu:x\t1:0.5\n", "line 3: expected category:weight, got '1:0.5'"},
           {"categories\ta\nbias\t1\nu:x\t0:1\nu:x\t0:2\n", "line 4: feature 'u:x' again"},
           {"categories\ta\nu:x 0:1\n", "line 2: expected a name, a tab and values"},
           {"categories\ta\n", "line 1: no 'bias' line"},
       }) {
    INFO(bad);
    CHECK_FALSE(Classifier::parse(bad, why));
    CHECK(why.find(line) != std::string::npos);
  }
}

TEST_CASE("classifier: the shipped model parses and knows the categories its rules name") {
  std::string why;
  const Classifier* m = Classifier::shipped(&why);
  INFO(why);
  REQUIRE(m);
  CHECK(m->features() > 1000);
  for (const char* c : {"customer-conflict", "competitor", "stonewalling", "sensitive-topic"}) CHECK(m->category(c) >= 0);
}

TEST_CASE("classifier: a rule fires above its threshold, as a fallback, and is checked at load") {
  GRABLI_NEED_DICTIONARIES();
  const std::string head = "pack: t\nrules:\n  - id: m\n    category: customer-conflict\n    message: m\n";
  const std::string ex = "    examples: {bad: [\"x\"], good: [\"y\"]}\n";
  auto p = policy_from(head + "    kind: classifier\n    languages: [ru]\n    threshold: 0.5\n" + ex);
  Checker c(*p);
  Post post;
  post.role = "support";
  post.reply_to = "Заказ не пришёл";
  post.text = "Надо было внимательнее читать условия, а не писать сюда гадости. Сами виноваты.";
  auto f = c.check(post);
  REQUIRE(f.size() == 1);
  CHECK(f[0].rule == "t/m");
  CHECK(f[0].message.find(" (model: ") != std::string::npos);
  post.text = "Спасибо, что написали! Проверим заказ и вернём деньги сегодня.";
  CHECK(c.check(post).empty());

  CHECK(error_text(head + "    kind: classifier\n    threshold: 1.5\n" + ex).find("probability between 0 and 1") !=
        std::string::npos);
  CHECK(error_text(head + "    kind: classifier\n    threshold: high\n" + ex).find("threshold must be a number") !=
        std::string::npos);
  CHECK(error_text("pack: t\nrules:\n  - id: m\n    category: spelling\n    message: m\n    kind: classifier\n" + ex)
            .find("the shipped model has no category 'spelling'") != std::string::npos);
}
