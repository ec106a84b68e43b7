#include "input/reply_index.h"

#include <algorithm>
#include <cstring>
#include <functional>

namespace grabli {

std::optional<std::uint64_t> IdHashIndex::find(std::uint64_t hash) const {
  if (slots_.empty()) return std::nullopt;
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = home(hash);; i = (i + 1) & mask) {
    const Slot& s = slots_[i];
    if (!s.value_plus_one) return std::nullopt;
    if (s.hash == hash) return s.value_plus_one - 1;
  }
}

void IdHashIndex::put(std::uint64_t hash, std::uint64_t value) {
  if ((size_ + 1) * 2 > slots_.size()) grow();
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = home(hash);; i = (i + 1) & mask) {
    Slot& s = slots_[i];
    if (!s.value_plus_one) {
      s = {hash, value + 1};
      ++size_;
      return;
    }
    if (s.hash == hash) {
      s.value_plus_one = value + 1;
      return;
    }
  }
}

void IdHashIndex::erase(std::uint64_t hash) {
  if (slots_.empty()) return;
  const std::size_t mask = slots_.size() - 1;
  std::size_t i = home(hash);
  for (;; i = (i + 1) & mask) {
    if (!slots_[i].value_plus_one) return;
    if (slots_[i].hash == hash) break;
  }
  // shift back each later entry of the run that may sit in the hole (its home is not in (i, j])
  for (std::size_t j = (i + 1) & mask; slots_[j].value_plus_one; j = (j + 1) & mask) {
    const std::size_t k = home(slots_[j].hash);
    const bool stays = i < j ? (k > i && k <= j) : (k > i || k <= j);
    if (stays) continue;
    slots_[i] = slots_[j];
    i = j;
  }
  slots_[i] = Slot{};
  --size_;
}

void IdHashIndex::grow() {
  std::vector<Slot> old(std::max<std::size_t>(64, slots_.size() * 2));
  old.swap(slots_);
  size_ = 0;
  for (const Slot& s : old)
    if (s.value_plus_one) put(s.hash, s.value_plus_one - 1);
}

std::string_view ReplyIndex::id_of(const Entry& e) const {
  return {blocks_[e.block - first_block_].bytes.get() + e.offset, e.id_len};
}

void ReplyIndex::forget_oldest() {
  const Entry& e = order_.front();
  if (const auto newest = latest_.find(e.hash); newest && *newest == first_) latest_.erase(e.hash);
  bytes_ -= e.id_len + e.text_len;
  order_.pop_front();
  ++first_;
  // a block goes when no entry is left in it
  const std::uint64_t keep = order_.empty() ? first_block_ + blocks_.size() - 1 : order_.front().block;
  while (first_block_ < keep) {
    if (blocks_.front().size == kBlock) spare_ = std::move(blocks_.front());
    blocks_.pop_front();
    ++first_block_;
  }
}

void ReplyIndex::remember(std::string_view id, std::string_view text) {
  if (id.empty() || id.size() > (1u << 16) || text.size() > max_bytes_ / 4) return;
  const std::size_t need = id.size() + text.size();
  if (blocks_.empty() || blocks_.back().size - blocks_.back().used < need) {
    if (!blocks_.empty() && blocks_.back().used == 0) {  // an unused block too small for this one
      blocks_.pop_back();
    }
    if (need <= kBlock && spare_.bytes) {
      spare_.used = 0;
      blocks_.push_back(std::move(spare_));
      spare_ = Block{};
    } else {
      const std::size_t size = std::max(kBlock, need);
      blocks_.push_back({std::make_unique_for_overwrite<char[]>(size), size, 0});
    }
  }
  Block& b = blocks_.back();
  std::memcpy(b.bytes.get() + b.used, id.data(), id.size());
  std::memcpy(b.bytes.get() + b.used + id.size(), text.data(), text.size());
  const Entry e{std::hash<std::string_view>{}(id), first_block_ + blocks_.size() - 1, static_cast<std::uint32_t>(b.used),
                static_cast<std::uint32_t>(id.size()), static_cast<std::uint32_t>(text.size())};
  b.used += need;
  order_.push_back(e);
  latest_.put(e.hash, first_ + order_.size() - 1);
  bytes_ += need;
  while (order_.size() > 1 && (latest_.size() > max_entries_ || order_.size() > 2 * max_entries_ || bytes_ > max_bytes_))
    forget_oldest();
}

std::optional<std::string_view> ReplyIndex::find(std::string_view id) const {
  const auto newest = latest_.find(std::hash<std::string_view>{}(id));
  if (!newest) return std::nullopt;
  const Entry& e = order_[*newest - first_];
  if (id_of(e) != id) return std::nullopt;  // another id with the same hash
  return std::string_view(blocks_[e.block - first_block_].bytes.get() + e.offset + e.id_len, e.text_len);
}

void ReplyIndex::link(Post& post) {
  if (!post.reply_to && !post.reply_to_id.empty())
    if (const auto t = find(post.reply_to_id)) post.reply_to = std::string(*t);
  remember(post.id, post.text);
}

}  // namespace grabli
