#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "text/analyzer.h"
#include "text/keys.h"

namespace grabli {

// One element of a compiled phrase.
struct PhraseElement {
  enum Kind : std::uint8_t { word, any, gap } kind = word;
  std::vector<std::uint32_t> keys;  // word: any of these keys matches
};

struct PhraseHit {
  std::uint32_t phrase = 0;
  std::uint32_t first_token = 0, end_token = 0;  // [first, end)
};

// Every lexicon phrase of every rule, indexed by the keys of its first word: one hash-free
// array lookup per token key finds the phrases that could start there. Phrases, their elements
// and their keys are stored flat (one array each): with a large lexicon the vector-of-vectors
// layout was three dependent cache misses per candidate phrase.
class PhraseIndex {
 public:
  std::uint32_t add(std::vector<PhraseElement> elements);
  void build(std::size_t key_count);
  // Appends hits sorted by phrase id, then position.
  void find(const AnalyzedText& text, const Lemmatizer& lem, std::vector<PhraseHit>& out) const;
  std::size_t size() const { return phrase_begin_.size() - 1; }

 private:
  struct Element {
    PhraseElement::Kind kind;
    std::uint32_t keys_begin, keys_end;  // in keys_
  };
  // elements [e, last) of a phrase from token `tok` on, inside `sentence`
  bool match_from(std::uint32_t e, std::uint32_t last, const AnalyzedText& text, const Lemmatizer& lem,
                  std::uint32_t tok, std::uint32_t sentence, std::uint32_t& end) const;
  std::vector<Element> elements_;
  std::vector<std::uint32_t> keys_;
  std::vector<std::uint32_t> phrase_begin_{0};  // phrase p: elements_[phrase_begin_[p], phrase_begin_[p + 1])
  // A phrase that starts with a key, with the range of its elements after the first: the
  // candidates of a token are read in one sweep, without a second lookup per phrase.
  // `next` is a 32-bit signature of the keys of the second element (kAnyNext for a gap, `any`
  // or a one-word phrase): a candidate whose next token shares no signature bit fails without
  // reading its elements — with a large lexicon most candidates end there, and reading them
  // was the cache misses of the phrase pass.
  struct Start {
    std::uint32_t phrase, rest_begin, rest_end, next;
  };
  static constexpr std::uint32_t kAnyNext = ~0u;
  static std::uint32_t signature_bit(std::uint32_t key) { return 1u << ((key * 0x9E3779B1u) >> 27); }
  std::vector<std::uint32_t> first_begin_;  // key k: first_phrases_[first_begin_[k], first_begin_[k + 1])
  std::vector<Start> first_phrases_;
  // bit k: key k starts a phrase (a few KB, so a token that starts none costs no cache miss)
  std::vector<std::uint64_t> starts_;
};

// Hits of phrase ids [first, last) — a rule's phrases are contiguous.
std::pair<const PhraseHit*, const PhraseHit*> hits_in(const std::vector<PhraseHit>& hits,
                                                       std::uint32_t first, std::uint32_t last);

}  // namespace grabli
