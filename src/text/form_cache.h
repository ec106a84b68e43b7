#pragma once
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

namespace grabli {

// Word form → small integer, for the lemmatizer's per-form cache: every word of every post is
// looked up here. A node-based std::unordered_map<std::string, …> took three dependent cache
// misses per lookup (bucket, node, heap string: most Russian words are longer than the
// small-string buffer) and was the largest single cost of an audit. Here the slots are one flat
// array probed linearly, each holding the form's hash and where its bytes are in one arena.
class FormCache {
 public:
  static constexpr std::uint32_t kAbsent = ~std::uint32_t{0};

  // A form's value and a payload of the caller's (the lemmatizer keeps a form's key range here:
  // read with the slot, it costs no second cache miss in an array of its own).
  struct Found {
    std::uint32_t value = kAbsent;
    std::uint64_t payload = 0;
  };
  Found find(std::string_view form) const { return find(form, hash(form)); }
  // The same with the form's hash(), from prefetch().
  Found find(std::string_view form, std::uint64_t h) const {
    if (slots_.empty()) return {};
    for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.value == kAbsent) return {};
      if (s.hash == h && s.len == form.size() && same_bytes(arena_.data() + s.offset, form.data(), form.size()))
        return {s.value, s.payload};
    }
  }
  // Starts loading the slot where find(form) begins, so that a later find() of a form met for
  // the first time in a while does not stall on memory: the table of a long audit is megabytes.
  // Returns the form's hash, for that find().
  std::uint64_t prefetch(std::string_view form) const {
    const std::uint64_t h = hash(form);
    if (!slots_.empty()) __builtin_prefetch(&slots_[h & mask_]);
    return h;
  }
  // Adds a form that find() did not know.
  void insert(std::string_view form, std::uint32_t value, std::uint64_t payload = 0) {
    if ((size_ + 1) * 4 > slots_.size() * 3) grow();
    place({hash(form), static_cast<std::uint32_t>(arena_.size()), static_cast<std::uint32_t>(form.size()), value, payload});
    arena_.insert(arena_.end(), form.begin(), form.end());
    ++size_;
  }
  std::size_t size() const { return size_; }
  std::size_t bytes() const { return arena_.size() + slots_.size() * sizeof(Slot); }
  void clear() {
    slots_.clear();
    arena_.clear();
    size_ = 0;
    mask_ = 0;
  }
  // Eight bytes a step, the last load overlapping the one before (shorter forms: two overlapping
  // loads of four, or three bytes), each step mixed by a multiply: FNV-1a had a multiply's
  // latency for every byte of every word of every post.
  static std::uint64_t hash(std::string_view s) {
    constexpr std::uint64_t k = 0x9E3779B97F4A7C15ull;
    const char* p = s.data();
    std::size_t n = s.size();
    std::uint64_t h = k ^ n;
    auto step = [&](std::uint64_t v) {
      h = (h ^ v) * k;
      h ^= h >> 32;
    };
    if (n >= 8) {
      for (; n > 8; p += 8, n -= 8) step(load<std::uint64_t>(p));
      step(load<std::uint64_t>(p + n - 8));
    } else if (n >= 4) {
      step(std::uint64_t{load<std::uint32_t>(p)} << 32 | load<std::uint32_t>(p + n - 4));
    } else if (n > 0) {
      const auto b = [&](std::size_t i) { return std::uint64_t{static_cast<unsigned char>(p[i])}; };
      step(b(0) | b(n / 2) << 8 | b(n - 1) << 16);
    }
    h *= 0xBF58476D1CE4E5B9ull;
    return h ^ (h >> 29);
  }
  // memcmp(a, b, n) == 0 without a call: forms are short, and the cache compares one per word.
  static bool same_bytes(const char* a, const char* b, std::size_t n) {
    if (n >= 8) {
      for (; n > 8; a += 8, b += 8, n -= 8)
        if (load<std::uint64_t>(a) != load<std::uint64_t>(b)) return false;
      return load<std::uint64_t>(a + n - 8) == load<std::uint64_t>(b + n - 8);
    }
    if (n >= 4)
      return load<std::uint32_t>(a) == load<std::uint32_t>(b) && load<std::uint32_t>(a + n - 4) == load<std::uint32_t>(b + n - 4);
    for (std::size_t i = 0; i < n; ++i)
      if (a[i] != b[i]) return false;
    return true;
  }

 private:
  template <class T>
  static T load(const char* p) {
    T v;
    std::memcpy(&v, p, sizeof v);
    return v;
  }
  struct Slot {  // 32 bytes: two to a cache line
    std::uint64_t hash;
    std::uint32_t offset, len, value;
    std::uint64_t payload;
  };
  void place(const Slot& slot) {
    std::size_t i = slot.hash & mask_;
    while (slots_[i].value != kAbsent) i = (i + 1) & mask_;
    slots_[i] = slot;
  }
  void grow() {
    std::vector<Slot> old(slots_.size() ? slots_.size() * 2 : 1024, Slot{0, 0, 0, kAbsent, 0});
    old.swap(slots_);
    mask_ = slots_.size() - 1;
    for (const Slot& s : old)
      if (s.value != kAbsent) place(s);
  }

  std::vector<Slot> slots_;
  std::vector<char> arena_;
  std::size_t size_ = 0, mask_ = 0;
};

}  // namespace grabli
