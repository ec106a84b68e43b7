// kind: tone — weighted cues with a threshold; the finding names the cues that fired.
#include <algorithm>
#include <cmath>

#include "match/pattern_bank.h"
#include "match/spans.h"

namespace grabli {
namespace {

struct Cue {
  std::string name;
  double weight = 1;
  PhraseRange phrases{0, 0};
  std::vector<int> patterns;
  bool reply_only = false;  // context: reply — counts only when the post answers a customer
};

class ToneMatcher : public Matcher {
 public:
  ToneMatcher(const PatternBank& bank, std::vector<Cue> cues, double threshold, double reply_threshold)
      : bank_(bank), cues_(std::move(cues)), threshold_(threshold), reply_threshold_(reply_threshold) {
    for (const auto& c : cues_) {
      if (c.phrases.first >= c.phrases.second) continue;
      if (all_phrases_.first >= all_phrases_.second) all_phrases_ = c.phrases;
      all_phrases_ = {std::min(all_phrases_.first, c.phrases.first), std::max(all_phrases_.second, c.phrases.second)};
    }
  }

  void match(const MatchContext& ctx, const Rule& rule, std::vector<Finding>& out) const override {
    double score = 0;
    std::vector<std::string> fired;
    std::optional<std::pair<std::uint32_t, std::uint32_t>> at;
    // one search for a hit of any cue's phrases: a post with none skips a search per cue
    const bool any_phrase = any_hit(ctx, all_phrases_);
    const bool to_customer = ctx.is_reply && !ctx.answers_press;
    for (const auto& c : cues_) {
      if (c.reply_only && !to_customer) continue;
      std::optional<std::pair<std::uint32_t, std::uint32_t>> span;
      if (any_phrase)
        if (const auto first = first_phrase_span(ctx, c.phrases)) span = bytes_of(ctx, *first);
      for (int p : c.patterns) {
        if (!ctx.fired(p)) continue;
        if (const auto m = bank_.first_match(p, ctx.text); m && (!span || m->first < span->first)) span = m;
        if (!span) span = std::make_pair(0u, 0u);
      }
      if (!span) continue;
      score += c.weight;
      if (c.weight > 0) {
        fired.push_back(c.name);
        if (!at || span->first < at->first) at = span;
      } else {
        fired.push_back(c.name + " (lowers)");
      }
    }
    // the lower threshold is for answering a customer; a journalist's question is not a complaint
    const double limit = to_customer ? reply_threshold_ : threshold_;
    if (!at || score < limit) return;
    auto f = make_finding(rule, at->first, at->second);
    std::string list;
    for (const auto& n : fired) list += (list.empty() ? "" : "; ") + n;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", score);
    f.message += " Cues: " + list + " (score " + buf + ", threshold " + [&] {
      char t[32];
      std::snprintf(t, sizeof t, "%g", limit);
      return std::string(t);
    }() + ").";
    f.cues = std::move(fired);
    out.push_back(std::move(f));
  }

 private:
  const PatternBank& bank_;
  std::vector<Cue> cues_;
  PhraseRange all_phrases_{0, 0};  // from the first cue phrase to the last: the cues' ranges and what lies between
  double threshold_, reply_threshold_;
};

double number(PolicyBuilder& b, const YamlNode& n, const char* what) {
  try {
    const double v = n.as<double>();
    if (!std::isfinite(v)) b.fail(n, std::string(what) + " must be a finite number");
    return v;
  } catch (const YamlError&) {
  }
  b.fail(n, std::string(what) + " must be a number");
  return 0;  // not reached: fail throws
}

const KindRegistrar reg(
    {"tone", {"cues", "threshold", "reply_threshold"},
     [](const YamlNode& n, Rule&, PolicyBuilder& b) -> std::unique_ptr<Matcher> {
       const auto cues = n["cues"];
       if (!cues || !cues.IsSequence() || cues.size() == 0)
         b.fail(cues ? cues : n, "a tone rule needs 'cues: [{name, weight, phrases | pattern}, ...]'");
       if (!n["threshold"]) b.fail(n, "a tone rule needs 'threshold'");
       const double threshold = number(b, n["threshold"], "threshold");
       const double reply = n["reply_threshold"] ? number(b, n["reply_threshold"], "reply_threshold") : threshold;
       std::vector<Cue> out;
       for (const auto& c : cues) {
         if (!c.IsMap()) b.fail(c, "each cue is a map {name, weight, phrases | pattern}");
         for (const auto& kv : c) {
           const auto k = kv.first.as<std::string>();
           if (k != "name" && k != "weight" && k != "phrases" && k != "pattern" && k != "patterns" && k != "on" &&
               k != "context")
             b.fail(kv.first, "unknown cue key '" + k + "'; expected name, weight, phrases, pattern, on, context");
         }
         Cue q;
         if (!c["name"] || !c["name"].IsScalar()) b.fail(c, "a cue needs a name (shown to the author)");
         q.name = c["name"].Scalar();
         q.weight = c["weight"] ? number(b, c["weight"], "weight") : 1.0;
         q.phrases = add_phrases(b, c, "phrases", false);
         const bool original = reads_original(b, c);  // a pattern that needs capitals («at FlyFast»)
         for (const char* key : {"pattern", "patterns"})
           for (const auto& re : read_strings(b, c, key, false)) q.patterns.push_back(b.add_pattern(c[key], re, original));
         if (q.phrases.first == q.phrases.second && q.patterns.empty()) b.fail(c, "a cue needs phrases or a pattern");
         if (c["on"] && q.patterns.empty()) b.fail(c["on"], "'on' says which text a cue's pattern reads; this cue has none");
         if (const auto ctx = c["context"]) {
           const auto v = ctx.IsScalar() ? ctx.Scalar() : std::string();
           if (v == "reply") q.reply_only = true;
           else if (v != "any") b.fail(ctx, "a cue's context is reply (counts only when the post answers a customer) or any");
         }
         out.push_back(std::move(q));
       }
       return std::make_unique<ToneMatcher>(b.patterns(), std::move(out), threshold, reply);
     }});

}  // namespace
}  // namespace grabli
