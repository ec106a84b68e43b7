#include "match/spans.h"

#include <algorithm>

namespace grabli {

std::vector<TokenSpan> phrase_spans(const MatchContext& ctx, PhraseRange range) {
  std::vector<TokenSpan> out;
  auto [b, e] = hits_in(ctx.hits, range.first, range.second);
  for (auto h = b; h != e; ++h) out.push_back({h->first_token, h->end_token});
  std::sort(out.begin(), out.end(), [](auto& x, auto& y) { return x.first_token < y.first_token; });
  std::vector<TokenSpan> merged;
  for (const auto& s : out) {
    if (!merged.empty() && s.first_token < merged.back().end_token)
      merged.back().end_token = std::max(merged.back().end_token, s.end_token);
    else
      merged.push_back(s);
  }
  return merged;
}

std::optional<TokenSpan> first_phrase_span(const MatchContext& ctx, PhraseRange range) {
  auto [b, e] = hits_in(ctx.hits, range.first, range.second);
  if (b == e) return std::nullopt;
  // the merged list's first span: from the earliest hit to the end of everything that overlaps
  // it, directly or through another hit (a fixpoint; many hits take the sorting path instead)
  constexpr std::ptrdiff_t kFew = 32;
  if (e - b > kFew) return phrase_spans(ctx, range).front();
  TokenSpan s{b->first_token, b->end_token};
  for (auto h = b; h != e; ++h)
    if (h->first_token < s.first_token) s = {h->first_token, h->end_token};
  for (bool grew = true; grew;) {
    grew = false;
    for (auto h = b; h != e; ++h)
      if (h->first_token < s.end_token && h->end_token > s.end_token) {
        s.end_token = h->end_token;
        grew = true;
      }
  }
  return s;
}

bool any_hit(const MatchContext& ctx, PhraseRange range) {
  auto [b, e] = hits_in(ctx.hits, range.first, range.second);
  return b != e;
}

bool any_hit_in_sentence(const MatchContext& ctx, PhraseRange range, std::uint32_t sentence) {
  auto [b, e] = hits_in(ctx.hits, range.first, range.second);
  for (auto h = b; h != e; ++h)
    if (ctx.text.tokens[h->first_token].sentence == sentence) return true;
  return false;
}

std::pair<std::uint32_t, std::uint32_t> bytes_of(const MatchContext& ctx, TokenSpan s) {
  return {ctx.text.tokens[s.first_token].start, ctx.text.tokens[s.end_token - 1].end};
}

Unless Unless::read(PolicyBuilder& b, const YamlNode& rule) {
  Unless u;
  u.range = add_phrases(b, rule, "unless", false);
  if (rule["unless_scope"]) {
    const auto& n = rule["unless_scope"];
    if (!n.IsScalar() || (n.Scalar() != "post" && n.Scalar() != "sentence"))
      b.fail(n, "unless_scope must be 'sentence' or 'post'");
    u.whole_post = n.Scalar() == "post";
  }
  return u;
}

bool Unless::blocks(const MatchContext& ctx, std::uint32_t sentence) const {
  if (range.first == range.second) return false;
  return whole_post ? any_hit(ctx, range) : any_hit_in_sentence(ctx, range, sentence);
}

bool Unless::blocks_bytes(const MatchContext& ctx, std::uint32_t start) const {
  if (range.first == range.second) return false;
  if (whole_post) return any_hit(ctx, range);
  const auto& toks = ctx.text.tokens;
  auto it = std::lower_bound(toks.begin(), toks.end(), start, [](const Token& t, std::uint32_t v) { return t.end <= v; });
  if (it == toks.end()) return any_hit(ctx, range);
  return any_hit_in_sentence(ctx, range, it->sentence);
}

}  // namespace grabli
