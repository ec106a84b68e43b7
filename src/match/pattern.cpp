// kind: pattern — RE2 regexes, prefiltered by the shared RE2::Set.
#include <re2/re2.h>

#include "match/pattern_bank.h"
#include "match/spans.h"

namespace grabli {
namespace {

class PatternMatcher : public Matcher {
 public:
  PatternMatcher(const PatternBank& bank, std::vector<int> ids, bool word, Unless unless)
      : bank_(bank), ids_(std::move(ids)), word_(word), unless_(unless) {}

  void match(const MatchContext& ctx, const Rule& rule, std::vector<Finding>& out) const override {
    std::uint32_t last_end = 0;
    for (int id : ids_) {
      if (!ctx.fired(id)) continue;
      if (word_) {
        // the pattern must match a whole normalised word
        for (const auto& t : ctx.text.tokens) {
          const auto w = ctx.text.norm_of(t);
          auto full = [&] { return RE2::FullMatch(re2::StringPiece(w.data(), w.size()), bank_.re(id)); };
          if (t.form != Lemmatizer::kNoForm) {
            // asked once per distinct word, not per word of every post where the pattern occurs
            const auto column = static_cast<std::uint32_t>(id);
            auto known = ctx.lemmatizer.memo(t.form, column);
            if (!known) {
              known = full();
              ctx.lemmatizer.set_memo(t.form, column, *known);
            }
            if (!*known) continue;
          } else if (!full()) {
            continue;
          }
          if (unless_.blocks(ctx, t.sentence)) continue;
          if (t.start < last_end) continue;
          out.push_back(make_finding(rule, t.start, t.end));
          last_end = t.end;
        }
      } else {
        bank_.for_each_match(id, ctx.text, [&](std::uint32_t b, std::uint32_t e) {
          if (b < last_end || unless_.blocks_bytes(ctx, b)) return;
          out.push_back(make_finding(rule, b, e));
          last_end = e;
        });
      }
    }
  }

 private:
  const PatternBank& bank_;
  std::vector<int> ids_;
  bool word_;
  Unless unless_;
};

const KindRegistrar reg({"pattern", {"pattern", "patterns", "word", "on", "unless", "unless_scope"},
                         [](const YamlNode& n, Rule&, PolicyBuilder& b) -> std::unique_ptr<Matcher> {
                           std::vector<std::string> res = read_strings(b, n, "pattern", false);
                           auto more = read_strings(b, n, "patterns", false);
                           res.insert(res.end(), more.begin(), more.end());
                           if (res.empty()) b.fail(n, "a pattern rule needs 'pattern' or 'patterns'");
                           const bool original = reads_original(b, n);
                           const bool word = n["word"] && n["word"].as<bool>(false);
                           if (word && original) b.fail(n["word"], "'word: true' works on the normalized text only");
                           std::vector<int> ids;
                           const auto src = n["pattern"] ? n["pattern"] : n["patterns"];
                           for (const auto& re : res) ids.push_back(b.add_pattern(src, re, original));
                           return std::make_unique<PatternMatcher>(b.patterns(), std::move(ids), word, Unless::read(b, n));
                         }});

}  // namespace
}  // namespace grabli
