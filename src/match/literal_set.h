#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace grabli {

// Which of a fixed set of byte strings occur in a text: an Aho–Corasick automaton with its
// whole transition table built up front, so a scan is one table step per byte whatever the text.
// It finds the FilteredRE2 atoms of the normalised-text patterns. An RE2::Set of the same
// literals in many-match mode keeps the atoms already matched in its DFA states: nearly every
// post met new states, and the set scanned 40–80 MB/s; this automaton has one state per trie
// node and no such growth.
class LiteralSet {
 public:
  LiteralSet() = default;
  // A set whose table would exceed `max_bytes` is not built: ok() is false.
  explicit LiteralSet(const std::vector<std::string>& literals, std::size_t max_bytes = std::size_t{64} << 20);
  bool ok() const { return ok_; }
  std::size_t size() const { return literal_count_; }
  std::size_t bytes() const { return next_.size() * sizeof(std::uint32_t); }
  // Appends the indices of the literals that occur in `text`, each once, in no fixed order.
  // Returns whether there was any. A longer text is cut into two or four pieces scanned in one
  // loop: each byte's step waits for the table load of the step before, and several chains of
  // such loads overlap where one cannot.
  bool match(std::string_view text, std::vector<int>& found) const;

 private:
  template <std::size_t Chains, class Report>
  void scan(const unsigned char* p, std::size_t n, Report& report) const;

  bool ok_ = false;
  std::size_t literal_count_ = 0;
  std::uint32_t classes_ = 1;                // byte classes: the bytes of the literals, and the rest
  std::array<std::uint8_t, 256> class_of_{};  // byte → class (0: a byte no literal has)
  std::vector<std::uint32_t> next_;           // state * classes_ + class → state
  std::vector<std::uint32_t> out_begin_;      // state → its literals in out_ (own and by suffix)
  std::vector<std::uint32_t> depth_;          // state → length of the string it stands for
  std::vector<int> out_;
};

}  // namespace grabli
