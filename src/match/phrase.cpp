// kind: phrase — lemma-aware word sequences.
#include "match/spans.h"

namespace grabli {
namespace {

class PhraseMatcher : public Matcher {
 public:
  PhraseMatcher(PhraseRange phrases, Unless unless) : phrases_(phrases), unless_(unless) {}
  void match(const MatchContext& ctx, const Rule& rule, std::vector<Finding>& out) const override {
    for (const auto& s : phrase_spans(ctx, phrases_)) {
      if (unless_.blocks(ctx, ctx.text.tokens[s.first_token].sentence)) continue;
      auto [b, e] = bytes_of(ctx, s);
      out.push_back(make_finding(rule, b, e));
    }
  }
  PhraseRange needs_phrase_hit() const override { return phrases_; }

 private:
  PhraseRange phrases_;
  Unless unless_;
};

const KindRegistrar reg({"phrase", {"phrases", "unless", "unless_scope"},
                         [](const YamlNode& n, Rule&, PolicyBuilder& b) -> std::unique_ptr<Matcher> {
                           auto phrases = add_phrases(b, n, "phrases", true);
                           return std::make_unique<PhraseMatcher>(phrases, Unless::read(b, n));
                         }});

}  // namespace
}  // namespace grabli
