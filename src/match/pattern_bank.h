#pragma once
#include <memory>
#include <optional>
#include <type_traits>
#include <string>
#include <vector>

#include <re2/re2.h>
#include <re2/set.h>

#include "text/analyzer.h"

namespace grabli {

// `\pL` → the letters of the normalised text (see pattern_bank.cpp); other syntax unchanged.
std::string narrow_letter_classes(const std::string& re, bool original = false);

// An upper-case letter a regex asks for as itself («Corp», `[A-Z]`) that the normalised text, all
// lower case, never holds: the pattern (or that alternative) can never match there. Returns the
// offending piece, or "" when there is none; patterns with (?i) are not judged.
std::string capital_for_lower_case_text(std::string_view re);

// Limits on regex memory; RE2 keeps matching linear whatever the pattern.
struct RegexLimits {
  std::int64_t per_pattern = 8 << 20;
  std::int64_t per_set = 64 << 20;
};

// Every pattern of every rule. A post is not run through one big RE2::Set: a DFA over the union
// of ~120 patterns meets new states on every new post (the set of patterns in progress is part
// of each state) and scanned ~2 MB/s. Instead each text form keeps a FilteredRE2: the literal
// strings ("atoms") a pattern cannot match without are found by one RE2::Set of literals
// (~100 MB/s), and only the patterns whose atoms all occur are run, each on its own RE2.
// Patterns with no atom of two bytes or more go into a small RE2::Set of their own.
class PatternBank {
 public:
  explicit PatternBank(RegexLimits limits = {});
  PatternBank(PatternBank&&) noexcept;
  PatternBank& operator=(PatternBank&&) noexcept;
  ~PatternBank();
  // Languages a pattern is for, as bits: the languages of the rule it belongs to.
  static constexpr std::uint8_t kRussian = lang_bit(Lang::ru), kEnglish = lang_bit(Lang::en), kAnyLanguage = kBothLanguages;
  // Returns the pattern id, or -1 with RE2's own message in `error`.
  int add(const std::string& regex, bool on_original, std::string& error, std::uint8_t languages = kAnyLanguage);
  bool compile(std::string& error);
  // Ids of the patterns for `language` (a bit of the above) that occur in the text, ascending:
  // a Russian post does not run the English rules' patterns, whose rules would not apply.
  void scan(const AnalyzedText& text, std::vector<int>& fired, std::uint8_t language = kAnyLanguage) const;
  const RE2& re(int id) const;
  bool on_original(int id) const { return entries_[static_cast<std::size_t>(id)].original; }
  std::size_t size() const { return entries_.size(); }
  const std::string& pattern(int id) const { return entries_[static_cast<std::size_t>(id)].pattern; }

  // What pattern `id` costs to compile at every start, after compile(): its RE2 program, and
  // when it has no atom of its own, the pieces it is spelled out into (each an RE2 of its own:
  // `(^|[^\pL])(a|b|c)` is three).
  struct Cost {
    int program = 0;   // RE2::ProgramSize of the pattern
    int pieces = 0;    // pieces spelled out
    int piece_program = 0;  // their programs, summed
    int total() const { return program + piece_program; }
  };
  Cost cost(int id) const;

  // The leftmost match of pattern `id`, as original byte offsets; one RE2 run where
  // for_each_match goes on to the end of the text.
  std::optional<std::pair<std::uint32_t, std::uint32_t>> first_match(int id, const AnalyzedText& text) const {
    std::optional<std::pair<std::uint32_t, std::uint32_t>> first;
    for_each_match(id, text, [&](std::uint32_t b, std::uint32_t e) {
      first = std::make_pair(b, e);
      return false;
    });
    return first;
  }
  // Calls f(start, end) with original byte offsets for every match of pattern `id`, from the
  // left; stops early when f returns false.
  template <class F>
  void for_each_match(int id, const AnalyzedText& text, F&& f) const {
    const bool orig = on_original(id);
    const std::string_view hay = orig ? text.original : std::string_view(text.norm);
    const RE2& r = re(id);
    std::string_view rest = hay;
    re2::StringPiece m;
    while (!rest.empty() && r.Match(re2::StringPiece(rest.data(), rest.size()), 0, rest.size(), RE2::UNANCHORED, &m, 1)) {
      const std::size_t b = static_cast<std::size_t>(m.data() - hay.data());
      const std::size_t e = b + m.size();
      const auto [ob, oe] = orig ? std::make_pair(static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(e))
                                 : text.to_original(b, e);
      if constexpr (std::is_same_v<decltype(f(ob, oe)), bool>) {
        if (!f(ob, oe)) break;
      } else {
        f(ob, oe);
      }
      const std::size_t next = e > b ? e : b + 1;
      if (next > hay.size()) break;
      rest = hay.substr(next);
    }
  }

 private:
  struct Form;  // the patterns of one text form (normalised or original)
  struct Entry {
    std::string pattern;
    bool original;
    int index;  // in its form's FilteredRE2
  };
  RegexLimits limits_;
  std::vector<Entry> entries_;
  std::unique_ptr<Form> norm_, orig_;
};

}  // namespace grabli
