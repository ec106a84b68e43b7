#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "match/literal_set.h"

using namespace grabli;

namespace {
std::vector<int> found_in(const LiteralSet& set, std::string_view text) {
  std::vector<int> got;
  set.match(text, got);
  std::sort(got.begin(), got.end());
  return got;
}
// What the automaton must answer: every literal that occurs anywhere, by plain search.
std::vector<int> naive(const std::vector<std::string>& lits, std::string_view text) {
  std::vector<int> want;
  for (std::size_t i = 0; i < lits.size(); ++i)
    if (!lits[i].empty() && text.find(lits[i]) != std::string_view::npos) want.push_back(static_cast<int>(i));
  return want;
}
}  // namespace

TEST_CASE("literal set: overlapping literals and suffixes are all found, each once") {
  const std::vector<std::string> lits = {"he", "she", "his", "hers", "she"};
  const LiteralSet set(lits);
  REQUIRE(set.ok());
  CHECK(found_in(set, "ushers") == std::vector<int>{0, 1, 3, 4});
  CHECK(found_in(set, "she she she") == std::vector<int>{0, 1, 4});
  CHECK(found_in(set, "this") == std::vector<int>{2});
  CHECK(found_in(set, "").empty());
  std::vector<int> got;
  CHECK_FALSE(set.match("nothing to see", got));
  CHECK(got.empty());
}

TEST_CASE("literal set: UTF-8 literals match as bytes, and earlier results are kept") {
  const std::vector<std::string> lits = {"подлож", "хам", "тупо", "ов"};
  const LiteralSet set(lits);
  std::vector<int> got = {99};
  CHECK(set.match("вы нам подложили? хамство", got));
  std::sort(got.begin(), got.end());
  CHECK(got == std::vector<int>{0, 1, 99});
  CHECK(found_in(set, "Хам") .empty());  // exact bytes: the normalised text is lower case
}

TEST_CASE("literal set: agrees with a plain search on random texts") {
  std::mt19937 rng(7);
  const std::string alphabet = "abcab \xd0\xb0\xd0\xb1";
  auto random_string = [&](std::size_t max) {
    std::string s(rng() % max + 1, ' ');
    for (auto& c : s) c = alphabet[rng() % alphabet.size()];
    return s;
  };
  for (int round = 0; round < 200; ++round) {
    std::vector<std::string> lits;
    for (int i = 0; i < 12; ++i) lits.push_back(random_string(5));
    const LiteralSet set(lits);
    for (int t = 0; t < 20; ++t) {
      const std::string text = random_string(60);
      INFO("text '" << text << "'");
      CHECK(found_in(set, text) == naive(lits, text));
    }
  }
}

TEST_CASE("literal set: a table over its memory limit is refused, not built") {
  std::vector<std::string> lits;
  for (int i = 0; i < 2000; ++i) lits.push_back("literal number " + std::to_string(i * 7919));
  CHECK_FALSE(LiteralSet(lits, 4096).ok());
  CHECK(LiteralSet(lits).ok());
}

TEST_CASE("literal set: a long text scanned in pieces still finds what straddles their borders") {
  // texts of 64 bytes and more are cut in two or four pieces; a literal across a cut is found by
  // the chain of the piece where it starts
  std::mt19937 rng(11);
  const std::string alphabet = "ab \xd0\xb0\xd0\xb1";
  auto random_string = [&](std::size_t min, std::size_t max) {
    std::string s(min + rng() % (max - min + 1), ' ');
    for (auto& c : s) c = alphabet[rng() % alphabet.size()];
    return s;
  };
  for (int round = 0; round < 100; ++round) {
    std::vector<std::string> lits;
    for (int i = 0; i < 8; ++i) lits.push_back(random_string(3, 12));
    lits.push_back(random_string(40, 60));  // as long as the shipped packs' longest atoms
    const LiteralSet set(lits);
    for (int t = 0; t < 10; ++t) {
      std::string text = random_string(60, 700);
      // plant literals across each cut of two and of four pieces
      for (const std::size_t pieces : {2u, 4u})
        for (std::size_t k = 1; k < pieces; ++k) {
          const std::string& lit = lits[rng() % lits.size()];
          const std::size_t cut = text.size() * k / pieces;
          const std::size_t from = cut - std::min(cut, 1 + rng() % lit.size());
          if (from + lit.size() <= text.size()) text.replace(from, lit.size(), lit);
        }
      INFO("text '" << text << "'");
      CHECK(found_in(set, text) == naive(lits, text));
    }
  }
}
