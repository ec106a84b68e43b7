#pragma once
#include <istream>
#include <string>

#include "input/record.h"
#include "input/reply_index.h"

namespace grabli {

// VK API `wall.get` (and `wall.getComments`) JSON: `response.items` (or a bare `items`), unix
// `date`, `from_id` (negative for communities). Records are named wall<owner>_<id>; the author is
// "club<N>" or "id<N>" as in VK's addresses, the numeric from_id its id: either can be an own account.
class VkReader : public PostReader {
 public:
  VkReader(std::istream& in, std::string source) : in_(in), source_(std::move(source)) {}
  ReadStatus read(const RecordSink& sink) override;

 private:
  std::istream& in_;
  std::string source_;
  ReplyIndex replies_;
};

}  // namespace grabli
