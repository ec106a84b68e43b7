#include "input/telegram_reader.h"

#include "input/json_fields.h"
#include "input/json_stream.h"
#include "input/timestamp.h"

namespace grabli {

using json = nlohmann::json;
using json_fields::field;

bool telegram_text(const json& text, std::string& out) {
  out.clear();
  if (text.is_null()) return true;
  if (text.is_string()) {
    out = text.get<std::string>();
    return true;
  }
  if (!text.is_array()) return false;
  for (const auto& part : text) {
    if (part.is_string()) out += part.get<std::string>();
    else if (part.is_object() && part.contains("text") && part["text"].is_string()) out += part["text"].get<std::string>();
    else return false;
  }
  return true;
}

ReadStatus TelegramReader::read(const RecordSink& sink) {
  ReadStatus status;
  std::uint64_t record = 0;
  bool stopped = false, full_export = false;
  auto select = [&](const JsonArrayStream::Path& p) {
    if (p == JsonArrayStream::Path{"messages"}) return !(full_export = false);  // one chat
    return full_export = p.size() == 4 && (p[0] == "chats" || p[0] == "left_chats") && p[1] == "list" &&
                         p[2] == "[]" && p[3] == "messages";
  };
  auto on_message = [&](json&& m, const JsonArrayStream::Owner& chat) {
    // a full export has many chats whose message ids overlap
    std::string scope;
    if (auto it = chat.find("id"); full_export && it != chat.end()) scope = json_fields::text(it->second);
    auto scoped = [&](const std::string& id) { return scope.empty() || id.empty() ? id : scope + "/" + id; };
    if (field(m, "type") == "service") {
      ++status.skipped;
      return true;
    }
    InputRecord r;
    r.post.source.file = source_;
    r.post.source.record = static_cast<std::uint32_t>(++record);
    r.post.channel = "telegram";
    r.post.id = scoped(field(m, "id"));
    if (!m.is_object()) {
      r.error = "message " + std::to_string(record) + ": expected an object, got " + m.type_name();
    } else if (!telegram_text(m.contains("text") ? m["text"] : json(), r.post.text)) {
      r.error = "message " + r.post.id + ": \"text\" is neither a string nor an array of strings and entities";
    } else {
      r.post.author = field(m, "from");
      if (r.post.author.empty()) r.post.author = field(m, "actor");
      r.author_id = field(m, "from_id");
      if (auto unix_time = parse_timestamp(field(m, "date_unixtime"))) r.post.created_at = iso_utc(*unix_time);
      else r.post.created_at = field(m, "date");
      r.post.reply_to_id = scoped(field(m, "reply_to_message_id"));
      replies_.link(r.post);
    }
    if (!sink(std::move(r))) {
      stopped = true;
      return false;
    }
    return true;
  };
  const auto res = JsonArrayStream::parse(in_, select, on_message);
  if (stopped) return status;
  if (!res.ok) {
    status.fatal = "line " + std::to_string(res.line) + ": " + res.error + " (after " + std::to_string(record) +
                   " message(s); the rest of the export was not read)";
  } else if (res.arrays == 0) {
    status.fatal = "not a Telegram export: no \"messages\" or \"chats\": {\"list\": [...]} found";
  }
  return status;
}

}  // namespace grabli
