#include "input/jsonl_reader.h"

#include <algorithm>
#include <cstring>
#include <vector>

#include <nlohmann/json.hpp>
#include <simdjson.h>

#include "input/json_fields.h"

namespace grabli {

namespace {

using json = nlohmann::json;
using json_fields::field;

// Lines of a streambuf, cut with memchr over what its buffer already holds (a byte at a time
// through sbumpc() was ~25 instructions a byte); it waits for nothing but the next read, so a
// line written to a pipe is read as soon as it arrives. A line past `max` is cut there and
// flagged, the rest of it skipped, so a huge line cannot fill the memory. next() is false at the
// end of input.
class LineReader {
 public:
  explicit LineReader(std::streambuf* sb) : sb_(sb), buf_(1 << 16) {}
  bool next(std::string& line, std::size_t max, bool& too_long) {
    line.clear();
    too_long = false;
    if (pos_ == end_ && !fill()) return false;
    for (;;) {
      const char* b = buf_.data() + pos_;
      const std::size_t n = end_ - pos_;
      const auto* nl = static_cast<const char*>(std::memchr(b, '\n', n));
      const std::size_t take = nl ? static_cast<std::size_t>(nl - b) : n;
      const std::size_t room = line.size() < max ? max - line.size() : 0;
      if (take > room) too_long = true;
      line.append(b, std::min(take, room));
      pos_ += take;
      if (nl) {
        ++pos_;
        break;
      }
      if (!fill()) break;
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return true;
  }

 private:
  bool fill() {
    using traits = std::streambuf::traits_type;
    pos_ = end_ = 0;
    if (traits::eq_int_type(sb_->sgetc(), traits::eof())) return false;  // waits for one read
    const std::streamsize ready = std::max<std::streamsize>(1, sb_->in_avail());
    end_ = static_cast<std::size_t>(sb_->sgetn(buf_.data(), std::min<std::streamsize>(ready, static_cast<std::streamsize>(buf_.size()))));
    return end_ > 0;
  }
  std::streambuf* sb_;
  std::vector<char> buf_;
  std::size_t pos_ = 0, end_ = 0;
};

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

// The common line, read by simdjson without building a DOM of nlohmann objects (that DOM was
// most of the reader thread's time, and the reader is one of the three threads of an audit).
// Returns false for anything post_from_json would treat specially — invalid JSON, a field of an
// unexpected type, a float id, a key given twice — and the caller parses the line again with
// nlohmann, so those lines get exactly the same record and message as before.
class FastLine {
 public:
  bool read(simdjson::dom::parser& parser, const std::string& padded_line, Post& post) {
    simdjson::dom::element root;
    if (parser.parse(padded_line.data(), padded_line.size(), false).get(root)) return false;
    simdjson::dom::object obj;
    if (root.get(obj)) return false;
    seen_ = 0;
    for (auto [key, value] : obj) {
      const int k = key_index(key);
      if (k < 0) continue;
      if (seen_ & (1u << k)) return false;  // nlohmann keeps the last of duplicate keys
      seen_ |= 1u << k;
      values_[k] = value;
    }
    if (has(kId) && !values_[kId].is_null() && !scalar(values_[kId], post.id, true)) return false;
    int text = -1;
    for (int k : {kText, kFullText, kMessage, kContent})
      if (has(k)) {
        text = k;
        break;
      }
    std::string_view sv;
    if (text < 0 || values_[text].get(sv)) return false;
    post.text.assign(sv);
    for (auto [k, out] : {std::pair{kRole, &post.role}, {kChannel, &post.channel}, {kLang, &post.lang}}) {
      if (!has(k) || values_[k].is_null()) continue;
      if (values_[k].get(sv)) return false;
      out->assign(sv);
    }
    if (!first_text({kAuthor, kFrom, kUser, kUsername}, post.author)) return false;
    if (!first_text({kCreatedAt, kDate, kTime, kTimestamp}, post.created_at)) return false;
    if (has(kReplyTo) && !values_[kReplyTo].is_null()) {
      const auto rt = values_[kReplyTo];
      simdjson::dom::object parent;
      if (!rt.get(parent)) {
        bool id_seen = false, text_seen = false;
        for (auto [key, value] : parent) {
          if (key == "id") {
            if (id_seen) return false;
            id_seen = true;
            if (!scalar(value, post.reply_to_id, false)) return false;
          } else if (key == "text") {
            if (text_seen) return false;
            text_seen = true;
            if (!value.get(sv)) post.reply_to = std::string(sv);
          }
        }
      } else if (!scalar(rt, post.reply_to_id, true)) {
        return false;
      }
    } else if (has(kReplyToId)) {
      const auto rid = values_[kReplyToId];
      if (rid.is_string() || rid.is_number()) {
        if (!scalar(rid, post.reply_to_id, true)) return false;
      }
    }
    return true;
  }

 private:
  enum Key {
    kId, kText, kFullText, kMessage, kContent, kRole, kChannel, kLang, kAuthor, kFrom, kUser, kUsername,
    kCreatedAt, kDate, kTime, kTimestamp, kReplyTo, kReplyToId, kKeys
  };
  static int key_index(std::string_view key) {
    static constexpr std::string_view names[kKeys] = {
        "id", "text", "full_text", "message", "content", "role", "channel", "lang", "author", "from", "user",
        "username", "created_at", "date", "time", "timestamp", "reply_to", "reply_to_id"};
    for (int i = 0; i < kKeys; ++i)
      if (names[i] == key) return i;
    return -1;
  }
  bool has(int k) const { return seen_ & (1u << k); }
  // json_fields::text: a string as it is, an integer in decimal, other types empty. A float is
  // left to nlohmann, whose formatting of it the record must keep. `strict`: other types are
  // an error (post_from_json's own message), so the line goes to nlohmann too.
  static bool scalar(simdjson::dom::element v, std::string& out, bool strict) {
    std::string_view sv;
    std::int64_t i = 0;
    std::uint64_t u = 0;
    if (!v.get(sv)) out.assign(sv);
    else if (!v.get(i)) out = std::to_string(i);
    else if (!v.get(u)) out = std::to_string(u);
    else if (v.is_double()) return false;
    else return out.clear(), !strict;
    return true;
  }
  // first_string(): the first of the keys present and not null decides.
  bool first_text(std::initializer_list<int> keys, std::string& out) {
    for (int k : keys)
      if (has(k) && !values_[k].is_null()) return scalar(values_[k], out, false);
    return true;
  }

  std::uint32_t seen_ = 0;
  simdjson::dom::element values_[kKeys];
};

}  // namespace

JsonlReader::JsonlReader(std::istream& in, std::string source, std::size_t max_line)
    : in_(in), source_(std::move(source)), max_line_(max_line), fast_(std::make_unique<simdjson::dom::parser>()) {}
JsonlReader::~JsonlReader() = default;

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
  LineReader lines(in_.rdbuf());
  while (lines.next(line, max_line_, too_long)) {
    ++line_no;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    InputRecord r;
    r.line = line_no;
    auto where = [&] { return "line " + std::to_string(line_no) + ": "; };
    ++record;
    line.reserve(line.size() + simdjson::SIMDJSON_PADDING);  // simdjson reads whole blocks
    if (too_long) {
      r.error = where() + "longer than " + format_size(max_line_) + " (max_record_bytes); not read";
    } else if (FastLine().read(*fast_, line, r.post)) {
      replies_.link(r.post);
    } else {
      r.post = Post{};
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
    r.post.source.file = source_;
    r.post.source.record = static_cast<std::uint32_t>(record);
    if (r.post.id.empty() && r.error.empty()) r.post.id = std::to_string(line_no);
    if (!sink(std::move(r))) break;
  }
  return status;
}

}  // namespace grabli
