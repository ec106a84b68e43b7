#pragma once
#include <array>
#include <filesystem>
#include <string>
#include <string_view>
#include <cstdint>
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
  // The bases and the exact forms in one open-addressing table, probed with a hash that grows
  // with the prefix: a new form's prefixes cost a probe each, not a hash of each prefix and a
  // node-based map's misses. Built once, read only.
  struct Entry {
    std::uint64_t hash = 0;
    std::uint32_t offset = 0;    // of the string in text_
    std::uint16_t length = 0;    // bytes
    std::uint8_t longest = 0;    // as a base: the longest ending (in characters) a suffix rule may put after it
    std::uint8_t kinds = 0;      // kBase, kExact
  };
  static constexpr std::uint8_t kBase = 1, kExact = 2;
  static std::uint64_t step(std::uint64_t h, unsigned char c) { return (h ^ c) * 1099511628211ull; }
  static constexpr std::uint64_t kHashStart = 1469598103934665603ull;
  static std::uint64_t finish(std::uint64_t h) { return h ^ (h >> 29); }
  void add(std::string_view s, std::uint8_t kind, std::uint8_t longest);
  const Entry* find(std::string_view s, std::uint64_t finished_hash) const;
  bool usable_ = false;
  std::vector<Entry> table_;  // a power of two, at most half full; length 0: empty
  std::string text_;
  std::size_t longest_base_ = 0;  // bytes, of the longest base
  bool exact_empty_ = false;  // a key that is all strip, with an empty ending
  std::vector<std::pair<std::string, std::string>> prefixes_;  // (strip, append) of PFX rules
  std::vector<std::string> bypass_;                            // substrings that make the answer "maybe"
  std::array<bool, 256> bypass_bytes_{};                       // those of one byte
};

}  // namespace grabli
