#include "match/literal_set.h"

#include <algorithm>
#include <array>
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
  depth_.assign(1, 0);
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
        depth_.push_back(depth_[s] + 1);
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

// Chain k starts in the root state at the start of piece k and runs to its end, then on until
// its state stands for a string that starts inside the next piece: from there the next chain is
// in the same state. A literal that ends in piece k+1 but starts in piece k is seen whole by
// chain k, which cannot stop before its end (its state's string reaches back to the literal's
// start at least). Literals seen twice are reported once.
template <std::size_t Chains, class Report>
void LiteralSet::scan(const unsigned char* p, std::size_t n, Report& report) const {
  const std::uint32_t* next = next_.data();
  std::array<std::size_t, Chains> pos, stop;
  std::array<std::uint32_t, Chains> row{};
  for (std::size_t k = 0; k < Chains; ++k) {
    pos[k] = n * k / Chains;
    stop[k] = n * (k + 1) / Chains;
  }
  auto step = [&](std::size_t k) {
    const std::uint32_t t = next[row[k] + class_of_[p[pos[k]++]]];
    row[k] = t & ~kHasOut;
    if (t & kHasOut) report(row[k]);
  };
  {
    // the lock-step loop on copies the compiler keeps in registers
    std::array<const unsigned char*, Chains> at;
    for (std::size_t k = 0; k < Chains; ++k) at[k] = p + pos[k];
    std::array<std::uint32_t, Chains> r = row;
    const unsigned char* const first_end = p + n / Chains;  // no piece is shorter than the first
    while (at[0] < first_end) {
#pragma GCC unroll 4
      for (std::size_t k = 0; k < Chains; ++k) {
        const std::uint32_t t = next[r[k] + class_of_[*at[k]++]];
        r[k] = t & ~kHasOut;
        if (t & kHasOut) [[unlikely]] report(r[k]);
      }
    }
    for (std::size_t k = 0; k < Chains; ++k) pos[k] = static_cast<std::size_t>(at[k] - p);
    row = r;
  }
  for (std::size_t k = 0; k < Chains; ++k) {
    while (pos[k] < stop[k]) step(k);
    if (k + 1 < Chains)
      while (pos[k] < n && pos[k] - depth_[row[k] / classes_] < stop[k]) step(k);
  }
}

bool LiteralSet::match(std::string_view text, std::vector<int>& found) const {
  if (next_.empty()) return false;
  thread_local std::vector<std::uint8_t> seen;
  if (seen.size() < literal_count_) seen.assign(literal_count_, 0);
  const std::size_t first = found.size();
  auto report = [&](std::uint32_t row) {
    const std::uint32_t state = row / classes_;
    for (std::uint32_t k = out_begin_[state]; k < out_begin_[state + 1]; ++k) {
      const int lit = out_[k];
      if (!seen[static_cast<std::size_t>(lit)]) {
        seen[static_cast<std::size_t>(lit)] = 1;
        found.push_back(lit);
      }
    }
  };
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  if (text.size() >= 256) scan<4>(p, text.size(), report);
  else if (text.size() >= 64) scan<2>(p, text.size(), report);
  else scan<1>(p, text.size(), report);
  for (std::size_t i = first; i < found.size(); ++i) seen[static_cast<std::size_t>(found[i])] = 0;
  return found.size() > first;
}

}  // namespace grabli
