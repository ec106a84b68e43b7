#include "input/reply_index.h"

namespace grabli {

void ReplyIndex::remember(const std::string& id, std::string_view text) {
  if (id.empty() || text.size() > max_bytes_ / 4) return;
  auto [it, inserted] = texts_.try_emplace(id, text);
  if (!inserted) {
    bytes_ -= it->second.size();
    it->second.assign(text);
  } else {
    order_.push_back(id);
  }
  bytes_ += text.size();
  while (!order_.empty() && (texts_.size() > max_entries_ || bytes_ > max_bytes_)) {
    auto old = texts_.find(order_.front());
    if (old != texts_.end()) {
      bytes_ -= old->second.size();
      texts_.erase(old);
    }
    order_.pop_front();
  }
}

const std::string* ReplyIndex::find(const std::string& id) const {
  auto it = texts_.find(id);
  return it == texts_.end() ? nullptr : &it->second;
}

void ReplyIndex::link(Post& post) {
  if (!post.reply_to && !post.reply_to_id.empty())
    if (const auto* t = find(post.reply_to_id)) post.reply_to = *t;
  remember(post.id, post.text);
}

}  // namespace grabli
