#include <algorithm>

#include <catch2/catch.hpp>

#include "helpers.h"
#include "match/pattern_bank.h"
#include "policy/yaml_tree.h"

using namespace grabli;
using grabli::test::errors_of;

namespace {
const char* kGood = R"(pack: t
rules:
  - id: blame
    category: customer-conflict
    kind: phrase
    phrases: ["сам подложить"]
    message: m
    examples: {bad: ["Вы сами подложили."], good: ["Мы сами."]}
)";

std::string first_error(const std::string& yaml) {
  auto e = errors_of(yaml);
  REQUIRE_FALSE(e.empty());
  return e.front().to_string();
}
}  // namespace

TEST_CASE("policy: a valid file compiles") { CHECK(errors_of(kGood).empty()); }

TEST_CASE("policy: unknown key gets a did-you-mean with file:line:column and rule id") {
  std::string y = kGood;
  y.replace(y.find("phrases:"), 8, "phrase: ");
  const auto e = first_error(y);
  CHECK(e.find("p.yaml:6:5:") == 0);
  CHECK(e.find("[t/blame]") != std::string::npos);
  CHECK(e.find("did you mean 'phrases'") != std::string::npos);
}

TEST_CASE("policy: '|' between whole phrases is reported, where it joins only words") {
  std::string y = kGood;
  y.replace(y.find("[\"сам подложить\"]"), std::string("[\"сам подложить\"]").size(),
            "['\"use\" \"code\"|\"my\" \"code\"']");
  const auto e = first_error(y);
  CHECK(e.find("[t/blame]") != std::string::npos);
  CHECK(e.find("\"code\" is an alternative of two words in a row") != std::string::npos);
  // the same word twice, or alternatives that differ, stay valid
  std::string ok = kGood;
  ok.replace(ok.find("[\"сам подложить\"]"), std::string("[\"сам подложить\"]").size(),
             "['\"use\"|\"enter\" \"code\"|\"promo\"', '\"очень\" \"очень\"', '\"кто\" \"понял\" ... \"тот\"|\"понял\"']");
  CHECK(errors_of(ok).empty());
}

TEST_CASE("policy: a contraction then \"not\", and broken groups, are reported") {
  auto with = [](const std::string& phrase) {
    std::string y = kGood;
    y.replace(y.find("[\"сам подложить\"]"), std::string("[\"сам подложить\"]").size(), "['" + phrase + "']");
    return y;
  };
  auto e = first_error(with("\"don''t\"|\"do\" \"not\" \"publish\""));
  CHECK(e.find("[t/blame]") != std::string::npos);
  CHECK(e.find("\"don't\" then \"not\" never occurs") != std::string::npos);
  CHECK(e.find("group words in parentheses") != std::string::npos);
  CHECK(first_error(with("(\"a\" \"b\"|\"c\" \"d\"")).find("never closed") != std::string::npos);
  CHECK(first_error(with("(\"a\"||\"c\") \"d\"")).find("empty alternative") != std::string::npos);
  CHECK(first_error(with("(\"a\"|\"c\")\"d\"")).find("put a space after") != std::string::npos);
  CHECK(errors_of(with("(\"don''t\"|\"do\" \"not\") \"publish\"")).empty());
}

TEST_CASE("policy: duplicate keys are reported (yaml-cpp would keep the last)") {
  std::string y = kGood;
  y.insert(y.find("    message: m"), "    message: first\n");
  const auto e = first_error(y);
  CHECK(e.find("duplicate key 'message'") != std::string::npos);
  CHECK(e.find("p.yaml:8:") == 0);
}

TEST_CASE("policy: a large file gets the same structure errors") {
  // over 64 KiB (with yaml-cpp, the structure check then ran beside the load); a big map's keys are
  // checked by hash
  std::string big = "pack: t\nrules:\n";
  for (int i = 0; big.size() < 100 * 1024; ++i)
    big += "  - id: r" + std::to_string(i) +
           "\n    category: customer-conflict\n    kind: phrase\n    phrases: [\"сам подложить\"]\n    message: m\n"
           "    examples: {bad: [\"Вы сами подложили.\"], good: [\"Мы сами.\"]}\n";
  CHECK(errors_of(big).empty());
  const auto lines = static_cast<long>(std::count(big.begin(), big.end(), '\n'));
  std::string dup = big + "  - id: last\n    message: a\n    message: b\n";
  const auto e = first_error(dup);
  CHECK(e.find("duplicate key 'message'") != std::string::npos);
  CHECK(e.find("p.yaml:" + std::to_string(lines + 3) + ":") == 0);
  CHECK(first_error(big + "  - &a {id: x}\n  - *a\n").find("anchors (&name) are not allowed") != std::string::npos);
  std::string deep = big + "  - id: deep\n    x: ";
  deep += std::string(3000, '[') + std::string(3000, ']') + "\n";  // past yaml-cpp's own limit of 2000 (libyaml has none)
  CHECK(first_error(deep).find("nesting is deeper than") != std::string::npos);
}

TEST_CASE("policy: duplicate rule ids are reported") {
  std::string y = kGood;
  y += y.substr(y.find("  - id: blame"));
  const auto e = first_error(y);
  CHECK(e.find("duplicate rule id") != std::string::npos);
  CHECK(e.find("[t/blame]") != std::string::npos);
}

TEST_CASE("policy: unknown category, role, channel, kind and level are named") {
  auto swap = [](std::string y, const std::string& from, const std::string& to) {
    y.replace(y.find(from), from.size(), to);
    return y;
  };
  CHECK(first_error(swap(kGood, "customer-conflict", "customer-conflikt")).find("did you mean 'customer-conflict'") !=
        std::string::npos);
  CHECK(first_error(swap(kGood, "kind: phrase", "kind: phrass")).find("unknown kind 'phrass'") != std::string::npos);
  CHECK(first_error(swap(kGood, "    message: m", "    roles: [suport]\n    message: m")).find("did you mean 'support'") !=
        std::string::npos);
  CHECK(first_error(swap(kGood, "    message: m", "    channels: [myspace]\n    message: m")).find("unknown channel") !=
        std::string::npos);
  CHECK(first_error(swap(kGood, "    message: m", "    level: fatal\n    message: m")).find("unknown level 'fatal'") !=
        std::string::npos);
}

TEST_CASE("policy: invalid regex carries RE2's own message") {
  const std::string y = R"(pack: t
rules:
  - id: re
    category: profanity
    kind: pattern
    pattern: "(unclosed"
    message: m
    examples: {bad: ["a"], good: ["b"]}
)";
  const auto e = first_error(y);
  CHECK(e.find("p.yaml:6:14:") == 0);
  CHECK(e.find("missing )") != std::string::npos);
}

TEST_CASE("policy: aliases and anchors are rejected") {
  const std::string y = "pack: t\nrules:\n  - &a {id: x}\n  - *a\n";
  CHECK(first_error(y).find("anchors") != std::string::npos);
}

TEST_CASE("policy: a YAML alias bomb is refused before expansion") {
  std::string y = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n";
  for (char c = 'b'; c <= 'j'; ++c)
    y += std::string(1, c) + ": &" + c + " [*" + char(c - 1) + ",*" + char(c - 1) + ",*" + char(c - 1) + ",*" +
         char(c - 1) + "]\n";
  const auto e = errors_of(y);
  REQUIRE_FALSE(e.empty());
  CHECK(e.front().line == 1);
}

TEST_CASE("policy: deep nesting is reported clearly, not as 'bad file'") {
  const std::string y = std::string(100000, '[') + std::string(100000, ']');
  const auto e = first_error(y);
  CHECK(e.find("nesting is deeper than") != std::string::npos);
}

TEST_CASE("policy: missing examples are an error") {
  std::string y = kGood;
  y.replace(y.find("examples"), std::string::npos, "examples: {bad: [\"x\"]}\n");
  CHECK(first_error(y).find("examples.good") != std::string::npos);
}

TEST_CASE("policy: a rule id must be a slug") {
  std::string y = kGood;
  y.replace(y.find("id: blame"), 9, "id: Blame It");
  CHECK(first_error(y).find("must use lower-case") != std::string::npos);
}

TEST_CASE("policy: the file must have pack and rules") {
  CHECK(first_error("rules: []\n").find("pack: NAME") != std::string::npos);
  CHECK(first_error("pack: t\nrulez: []\n").find("pack: NAME") != std::string::npos);
}

TEST_CASE("policy: the shipped packs compile without errors") {
  auto loaded = compile_policy(embedded_policy_sources(), embedded_vocabulary(), DictionaryPaths::discover());
  for (const auto& e : loaded.errors) UNSCOPED_INFO(e.to_string());
  CHECK(loaded.errors.empty());
  CHECK(loaded.policy->rules.size() >= 10);
}

TEST_CASE("policy: the build's pack index says what each shipped file holds") {
  // `check` leaves packs out by this index (src/tools/gen_stems.cpp): it must name every shipped
  // policy file, with exactly the ids and languages the loader compiles from it
  const auto index = embedded_pack_index();
  std::size_t files = 0;
  for (const auto& src : embedded_policy_sources()) {
    ++files;
    const std::string path = src.path.substr(std::string("<embedded>/").size());
    const auto info = std::find_if(index.begin(), index.end(), [&](const EmbeddedPackInfo& p) { return p.path == path; });
    INFO(path);
    REQUIRE(info != index.end());
    auto loaded = compile_policy({src}, {}, DictionaryPaths::discover());
    REQUIRE(loaded.errors.empty());
    std::string ids;
    std::uint8_t languages = 0;
    for (const auto& r : loaded.policy->rules) {
      ids += r.full_id() + "\n";
      CHECK(r.pack == info->pack);
      if (r.languages.empty()) languages |= kPackAllLanguages;
      for (const auto& l : r.languages) languages |= l == "ru" ? kPackRussian : l == "en" ? kPackEnglish : 0;
    }
    CHECK(ids == info->rule_ids);
    CHECK(int(languages) == int(info->languages));
  }
  CHECK(files == index.size());
}

TEST_CASE("policy: shipped packs for other languages are left out, their rules still known") {
  std::vector<std::string> left_out;
  const auto ru_packs = embedded_policy_sources(kPackRussian, left_out);
  const auto all = embedded_policy_sources();
  CHECK(ru_packs.size() < all.size());
  CHECK(std::any_of(left_out.begin(), left_out.end(), [](const std::string& id) { return id == "en-profanity/swearing"; }));
  CHECK(std::none_of(left_out.begin(), left_out.end(), [](const std::string& id) { return id.starts_with("ru-"); }));
  for (const auto& s : ru_packs) CHECK(s.path.find("/rules/en/") == std::string::npos);
  auto loaded = compile_policy(ru_packs, embedded_vocabulary(), DictionaryPaths::discover());
  REQUIRE(loaded.errors.empty());
  Policy& p = *loaded.policy;
  CHECK(p.find("ru-profanity/mat") != nullptr);
  CHECK(p.find("en-profanity/swearing") == nullptr);
  CHECK_FALSE(p.knows("en-profanity/swearing"));
  p.left_out = left_out;
  p.languages = kPackRussian;
  CHECK(p.knows("en-profanity/swearing"));
  CHECK(p.knows("en-profanity"));
  CHECK(p.knows("ru-profanity"));
  CHECK_FALSE(p.knows("en-profanity/swaering"));
  CHECK_FALSE(p.knows("en-profan"));
  // a post the policy is not whole for says so; the English packs were left out of this one
  Checker c(p);
  Post en, ru;
  en.text = "Fuck, what a mess.";
  ru.text = "Какой кошмар.";
  c.check(en);
  CHECK(c.last_lang() == Lang::en);
  CHECK_FALSE(c.policy_whole_for_last());
  c.check(ru);
  CHECK(c.policy_whole_for_last());
  ru.lang = "en";  // front matter's word over the script's
  c.check(ru);
  CHECK_FALSE(c.policy_whole_for_last());
}

TEST_CASE("policy: without_ranges keeps every line break") {
  const std::string text = "a: 1\nexamples:\n  bad: [x]\n  good: [y]\nb: 2\n";
  const std::uint32_t cut[] = {5, 38};
  CHECK(without_ranges(text, cut) == "a: 1\n\n\n\nb: 2\n");
  const std::uint32_t none[] = {3, 3};
  CHECK(without_ranges(text, none) == text);
  const std::uint32_t past_end[] = {5, 4000};
  CHECK(without_ranges(text, past_end) == "a: 1\n\n\n\n\n");
  const std::uint32_t backwards[] = {10, 5};
  CHECK(without_ranges(text, backwards) == text);
  const std::uint32_t unsorted[] = {20, 25, 5, 10};
  CHECK(without_ranges(text, unsorted).size() == text.size() - 5);  // the first cut only
}

TEST_CASE("policy: the shipped packs without their examples are the same policy") {
  // what check and hook run compile: every rule, the same matchers, only the examples gone
  std::vector<std::string> none;
  const auto lean_sources = embedded_policy_sources_without_examples(kPackAllLanguages, none);
  const auto full_sources = embedded_policy_sources();
  REQUIRE(lean_sources.size() == full_sources.size());
  for (std::size_t i = 0; i < lean_sources.size(); ++i) {
    INFO(full_sources[i].path);
    CHECK(lean_sources[i].without_examples);
    CHECK(lean_sources[i].content.size() < full_sources[i].content.size() * 9 / 10);
    CHECK(std::count(lean_sources[i].content.begin(), lean_sources[i].content.end(), '\n') ==
          std::count(full_sources[i].content.begin(), full_sources[i].content.end(), '\n'));
  }
  auto lean = compile_policy(lean_sources, embedded_vocabulary(), DictionaryPaths::discover());
  auto full = compile_policy(full_sources, embedded_vocabulary(), DictionaryPaths::discover());
  REQUIRE(lean.errors.empty());
  REQUIRE(full.errors.empty());
  REQUIRE(lean.policy->rules.size() == full.policy->rules.size());
  Checker lc(*lean.policy), fc(*full.policy);
  std::size_t examples = 0;
  for (std::size_t i = 0; i < full.policy->rules.size(); ++i) {
    const Rule& f = full.policy->rules[i];
    const Rule& l = lean.policy->rules[i];
    CHECK(l.full_id() == f.full_id());
    CHECK(l.line == f.line);
    CHECK(l.bad.empty());
    for (const auto* list : {&f.bad, &f.good})
      for (const auto& e : *list) {
        Post p;
        p.text = e.text;
        p.role = e.role;
        p.channel = e.channel;
        p.lang = e.lang;
        p.reply_to = e.reply_to;
        auto ids = [](const std::vector<Finding>& fs) {
          std::vector<std::string> out;
          for (const auto& x : fs) out.push_back(x.rule + "@" + std::to_string(x.start) + ":" + x.message);
          return out;
        };
        INFO(e.text);
        CHECK(ids(lc.check(p)) == ids(fc.check(p)));
        ++examples;
      }
  }
  CHECK(examples > 300);
  // a team's own pack still needs its examples
  auto own = errors_of("pack: t\nrules:\n  - id: x\n    category: profanity\n    kind: phrase\n    phrases: [\"a\"]\n    message: m\n");
  REQUIRE(own.size() == 1);
  CHECK(own[0].message.find("rule needs examples") != std::string::npos);
}

TEST_CASE("yaml check: errors are 1-based") {
  auto e = check_yaml_structure("a: 1\na: 2\n", "x.yaml");
  REQUIRE(e.size() == 1);
  CHECK(e[0].line == 2);
  CHECK(e[0].column == 1);
}

TEST_CASE("policy: the shipped packs have no duplicate keys, aliases or deep nesting") {
  // compile_policy checks them at every start too; this names each issue
  for (const auto& src : embedded_policy_sources()) {
    const auto issues = check_yaml_structure(src.content, src.path);
    for (const auto& e : issues) UNSCOPED_INFO(e.to_string());
    CHECK(issues.empty());
  }
}

TEST_CASE("pattern bank: the letter class on the normalised text becomes explicit letter ranges") {
  CHECK(narrow_letter_classes("ху\\pL*") == "ху[a-z\u00DF-\u024F\u0370-\u03FF\u0400-\u052F]*");
  CHECK(narrow_letter_classes("[\\pL\\-]+") == "[a-z\u00DF-\u024F\u0370-\u03FF\u0400-\u052F\\-]+");
  CHECK(narrow_letter_classes("a\\\\pL") == "a\\\\pL");  // an escaped backslash, then "pL"
}
