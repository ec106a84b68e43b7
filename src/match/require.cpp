// kind: require — a trigger demands companions (an advert needs «Реклама» and erid).
#include "match/pattern_bank.h"
#include "match/spans.h"

namespace grabli {
namespace {

struct Requirement {
  std::string name;
  PhraseRange phrases{0, 0};
  int pattern = -1;
};

class RequireMatcher : public Matcher {
 public:
  RequireMatcher(PhraseRange trigger, int trigger_pattern, bool trigger_any, std::vector<Requirement> reqs,
                 Unless unless)
      : trigger_(trigger), trigger_pattern_(trigger_pattern), trigger_any_(trigger_any), reqs_(std::move(reqs)),
        unless_(unless) {}

  void match(const MatchContext& ctx, const Rule& rule, std::vector<Finding>& out) const override {
    std::optional<std::pair<std::uint32_t, std::uint32_t>> at;
    if (trigger_any_) {
      // `trigger: any`: every post the rule applies to (its context, roles, languages) is a
      // trigger; a finding marks the first word
      if (ctx.text.tokens.empty()) return;
      at = std::make_pair(ctx.text.tokens.front().start, ctx.text.tokens.front().end);
    } else if (unless_.empty()) {
      if (const auto first = first_phrase_span(ctx, trigger_)) at = bytes_of(ctx, *first);
    } else if (any_hit(ctx, trigger_)) {
      // `unless`: in the trigger's sentence (or the post) the trigger means something else
      // («забирайте гайд бесплатно» sells nothing); the first trigger it leaves counts
      for (const auto& s : phrase_spans(ctx, trigger_))
        if (const auto bytes = bytes_of(ctx, s); !unless_.blocks_bytes(ctx, bytes.first)) {
          at = bytes;
          break;
        }
    }
    const bool pattern_fired = trigger_pattern_ >= 0 && ctx.fired(trigger_pattern_);
    if (!at && !pattern_fired) return;
    std::vector<std::string> missing;
    for (const auto& r : reqs_) {
      const bool present = any_hit(ctx, r.phrases) || (r.pattern >= 0 && ctx.fired(r.pattern));
      if (!present) missing.push_back(r.name);
    }
    if (missing.empty()) return;
    // only a finding needs the trigger pattern's span: its leftmost match (that `unless` leaves),
    // if before the phrase
    if (pattern_fired)
      ctx_bank_->for_each_match(trigger_pattern_, ctx.text, [&](std::uint32_t b, std::uint32_t e) {
        if (unless_.blocks_bytes(ctx, b)) return true;
        if (!at || b < at->first) at = std::make_pair(b, e);
        return false;
      });
    if (!at) return;
    auto f = make_finding(rule, at->first, at->second);
    std::string list;
    for (const auto& m : missing) list += (list.empty() ? "" : ", ") + m;
    f.message += " (missing: " + list + ")";
    out.push_back(std::move(f));
  }

  const PatternBank* ctx_bank_ = nullptr;

 private:
  PhraseRange trigger_;
  int trigger_pattern_;
  bool trigger_any_;
  std::vector<Requirement> reqs_;
  Unless unless_;
};

const KindRegistrar reg(
    {"require", {"trigger", "trigger_pattern", "requires", "unless", "unless_scope"},
     [](const YamlNode& n, Rule&, PolicyBuilder& b) -> std::unique_ptr<Matcher> {
       // `trigger: any` (the scalar): no trigger word — the rule's context is the trigger
       const bool trigger_any = n["trigger"] && n["trigger"].IsScalar() && n["trigger"].Scalar() == "any";
       auto trigger = trigger_any ? PhraseRange{0, 0} : add_phrases(b, n, "trigger", false);
       int tp = -1;
       if (n["trigger_pattern"]) {
         if (!n["trigger_pattern"].IsScalar()) b.fail(n["trigger_pattern"], "trigger_pattern must be a regex");
         tp = b.add_pattern(n["trigger_pattern"], n["trigger_pattern"].Scalar(), false);
       }
       if (trigger_any && tp >= 0) b.fail(n["trigger_pattern"], "'trigger: any' takes no trigger_pattern");
       if (trigger.first == trigger.second && tp < 0 && !trigger_any)
         b.fail(n, "a require rule needs 'trigger' (phrases, or 'any') or 'trigger_pattern'");
       const auto reqs = n["requires"];
       if (!reqs || !reqs.IsSequence() || reqs.size() == 0)
         b.fail(reqs ? reqs : n, "a require rule needs 'requires: [{name, phrases | pattern}, ...]'");
       std::vector<Requirement> out;
       for (const auto& r : reqs) {
         if (!r.IsMap()) b.fail(r, "each requirement is a map {name, phrases} or {name, pattern}");
         Requirement q;
         for (const auto& kv : r) {
           const auto k = kv.first.as<std::string>();
           if (k != "name" && k != "phrases" && k != "pattern")
             b.fail(kv.first, "unknown requirement key '" + k + "'; expected name, phrases, pattern");
         }
         if (!r["name"] || !r["name"].IsScalar()) b.fail(r, "a requirement needs a name (what the author must add)");
         q.name = r["name"].Scalar();
         q.phrases = add_phrases(b, r, "phrases", false);
         if (r["pattern"]) {
           if (!r["pattern"].IsScalar()) b.fail(r["pattern"], "pattern must be a regex");
           q.pattern = b.add_pattern(r["pattern"], r["pattern"].Scalar(), false);
         }
         if (q.phrases.first == q.phrases.second && q.pattern < 0) b.fail(r, "a requirement needs phrases or a pattern");
         out.push_back(std::move(q));
       }
       auto m = std::make_unique<RequireMatcher>(trigger, tp, trigger_any, std::move(out), Unless::read(b, n));
       m->ctx_bank_ = &b.patterns();
       return m;
     }});

}  // namespace
}  // namespace grabli
