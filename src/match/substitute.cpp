// kind: substitute — a phrase with the wording to use instead.
#include "match/spans.h"

namespace grabli {
namespace {

class SubstituteMatcher : public Matcher {
 public:
  SubstituteMatcher(PhraseRange phrases, std::string replacement) : phrases_(phrases), replacement_(std::move(replacement)) {}
  void match(const MatchContext& ctx, const Rule& rule, std::vector<Finding>& out) const override {
    for (const auto& s : phrase_spans(ctx, phrases_)) {
      auto [b, e] = bytes_of(ctx, s);
      auto f = make_finding(rule, b, e);
      if (f.suggestion.empty()) f.suggestion = "«" + replacement_ + "»";
      out.push_back(std::move(f));
    }
  }
  PhraseRange needs_phrase_hit() const override { return phrases_; }

 private:
  PhraseRange phrases_;
  std::string replacement_;
};

const KindRegistrar reg({"substitute", {"phrases", "replace_with"},
                         [](const YamlNode& n, Rule&, PolicyBuilder& b) -> std::unique_ptr<Matcher> {
                           auto phrases = add_phrases(b, n, "phrases", true);
                           auto repl = read_strings(b, n, "replace_with", true);
                           return std::make_unique<SubstituteMatcher>(phrases, repl.front());
                         }});

}  // namespace
}  // namespace grabli
