#include "match/phrase_index.h"

#include <algorithm>

namespace grabli {

std::uint32_t PhraseIndex::add(std::vector<PhraseElement> elements) {
  phrases_.push_back(std::move(elements));
  return static_cast<std::uint32_t>(phrases_.size() - 1);
}

void PhraseIndex::build(std::size_t key_count) {
  by_first_key_.assign(key_count, {});
  for (std::uint32_t p = 0; p < phrases_.size(); ++p)
    for (auto k : phrases_[p].front().keys) by_first_key_[k].push_back(p);
}

namespace {
bool token_has(const Lemmatizer& lem, const Token& t, const std::vector<std::uint32_t>& keys) {
  for (auto tk : lem.view(t.keys))
    for (auto k : keys)
      if (tk == k) return true;
  return false;
}
}  // namespace

bool PhraseIndex::match_from(const std::vector<PhraseElement>& p, std::size_t e, const AnalyzedText& text,
                             const Lemmatizer& lem, std::uint32_t tok, std::uint32_t sentence,
                             std::uint32_t& end) const {
  if (e == p.size()) {
    end = tok;
    return true;
  }
  const auto& el = p[e];
  if (el.kind == PhraseElement::gap) {
    for (std::uint32_t skip = 0; skip <= 3; ++skip) {
      if (match_from(p, e + 1, text, lem, tok + skip, sentence, end)) return true;
      if (tok + skip >= text.tokens.size() || text.tokens[tok + skip].sentence != sentence) break;
    }
    return false;
  }
  if (tok >= text.tokens.size() || text.tokens[tok].sentence != sentence) return false;
  if (el.kind == PhraseElement::word && !token_has(lem, text.tokens[tok], el.keys)) return false;
  return match_from(p, e + 1, text, lem, tok + 1, sentence, end);
}

void PhraseIndex::find(const AnalyzedText& text, const Lemmatizer& lem, std::vector<PhraseHit>& out) const {
  const std::size_t base = out.size();
  for (std::uint32_t i = 0; i < text.tokens.size(); ++i) {
    const auto& t = text.tokens[i];
    const std::size_t token_base = out.size();
    for (auto k : lem.view(t.keys)) {
      if (k >= by_first_key_.size()) continue;
      for (auto p : by_first_key_[k]) {
        bool seen = false;
        for (std::size_t h = token_base; h < out.size(); ++h) seen |= out[h].phrase == p;
        if (seen) continue;
        std::uint32_t end = 0;
        if (match_from(phrases_[p], 1, text, lem, i + 1, t.sentence, end)) out.push_back({p, i, end});
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
