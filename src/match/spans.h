#pragma once
#include <optional>
#include <vector>

#include "match/matcher.h"

namespace grabli {

using PhraseRange = std::pair<std::uint32_t, std::uint32_t>;

struct TokenSpan {
  std::uint32_t first_token = 0, end_token = 0;
};

// Hits of a rule's phrases, in text order, overlapping ones merged.
std::vector<TokenSpan> phrase_spans(const MatchContext& ctx, PhraseRange range);
// The first of those spans, without building the list: a tone rule asks this of each of its
// cues on every post.
std::optional<TokenSpan> first_phrase_span(const MatchContext& ctx, PhraseRange range);
bool any_hit(const MatchContext& ctx, PhraseRange range);
bool any_hit_in_sentence(const MatchContext& ctx, PhraseRange range, std::uint32_t sentence);
std::pair<std::uint32_t, std::uint32_t> bytes_of(const MatchContext& ctx, TokenSpan s);

// `unless:` phrases — a stated basis, a refusal, a published report — that cancel a hit.
struct Unless {
  PhraseRange range{0, 0};
  bool whole_post = false;
  bool empty() const { return range.first == range.second; }
  static Unless read(PolicyBuilder& b, const YamlNode& rule);
  bool blocks(const MatchContext& ctx, std::uint32_t sentence) const;
  bool blocks_bytes(const MatchContext& ctx, std::uint32_t start) const;  // sentence of a byte offset
};

}  // namespace grabli
