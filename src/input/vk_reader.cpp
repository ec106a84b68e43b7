#include "input/vk_reader.h"

#include "input/json_fields.h"
#include "input/json_stream.h"
#include "input/timestamp.h"

namespace grabli {

using json = nlohmann::json;
using json_fields::field;

ReadStatus VkReader::read(const RecordSink& sink) {
  ReadStatus status;
  std::uint64_t record = 0;
  bool stopped = false;
  std::string api_error;
  auto select = [](const JsonArrayStream::Path& p) {
    return p == JsonArrayStream::Path{"response", "items"} || p == JsonArrayStream::Path{"items"};
  };
  auto on_item = [&](json&& item, const JsonArrayStream::Owner&) {
    InputRecord r;
    r.post.source.file = source_;
    r.post.source.record = static_cast<std::uint32_t>(++record);
    r.post.channel = "vk";
    if (!item.is_object()) {
      r.error = "item " + std::to_string(record) + ": expected an object, got " + item.type_name();
    } else {
      const std::string id = field(item, "id"), owner = field(item, "owner_id");
      r.post.id = owner.empty() ? id : "wall" + owner + "_" + id;
      auto scoped = [&](const std::string& other) { return owner.empty() || other.empty() ? other : "wall" + owner + "_" + other; };
      auto text = item.find("text");
      if (text != item.end() && !text->is_string() && !text->is_null()) {
        r.error = "item " + r.post.id + ": \"text\" must be a string";
      } else {
        if (text != item.end() && text->is_string()) r.post.text = text->get<std::string>();
        const std::string from = field(item, "from_id");
        r.author_id = from;
        if (!from.empty()) r.post.author = from[0] == '-' ? "club" + from.substr(1) : "id" + from;
        // an integer of seconds; a float (1.7e23) would not fit in int64: its cast is undefined
        if (auto t = item.find("date"); t != item.end() && t->is_number_integer()) r.post.created_at = iso_utc(t->get<std::int64_t>());
        else r.post.created_at = field(item, "date");
        // comments answer a comment (reply_to_comment) or the post itself (post_id)
        std::string reply = field(item, "reply_to_comment");
        if (reply.empty()) reply = field(item, "post_id");
        r.post.reply_to_id = scoped(reply);
        replies_.link(r.post);
      }
    }
    if (!sink(std::move(r))) {
      stopped = true;
      return false;
    }
    return true;
  };
  const auto res = JsonArrayStream::parse(in_, select, on_item);
  if (stopped) return status;
  if (!res.ok)
    status.fatal = "line " + std::to_string(res.line) + ": " + res.error + " (after " + std::to_string(record) +
                   " item(s); the rest was not read)";
  else if (res.arrays == 0)
    status.fatal = "not a VK wall.get response: no \"response\": {\"items\": [...]} found (an API error object?)";
  return status;
}

}  // namespace grabli
