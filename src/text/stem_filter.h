#pragma once
#include <filesystem>
#include <string>
#include <string_view>
#include <cstdint>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "text/keys.h"

namespace grabli {

// Tells, without asking Hunspell, that a word form cannot have a rule's lemma among its stems.
//
// Hunspell finds a stem R of a form F only by undoing affixes from the .aff file: a suffix
// rule turns R into R[..-strip] + append, a prefix rule puts its text in front. So F can stem to
// a key K only if F — after one of the prefixes is undone — starts with K less one of the
// strings suffix rules strip (a "base"). Checking a form's prefixes against those bases costs
// a few hash probes; Hunspell's stem() costs ~10 µs per new form, and an audit meets tens of
// thousands of new forms, nearly none of them near a rule word.
//
// Anything the filter cannot reason about makes it answer "maybe": compounding dictionaries,
// forms with a hyphen (Hunspell breaks them), digits (en_US numeral compounds) or the input
// conversions (ICONV) or ignored characters of the .aff.
class StemFilter {
 public:
  // Reads the .aff file; returns an unusable filter (always "maybe") when it cannot be read or
  // uses features the filter does not model.
  static StemFilter build(const std::filesystem::path& aff, const KeyTable& keys);
  bool usable() const { return usable_; }
  // False only when no stem of `norm_form` can be a key of the table.
  bool may_reach_key(std::string_view norm_form) const;

 private:
  bool base_prefix(std::string_view root_start) const;
  bool usable_ = false;
  // base → the longest ending (in characters) a suffix rule may put after it
  std::unordered_map<std::string, std::uint8_t, StringHash, std::equal_to<>> bases_;
  std::unordered_set<std::string, StringHash, std::equal_to<>> exact_;  // forms of bases too short to list
  std::vector<std::pair<std::string, std::string>> prefixes_;  // (strip, append) of PFX rules
  std::vector<std::string> bypass_;                            // substrings that make the answer "maybe"
};

}  // namespace grabli
