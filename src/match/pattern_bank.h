#pragma once
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <re2/re2.h>
#include <re2/set.h>

#include "text/analyzer.h"

namespace grabli {

// `\pL` → the letters of the normalised text (see pattern_bank.cpp); other syntax unchanged.
std::string narrow_letter_classes(const std::string& re, bool original = false);

// Limits on regex memory; RE2 keeps matching linear whatever the pattern.
struct RegexLimits {
  std::int64_t per_pattern = 8 << 20;
  std::int64_t per_set = 64 << 20;
};

// Every pattern of every rule: one RE2::Set per text form tells which patterns occur in a
// post; only those are run again for positions.
class PatternBank {
 public:
  explicit PatternBank(RegexLimits limits = {}) : limits_(limits) {}
  // Returns the pattern id, or -1 with RE2's own message in `error`.
  int add(const std::string& regex, bool on_original, std::string& error);
  bool compile(std::string& error);
  void scan(const AnalyzedText& text, std::vector<int>& fired) const;
  // The pattern's own RE2, compiled on first use: most patterns never fire, and compiling
  // them all at start-up cost more than a cold check should.
  const RE2& re(int id) const;
  bool on_original(int id) const { return entries_[static_cast<std::size_t>(id)].original; }
  std::size_t size() const { return entries_.size(); }

  // Calls f(start, end) with original byte offsets for every match of pattern `id`.
  template <class F>
  void for_each_match(int id, const AnalyzedText& text, F&& f) const {
    const bool orig = on_original(id);
    const std::string_view hay = orig ? text.original : std::string_view(text.norm);
    std::string_view rest = hay;
    re2::StringPiece m;
    while (!rest.empty() && re(id).Match(re2::StringPiece(rest.data(), rest.size()), 0, rest.size(),
                                         RE2::UNANCHORED, &m, 1)) {
      const std::size_t b = static_cast<std::size_t>(m.data() - hay.data());
      const std::size_t e = b + m.size();
      if (orig) f(static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(e));
      else {
        auto [ob, oe] = text.to_original(b, e);
        f(ob, oe);
      }
      const std::size_t next = e > b ? e : b + 1;
      if (next > hay.size()) break;
      rest = hay.substr(next);
    }
  }

 private:
  struct Entry {
    std::string pattern;
    bool original;
    mutable std::unique_ptr<RE2> re;
    mutable std::unique_ptr<std::once_flag> once = std::make_unique<std::once_flag>();
  };
  RegexLimits limits_;
  std::vector<Entry> entries_;
  std::unique_ptr<RE2::Set> norm_set_, orig_set_;  // patterns are added as they come
  std::vector<int> norm_ids_, orig_ids_;  // set index → pattern id
};

}  // namespace grabli
