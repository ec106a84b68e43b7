#include "match/literal_set.h"

#include <deque>

namespace grabli {

namespace {
constexpr std::uint32_t kNone = ~std::uint32_t{0};
// Transitions store the target's row offset; this bit says the target ends some literal.
constexpr std::uint32_t kHasOut = 1u << 31;
}  // namespace

LiteralSet::LiteralSet(const std::vector<std::string>& literals, std::size_t max_bytes)
    : literal_count_(literals.size()) {
  for (const auto& l : literals)
    for (unsigned char c : l)
      if (!class_of_[c]) class_of_[c] = static_cast<std::uint8_t>(classes_++);
  if (classes_ > 256) classes_ = 256;  // cannot happen: at most 255 bytes plus "other"

  // 1. the trie, one row of `classes_` transitions per state
  std::vector<std::uint32_t> trie(classes_, kNone);
  std::vector<std::vector<int>> own(1);
  for (std::size_t i = 0; i < literals.size(); ++i) {
    if (literals[i].empty()) continue;  // FilteredRE2 never asks for one; it would match anywhere
    std::uint32_t s = 0;
    for (unsigned char c : literals[i]) {
      std::uint32_t& t = trie[s * classes_ + class_of_[c]];
      if (t == kNone) {
        if ((own.size() + 1) * classes_ * sizeof(std::uint32_t) > max_bytes || own.size() * classes_ >= kHasOut) {
          *this = LiteralSet();
          return;
        }
        t = static_cast<std::uint32_t>(own.size());
        own.emplace_back();
        trie.resize(trie.size() + classes_, kNone);
      }
      s = trie[s * classes_ + class_of_[c]];
    }
    own[s].push_back(static_cast<int>(i));
  }
  const std::size_t states = own.size();

  // 2. failure links in breadth-first order complete every row into a DFA, and each state's
  // output gains the literals of its longest proper suffix that is a state
  std::vector<std::uint32_t> fail(states, 0);
  std::vector<std::vector<int>> out(states);
  std::deque<std::uint32_t> queue{0};
  out[0] = own[0];
  while (!queue.empty()) {
    const std::uint32_t s = queue.front();
    queue.pop_front();
    for (std::uint32_t a = 0; a < classes_; ++a) {
      std::uint32_t& t = trie[s * classes_ + a];
      if (t == kNone) {
        t = s == 0 ? 0 : trie[fail[s] * classes_ + a];
        continue;
      }
      fail[t] = s == 0 ? 0 : trie[fail[s] * classes_ + a];
      out[t] = own[t];
      out[t].insert(out[t].end(), out[fail[t]].begin(), out[fail[t]].end());
      queue.push_back(t);
    }
  }

  // 3. flat tables: transitions as row offsets with the output bit, outputs by state
  next_.resize(trie.size());
  for (std::size_t i = 0; i < trie.size(); ++i) {
    const std::uint32_t t = trie[i];
    next_[i] = (t * classes_) | (out[t].empty() ? 0 : kHasOut);
  }
  out_begin_.reserve(states + 1);
  for (const auto& o : out) {
    out_begin_.push_back(static_cast<std::uint32_t>(out_.size()));
    out_.insert(out_.end(), o.begin(), o.end());
  }
  out_begin_.push_back(static_cast<std::uint32_t>(out_.size()));
  ok_ = true;
}

bool LiteralSet::match(std::string_view text, std::vector<int>& found) const {
  if (next_.empty()) return false;
  thread_local std::vector<std::uint8_t> seen;
  if (seen.size() < literal_count_) seen.assign(literal_count_, 0);
  const std::size_t first = found.size();
  const std::uint32_t* next = next_.data();
  std::uint32_t row = 0;
  for (const char ch : text) {
    const std::uint32_t t = next[row + class_of_[static_cast<unsigned char>(ch)]];
    row = t & ~kHasOut;
    if (!(t & kHasOut)) continue;
    const std::uint32_t state = row / classes_;
    for (std::uint32_t k = out_begin_[state]; k < out_begin_[state + 1]; ++k) {
      const int lit = out_[k];
      if (!seen[static_cast<std::size_t>(lit)]) {
        seen[static_cast<std::size_t>(lit)] = 1;
        found.push_back(lit);
      }
    }
  }
  for (std::size_t i = first; i < found.size(); ++i) seen[static_cast<std::size_t>(found[i])] = 0;
  return found.size() > first;
}

}  // namespace grabli
