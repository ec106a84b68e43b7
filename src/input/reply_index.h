#pragma once
#include <cstddef>
#include <deque>
#include <string>
#include <unordered_map>

#include "engine/post.h"

namespace grabli {

// Recent messages by id, so a reply can carry the text it answers (Post::reply_to).
// Bounded: the oldest entries are forgotten first, so memory does not grow with the input. A
// reply more than 100 000 messages after its parent loses the parent's text; with ~300 bytes of
// bookkeeping and text per message, the cap is what keeps an audit's memory flat (the bench's
// 24 MB corpus has 143 k posts).
class ReplyIndex {
 public:
  explicit ReplyIndex(std::size_t max_entries = 100000, std::size_t max_bytes = 32u << 20)
      : max_entries_(max_entries), max_bytes_(max_bytes) {}
  void remember(const std::string& id, std::string_view text);
  const std::string* find(const std::string& id) const;
  // What every reader does with a message: give it the text it answers, when that was seen
  // and it has none yet, then remember it for the replies that follow.
  void link(Post& post);
  std::size_t size() const { return texts_.size(); }

 private:
  std::size_t max_entries_, max_bytes_, bytes_ = 0;
  std::unordered_map<std::string, std::string> texts_;
  std::deque<std::string> order_;
};

}  // namespace grabli
