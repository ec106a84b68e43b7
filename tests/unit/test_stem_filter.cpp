#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "helpers.h"
#include "text/form_cache.h"
#include "text/lemmatizer.h"
#include "text/stem_filter.h"

using namespace grabli;
namespace fs = std::filesystem;

namespace {
fs::path write_aff(const std::string& name, const std::string& content) {
  const fs::path p = fs::temp_directory_path() / ("grabli-test-" + name + ".aff");
  std::ofstream(p) << content;
  return p;
}
}  // namespace

TEST_CASE("stem filter: a form passes only if it can come from a key by undoing one affix", "[text][stems]") {
  KeyTable keys;
  keys.intern("кошка");
  keys.intern("ус");
  // strip "а" for -ами/-у, nothing for -и; a prefix rule "пере"
  const auto aff = write_aff("basic", "SET UTF-8\nSFX A Y 2\nSFX A а ами .\nSFX A а у а\nSFX B Y 1\nSFX B 0 ы .\n"
                                      "PFX P Y 1\nPFX P 0 пере .\n");
  const StemFilter f = StemFilter::build(aff, keys);
  REQUIRE(f.usable());
  CHECK(f.may_reach_key("кошка"));
  CHECK(f.may_reach_key("кошками"));
  CHECK(f.may_reach_key("кошку"));
  CHECK(f.may_reach_key("перекошку"));        // prefix undone, then the base
  CHECK_FALSE(f.may_reach_key("кошкамиии"));  // longer than any ending
  CHECK(f.may_reach_key("кошкаы"));           // the rule that strips nothing
  CHECK_FALSE(f.may_reach_key("собака"));
  CHECK_FALSE(f.may_reach_key("кот"));
  // «ус» is too short for a base: its forms are listed exactly
  CHECK(f.may_reach_key("усы"));
  CHECK(f.may_reach_key("ус"));
  CHECK_FALSE(f.may_reach_key("успех"));
  CHECK(f.may_reach_key("кош-ка"));  // Hunspell breaks hyphenated words: no claim
  fs::remove(aff);
}

TEST_CASE("stem filter: dictionaries it cannot model make it say maybe", "[text][stems]") {
  KeyTable keys;
  keys.intern("кошка");
  const auto compound = write_aff("compound", "SET UTF-8\nCOMPOUNDFLAG X\nSFX A Y 1\nSFX A а у а\n");
  const StemFilter c = StemFilter::build(compound, keys);
  CHECK_FALSE(c.usable());
  CHECK(c.may_reach_key("собака"));
  const StemFilter missing = StemFilter::build("/nonexistent/grabli.aff", keys);
  CHECK_FALSE(missing.usable());
  CHECK(missing.may_reach_key("собака"));
  const auto iconv = write_aff("iconv", "SET UTF-8\nICONV 1\nICONV ’ '\nSFX A Y 1\nSFX A а у а\n");
  const StemFilter i = StemFilter::build(iconv, keys);
  REQUIRE(i.usable());
  CHECK(i.may_reach_key("соб’ака"));
  CHECK_FALSE(i.may_reach_key("собака"));
  fs::remove(compound);
  fs::remove(iconv);
}

// The property that matters: with the real dictionaries and the shipped packs' words, no form
// the filter turns away has a stem that is a rule word.
TEST_CASE("stem filter: loses no stem of the shipped packs on real words", "[text][stems][dict]") {
  GRABLI_NEED_DICTIONARIES();
  auto loaded = compile_policy(embedded_policy_sources(), embedded_vocabulary(), DictionaryPaths::discover());
  REQUIRE(loaded.policy);
  const Policy& p = *loaded.policy;
  Lemmatizer lem(p.keys, p.dictionaries);
  const StemFilter ru = StemFilter::build(p.dictionaries.ru->string() + ".aff", p.keys);
  const StemFilter en = StemFilter::build(p.dictionaries.en->string() + ".aff", p.keys);
  REQUIRE(ru.usable());
  REQUIRE(en.usable());
  // every word of every rule file: the words rules are about, in all the forms their examples use
  std::set<std::string> ru_forms, en_forms;
  for (const auto& src : embedded_policy_sources())
    for (const auto& w : test::norm_words(src.content)) {
      const bool cyr = !w.empty() && static_cast<unsigned char>(w[0]) >= 0xD0;
      (cyr ? ru_forms : en_forms).insert(w);
    }
  REQUIRE(ru_forms.size() > 2000);
  std::size_t turned_away = 0;
  for (const auto& [forms, filter, script] :
       {std::tuple{&ru_forms, &ru, Script::cyrillic}, std::tuple{&en_forms, &en, Script::latin}})
    for (const auto& form : *forms) {
      if (filter->may_reach_key(form)) continue;
      ++turned_away;
      for (const auto& s : lem.stems(form, script)) {
        if (script == Script::latin && s[0] != form[0]) continue;  // as Lemmatizer::keys
        INFO(form << " stems to the rule word " << s);
        CHECK_FALSE(p.keys.find(s));
      }
    }
  CHECK(turned_away > 100);  // the filter does turn words away
}

// The same with a lexicon made of those words' own lemmas: every fifth word's stems are keys, so
// most words have a key among their bases and only the endings can turn them away.
TEST_CASE("stem filter: loses no stem of a large lexicon of the words' own lemmas", "[text][stems][dict]") {
  GRABLI_NEED_DICTIONARIES();
  const auto paths = DictionaryPaths::discover();
  KeyTable none;
  Lemmatizer lem(none, paths);
  std::set<std::string> ru_forms, en_forms;
  for (const auto& src : embedded_policy_sources())
    for (const auto& w : test::norm_words(src.content)) {
      const bool cyr = !w.empty() && static_cast<unsigned char>(w[0]) >= 0xD0;
      (cyr ? ru_forms : en_forms).insert(w);
    }
  for (const auto& [forms, script, dict] : {std::tuple{&ru_forms, Script::cyrillic, paths.ru},
                                            std::tuple{&en_forms, Script::latin, paths.en}}) {
    KeyTable keys;
    std::size_t i = 0;
    for (const auto& form : *forms)
      if (i++ % 5 == 0)
        for (const auto& s : lem.stems(form, script)) keys.intern(s);
    REQUIRE(keys.size() > 300);
    const StemFilter filter = StemFilter::build(dict->string() + ".aff", keys);
    REQUIRE(filter.usable());
    std::size_t turned_away = 0, lost = 0;
    for (const auto& form : *forms) {
      if (filter.may_reach_key(form)) continue;
      ++turned_away;
      for (const auto& s : lem.stems(form, script)) {
        if (script == Script::latin && s[0] != form[0]) continue;  // as Lemmatizer::keys
        if (keys.find(s)) {
          ++lost;
          UNSCOPED_INFO(form << " stems to the key " << s);
        }
      }
    }
    CHECK(lost == 0);
    INFO(turned_away << " of " << forms->size() << " forms turned away");
    CHECK(turned_away * 4 > forms->size());
  }
}

// The cache hashes and compares eight bytes a step, the last step overlapping: forms of every
// length that differ in one byte anywhere, or only in length, must each find their own slot.
TEST_CASE("form cache: forms differing in one byte, at any place and length, stay apart", "[text][cache]") {
  FormCache cache;
  std::vector<std::string> forms;
  for (std::size_t len = 0; len <= 40; ++len) {
    const std::string base(len, 'a');
    forms.push_back(base);
    for (std::size_t at = 0; at < len; ++at) {
      std::string f = base;
      f[at] = 'b';
      forms.push_back(f);
    }
  }
  for (std::size_t i = 0; i < forms.size(); ++i) {
    INFO("form " << forms[i].size() << " bytes: " << forms[i]);
    REQUIRE(cache.find(forms[i]).value == FormCache::kAbsent);
    cache.insert(forms[i], static_cast<std::uint32_t>(i));
  }
  bool found_own = true, compared_right = true;
  for (std::size_t i = 0; i < forms.size(); ++i) {
    found_own &= cache.find(forms[i]).value == i;
    // the compare itself, which the hash hides unless two forms collide
    const std::string& a = forms[i];
    for (std::size_t at = 0; at < a.size(); ++at) {
      std::string b = a;
      b[at] = static_cast<char>(b[at] ^ 0x40);
      compared_right &= !FormCache::same_bytes(a.data(), b.data(), a.size());
    }
    compared_right &= FormCache::same_bytes(a.data(), std::string(a).data(), a.size());
  }
  CHECK(found_own);
  CHECK(compared_right);
}

TEST_CASE("form cache: finds every form it was given, through growth and clear", "[text][cache]") {
  FormCache cache;
  CHECK(cache.find("кошка").value == FormCache::kAbsent);
  std::vector<std::string> forms;
  for (int i = 0; i < 5000; ++i) forms.push_back("форма" + std::to_string(i * 7919 % 100003));
  for (std::size_t i = 0; i < forms.size(); ++i) {
    REQUIRE(cache.find(forms[i]).value == FormCache::kAbsent);
    cache.insert(forms[i], static_cast<std::uint32_t>(i), std::uint64_t{i} << 32 | (i * 3));
  }
  CHECK(cache.size() == forms.size());
  bool all = true;
  for (std::size_t i = 0; i < forms.size(); ++i) {
    const auto f = cache.find(forms[i], cache.prefetch(forms[i]));  // the hash prefetch gives
    all &= f.value == i && f.payload == (std::uint64_t{i} << 32 | (i * 3));
  }
  CHECK(all);
  CHECK(cache.find("форма").value == FormCache::kAbsent);
  CHECK(cache.find("").value == FormCache::kAbsent);
  cache.insert("", 7);
  CHECK(cache.find("").value == 7);
  cache.clear();
  CHECK(cache.find(forms[0]).value == FormCache::kAbsent);
  CHECK(cache.size() == 0);
}
