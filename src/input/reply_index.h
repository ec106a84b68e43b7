#pragma once
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/post.h"

namespace grabli {

// id hash → entry number, open addressing with linear probing: one probe into one array where
// std::unordered_map chased a bucket and a node per lookup (the reader thread's costliest line).
// Erasing shifts the entries after it back, so no tombstones pile up.
class IdHashIndex {
 public:
  std::optional<std::uint64_t> find(std::uint64_t hash) const;
  void put(std::uint64_t hash, std::uint64_t value);  // adds or replaces
  void erase(std::uint64_t hash);
  std::size_t size() const { return size_; }

 private:
  struct Slot {
    std::uint64_t hash = 0;
    std::uint64_t value_plus_one = 0;  // 0: empty
  };
  std::size_t home(std::uint64_t hash) const { return static_cast<std::size_t>(hash ^ (hash >> 29)) & (slots_.size() - 1); }
  void grow();
  std::vector<Slot> slots_;
  std::size_t size_ = 0;
};

// Recent messages by id, so a reply can carry the text it answers (Post::reply_to).
// Bounded: the oldest entries are forgotten first, so memory does not grow with the input. A
// reply more than 100 000 messages, or 8 MiB of text, after its parent loses the parent's text
// (about 50 000 posts of the benchmark's length). The audit maps the form tables, whose pages
// count in its resident set: 8 MiB here instead of 32 keeps the whole under the 128 MiB target.
//
// Every message of an audit passes through here on the reader thread, so ids and texts are
// copied into 1 MiB blocks in arrival order, dropped a block at a time as the oldest entries go,
// and found through a map of id hashes: a map of std::string pairs cost two allocations, a
// hash of the whole pair and a scattered erase per message, ~40 % of the reader thread.
class ReplyIndex {
 public:
  explicit ReplyIndex(std::size_t max_entries = 100000, std::size_t max_bytes = 8u << 20)
      : max_entries_(max_entries), max_bytes_(max_bytes) {}
  void remember(std::string_view id, std::string_view text);
  // The text last remembered for `id`; valid until the next remember().
  std::optional<std::string_view> find(std::string_view id) const;
  // What every reader does with a message: give it the text it answers, when that was seen
  // and it has none yet, then remember it for the replies that follow.
  void link(Post& post);
  std::size_t size() const { return latest_.size(); }

 private:
  static constexpr std::size_t kBlock = 1 << 20;
  struct Entry {
    std::uint64_t hash;
    std::uint64_t block;  // absolute block number
    std::uint32_t offset, id_len, text_len;
  };
  std::string_view id_of(const Entry& e) const;
  void forget_oldest();

  std::size_t max_entries_, max_bytes_, bytes_ = 0;
  std::deque<Entry> order_;  // oldest first; order_[i] is entry number first_ + i
  std::uint64_t first_ = 0;
  IdHashIndex latest_;  // id hash → its newest entry's number
  struct Block {
    std::unique_ptr<char[]> bytes;
    std::size_t size = 0, used = 0;
  };
  std::deque<Block> blocks_;  // blocks_[i] is block number first_block_ + i
  std::uint64_t first_block_ = 0;
  // The last block forgotten, kept for the next one: a fresh 1 MiB block cost a page fault per
  // 4 KiB (and a zero fill) on the reader thread, ~a third of it on the 24 MB benchmark.
  Block spare_;
};

}  // namespace grabli
