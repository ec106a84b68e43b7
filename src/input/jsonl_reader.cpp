#include "input/jsonl_reader.h"

#include <nlohmann/json.hpp>

#include "input/json_fields.h"

namespace grabli {

namespace {

using json = nlohmann::json;
using json_fields::field;

// Reads one line without keeping more than `max` bytes of it; false at the end of input.
bool read_line(std::streambuf* sb, std::string& line, std::size_t max, bool& too_long) {
  line.clear();
  too_long = false;
  using traits = std::streambuf::traits_type;
  auto c = sb->sbumpc();
  if (traits::eq_int_type(c, traits::eof())) return false;
  while (!traits::eq_int_type(c, traits::eof()) && c != '\n') {
    if (line.size() < max) line.push_back(traits::to_char_type(c));
    else too_long = true;
    c = sb->sbumpc();
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return true;
}

std::string first_string(const json& j, std::initializer_list<const char*> keys) {
  for (const char* k : keys)
    if (auto it = j.find(k); it != j.end() && !it->is_null()) return json_fields::text(*it);
  return {};
}

// "[json.exception.parse_error.101] parse error at line 1, column 24: syntax error …" →
// " at column 24: syntax error …"
std::string describe_parse_error(const std::string& what) {
  const auto col = what.find("column ");
  const auto colon = col == std::string::npos ? std::string::npos : what.find(": ", col);
  if (colon == std::string::npos) return ": " + what;
  return " at " + what.substr(col, colon - col) + ": " + what.substr(colon + 2);
}

// The id of a line that is not valid JSON, when it is plainly there ("id": "x" or "id": 12),
// so the error record can still be joined with the source.
std::string salvage_id(std::string_view line) {
  const auto k = line.find("\"id\"");
  if (k == std::string_view::npos) return {};
  std::size_t i = k + 4;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
  if (i >= line.size() || line[i] != ':') return {};
  ++i;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
  if (i < line.size() && line[i] == '"') {
    const auto end = line.find('"', i + 1);
    if (end == std::string_view::npos || line.substr(i + 1, end - i - 1).find('\\') != std::string_view::npos) return {};
    return std::string(line.substr(i + 1, end - i - 1));
  }
  std::size_t j = i;
  while (j < line.size() && line[j] >= '0' && line[j] <= '9') ++j;
  return std::string(line.substr(i, j - i));
}

}  // namespace

std::string post_from_json(const json& j, Post& post, ReplyIndex* replies) {
  if (!j.is_object()) return std::string("expected a JSON object, got ") + j.type_name();
  if (auto id = j.find("id"); id != j.end() && !id->is_null()) {
    if (!id->is_string() && !id->is_number()) return "\"id\" must be a string or a number";
    post.id = json_fields::text(*id);
  }
  const json* text = nullptr;
  for (const char* k : {"text", "full_text", "message", "content"})
    if (auto it = j.find(k); it != j.end()) {
      text = &*it;
      break;
    }
  if (!text) return "no \"text\" field";
  if (!text->is_string()) return std::string("\"text\" must be a string, got ") + text->type_name();
  post.text = text->get<std::string>();
  for (auto [key, out] : {std::pair{"role", &post.role}, {"channel", &post.channel}, {"lang", &post.lang}}) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) continue;
    if (!it->is_string()) return std::string("\"") + key + "\" must be a string";
    *out = it->get<std::string>();
  }
  post.author = first_string(j, {"author", "from", "user", "username"});
  post.created_at = first_string(j, {"created_at", "date", "time", "timestamp"});
  if (auto rt = j.find("reply_to"); rt != j.end() && !rt->is_null()) {
    if (rt->is_object()) {
      post.reply_to_id = field(*rt, "id");
      if (auto t = rt->find("text"); t != rt->end() && t->is_string()) post.reply_to = t->get<std::string>();
    } else if (rt->is_string() || rt->is_number()) {
      post.reply_to_id = json_fields::text(*rt);
    } else {
      return "\"reply_to\" must be an object {id, text} or the id of the message answered";
    }
  } else if (auto rid = j.find("reply_to_id"); rid != j.end() && (rid->is_string() || rid->is_number())) {
    post.reply_to_id = json_fields::text(*rid);
  }
  if (replies) replies->link(post);
  return {};
}

ReadStatus JsonlReader::read(const RecordSink& sink) {
  ReadStatus status;
  std::string line;
  bool too_long = false;
  std::uint64_t line_no = 0, record = 0;
  while (read_line(in_.rdbuf(), line, max_line_, too_long)) {
    ++line_no;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    InputRecord r;
    r.line = line_no;
    r.post.source.file = source_;
    r.post.source.record = static_cast<std::uint32_t>(++record);
    auto where = [&] { return "line " + std::to_string(line_no) + ": "; };
    if (too_long) {
      r.error = where() + "longer than " + format_size(max_line_) + " (max_record_bytes); not read";
    } else {
      json j = json::parse(line, nullptr, false);
      if (j.is_discarded()) {
        // parse again with exceptions for the library's message, which says where and what
        try {
          [[maybe_unused]] const json again = json::parse(line);
        } catch (const std::exception& e) {
          r.error = where() + "invalid JSON" + describe_parse_error(e.what());
        }
        r.post.id = salvage_id(line);
      } else if (auto why = post_from_json(j, r.post, &replies_); !why.empty()) {
        r.error = where() + why;
      }
    }
    if (r.post.id.empty() && r.error.empty()) r.post.id = std::to_string(line_no);
    if (!sink(std::move(r))) break;
  }
  return status;
}

}  // namespace grabli
