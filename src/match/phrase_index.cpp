#include "match/phrase_index.h"

#include <algorithm>

namespace grabli {

std::uint32_t PhraseIndex::add(std::vector<PhraseElement> elements) {
  for (const auto& el : elements) {
    const auto begin = static_cast<std::uint32_t>(keys_.size());
    keys_.insert(keys_.end(), el.keys.begin(), el.keys.end());
    elements_.push_back({el.kind, begin, static_cast<std::uint32_t>(keys_.size())});
  }
  phrase_begin_.push_back(static_cast<std::uint32_t>(elements_.size()));
  return static_cast<std::uint32_t>(size() - 1);
}

void PhraseIndex::build(std::size_t key_count) {
  // counting sort of (first-word key, phrase) pairs into one array
  first_begin_.assign(key_count + 1, 0);
  auto first_keys = [&](std::uint32_t p, auto&& f) {
    if (phrase_begin_[p] == phrase_begin_[p + 1]) return;
    const Element& el = elements_[phrase_begin_[p]];
    for (auto k = el.keys_begin; k < el.keys_end; ++k) f(keys_[k]);
  };
  const auto phrases = static_cast<std::uint32_t>(size());
  for (std::uint32_t p = 0; p < phrases; ++p) first_keys(p, [&](std::uint32_t k) { ++first_begin_[k + 1]; });
  for (std::size_t k = 0; k < key_count; ++k) first_begin_[k + 1] += first_begin_[k];
  first_phrases_.assign(first_begin_.back(), Start{});
  starts_.assign(key_count / 64 + 1, 0);
  std::vector<std::uint32_t> fill(first_begin_.begin(), first_begin_.end() - 1);
  for (std::uint32_t p = 0; p < phrases; ++p) {
    const std::uint32_t rest = phrase_begin_[p] + 1, end = phrase_begin_[p + 1];
    std::uint32_t next = kAnyNext;
    if (rest < end && elements_[rest].kind == PhraseElement::word) {
      next = 0;
      for (auto k = elements_[rest].keys_begin; k < elements_[rest].keys_end; ++k) next |= signature_bit(keys_[k]);
    }
    first_keys(p, [&](std::uint32_t k) {
      first_phrases_[fill[k]++] = {p, rest, end, next};
      starts_[k / 64] |= std::uint64_t{1} << (k % 64);
    });
  }
}

bool PhraseIndex::match_from(std::uint32_t e, std::uint32_t last, const AnalyzedText& text, const Lemmatizer& lem,
                             std::uint32_t tok, std::uint32_t sentence, std::uint32_t& end) const {
  if (e == last) {
    end = tok;
    return true;
  }
  const Element& el = elements_[e];
  if (el.kind == PhraseElement::gap) {
    for (std::uint32_t skip = 0; skip <= 3; ++skip) {
      if (match_from(e + 1, last, text, lem, tok + skip, sentence, end)) return true;
      if (tok + skip >= text.tokens.size() || text.tokens[tok + skip].sentence != sentence) break;
    }
    return false;
  }
  if (tok >= text.tokens.size() || text.tokens[tok].sentence != sentence) return false;
  if (el.kind == PhraseElement::word) {
    bool has = false;
    for (auto tk : lem.view(text.tokens[tok].keys))
      for (auto k = el.keys_begin; k < el.keys_end && !has; ++k) has = keys_[k] == tk;
    if (!has) return false;
  }
  return match_from(e + 1, last, text, lem, tok + 1, sentence, end);
}

void PhraseIndex::find(const AnalyzedText& text, const Lemmatizer& lem, std::vector<PhraseHit>& out) const {
  const std::size_t base = out.size();
  const auto keys = static_cast<std::uint32_t>(first_begin_.empty() ? 0 : first_begin_.size() - 1);
  for (std::uint32_t i = 0; i < text.tokens.size(); ++i) {
    const auto& t = text.tokens[i];
    const std::size_t token_base = out.size();
    std::uint32_t next = 0;  // the next token's signature, once a candidate needs it
    bool next_known = false;
    for (auto k : lem.view(t.keys)) {
      if (k >= keys || !(starts_[k / 64] >> (k % 64) & 1)) continue;
      for (auto q = first_begin_[k]; q < first_begin_[k + 1]; ++q) {
        const Start& s = first_phrases_[q];
        if (s.next != kAnyNext) {
          if (!next_known) {
            next_known = true;
            if (i + 1 < text.tokens.size() && text.tokens[i + 1].sentence == t.sentence)
              for (auto nk : lem.view(text.tokens[i + 1].keys)) next |= signature_bit(nk);
          }
          if (!(s.next & next)) continue;
        }
        bool seen = false;  // a form and its lemma can both start the same phrase
        for (std::size_t h = token_base; h < out.size(); ++h) seen |= out[h].phrase == s.phrase;
        if (seen) continue;
        std::uint32_t end = i + 1;  // a one-word phrase is a hit as it stands
        if (s.rest_begin == s.rest_end || match_from(s.rest_begin, s.rest_end, text, lem, i + 1, t.sentence, end))
          out.push_back({s.phrase, i, end});
      }
    }
  }
  std::sort(out.begin() + static_cast<std::ptrdiff_t>(base), out.end(), [](const PhraseHit& a, const PhraseHit& b) {
    return a.phrase != b.phrase ? a.phrase < b.phrase : a.first_token < b.first_token;
  });
}

std::pair<const PhraseHit*, const PhraseHit*> hits_in(const std::vector<PhraseHit>& hits, std::uint32_t first,
                                                       std::uint32_t last) {
  auto lo = std::lower_bound(hits.begin(), hits.end(), first,
                             [](const PhraseHit& h, std::uint32_t v) { return h.phrase < v; });
  auto hi = std::lower_bound(lo, hits.end(), last, [](const PhraseHit& h, std::uint32_t v) { return h.phrase < v; });
  return {hits.data() + (lo - hits.begin()), hits.data() + (hi - hits.begin())};
}

}  // namespace grabli
