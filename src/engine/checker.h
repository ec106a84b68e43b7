#pragma once
#include <memory>
#include <string>
#include <vector>

#include "engine/finding.h"
#include "engine/post.h"
#include "match/classifier.h"
#include "policy/policy.h"
#include "text/analyzer.h"

namespace grabli {

// Per-run adjustments from .grabli.yaml and the command line.
struct RuleOverrides {
  std::vector<std::string> disabled;                       // full ids or pack names
  std::vector<std::pair<std::string, Level>> levels;       // full id or pack → level
  // Hunspell's suggestions cost tens of milliseconds a word: right for one draft, not for a
  // year of posts, so audits turn them off (the finding still says the word is unknown).
  bool spelling_suggestions = true;
  // Answer known word forms from the build-time tables instead of loading Hunspell (see
  // text/form_table.h); the answers are the same either way.
  bool form_tables = true;
  FormTable::Access form_table_access = FormTable::Access::map;
  // Outlets a team hears from that the shipped list lacks (.grabli.yaml `press_outlets`).
  std::vector<std::string> press_outlets;
  // `grabli rules test` checks every rule's examples, those of `enabled: false` rules too: the
  // examples say what the rule does once a team turns it on.
  bool include_disabled = false;
};

// A team's own outlets, read where only the press would name them, as the shipped ones are: at
// the message's opening ("Daily Widget: …", «Ромашка ТВ» — …), after from/for/with/at (из, от,
// для), before "here" («здесь»), or in quotes («Ромашки ТВ»). Case does not matter; Russian
// case endings do, so list the forms a journalist writes (Фонтанка, Фонтанки).
class PressOutlets {
 public:
  PressOutlets() = default;
  explicit PressOutlets(const std::vector<std::string>& names);
  bool empty() const { return !re_; }
  bool named_in(std::string_view message) const;

 private:
  std::shared_ptr<const RE2> re_;
};

// Checks posts against a compiled policy. One per thread: it owns the Hunspell objects,
// the lemma cache and the per-post buffers; the Policy itself is shared read-only.
class Checker {
 public:
  explicit Checker(const Policy& policy, const RuleOverrides& overrides = {});
  std::vector<Finding> check(const Post& post);
  // The post's features as the classifier reads them (match/classifier.h): what its trainer learns from.
  std::vector<std::string> classifier_features(const Post& post);
  // Whether rule i applies to the post (role, channel, language, reply context, enabled);
  // `press`: the post answers a journalist (answers_press of its reply_to, or, with no reply_to,
  // addresses_press of its own text).
  bool applies(std::size_t rule, const Post& post, Lang lang, bool press) const;
  Lemmatizer& lemmatizer() { return lemmatizer_; }
  // The language the last post was checked as (its own lang, else the one its script says), and
  // whether the policy had all of that language's rules (see Policy::languages).
  Lang last_lang() const { return last_lang_; }
  bool policy_whole_for_last() const {
    return policy_.languages & (last_lang_ == Lang::ru ? kPackRussian : kPackEnglish);
  }

 private:
  const Policy& policy_;
  bool spelling_suggestions_;
  PressOutlets press_outlets_;
  std::vector<bool> enabled_;
  std::vector<std::uint8_t> lang_mask_;  // per rule: lang_bits of its `languages`, once
  std::vector<Level> levels_;
  Lemmatizer lemmatizer_;
  Analyzer analyzer_;
  AnalyzedText text_;
  ClassifierScratch classifier_;
  Lang last_lang_ = Lang::ru;
  std::vector<PhraseHit> hits_;
  std::vector<int> fired_;
  // Rules that only fire on a hit of their own phrases are run only for a post with such a hit;
  // which rule a trigger phrase is of.
  std::vector<std::uint8_t> has_hit_;
  std::vector<std::uint32_t> trigger_rule_;  // phrase id → rule (kNoRule: none)
  std::vector<std::uint32_t> hit_rules_;     // rules marked in has_hit_ for the current post
  std::vector<std::uint32_t> unconditional_; // enabled rules that need no hit, in rule order
  static constexpr std::uint32_t kNoRule = ~std::uint32_t{0};
};

// Whether a message reads as a journalist's: one who says so (journalist, reporter,
// корреспондент, редакция), is "writing a piece" / asks «для статьи», or names an outlet where
// only the press would (the opening «Известия»: …, "from the Guardian", "FT here"). Rules with
// `context: press` or `customer` depend on it. `team`: the outlets of .grabli.yaml as well.
bool answers_press(std::string_view message, const PressOutlets* team = nullptr);
// Whether a post with no reply_to opens by addressing the press itself («Журналисту «N»: …»,
// «Уважаемая редакция», "Re your inquiry about …", "Reporters have asked about …"): then it is read
// as an answer to a journalist, as if its reply_to were one.
bool addresses_press(std::string_view text);

// Lines and columns (1-based, columns in code points) of byte offsets in a text.
struct Position {
  std::uint32_t line = 1, column = 1;
};
Position position_of(std::string_view text, std::uint32_t offset);

}  // namespace grabli
