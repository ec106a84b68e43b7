#include "input/twitter_reader.h"

#include "input/json_fields.h"
#include "input/json_stream.h"
#include "input/timestamp.h"

namespace grabli {

using json = nlohmann::json;
using json_fields::field;

std::string decode_twitter_entities(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '&') {
      if (s.substr(i, 5) == "&amp;") { out += '&'; i += 4; continue; }
      if (s.substr(i, 4) == "&lt;") { out += '<'; i += 3; continue; }
      if (s.substr(i, 4) == "&gt;") { out += '>'; i += 3; continue; }
    }
    out += s[i];
  }
  return out;
}

ReadStatus TwitterReader::read(const RecordSink& sink) {
  ReadStatus status;
  // skip "window.YTD.tweets.part0 = " up to the array
  auto* sb = in_.rdbuf();
  using traits = std::streambuf::traits_type;
  std::size_t skipped = 0;
  for (auto c = sb->sgetc(); !traits::eq_int_type(c, traits::eof()) && c != '[' && c != '{'; c = sb->snextc()) {
    if (++skipped > 4096) {
      status.fatal = "not an X/Twitter archive: no JSON array after the `window.YTD.tweets.part0 =` prefix";
      return status;
    }
  }
  std::uint64_t record = 0;
  bool stopped = false;
  auto select = [](const JsonArrayStream::Path& p) { return p.empty(); };
  auto on_tweet = [&](json&& item, const JsonArrayStream::Owner&) {
    InputRecord r;
    r.post.source.file = source_;
    r.post.source.record = static_cast<std::uint32_t>(++record);
    r.post.channel = "twitter";
    const json& t = item.is_object() && item.contains("tweet") ? item["tweet"] : item;
    if (!t.is_object()) {
      r.error = "tweet " + std::to_string(record) + ": expected an object, got " + t.type_name();
    } else {
      r.post.id = field(t, "id_str");
      if (r.post.id.empty()) r.post.id = field(t, "id");
      std::string text = field(t, "full_text");
      if (text.empty()) text = field(t, "text");
      r.post.text = decode_twitter_entities(text);
      if (auto when = parse_timestamp(field(t, "created_at"))) r.post.created_at = iso_utc(*when);
      else r.post.created_at = field(t, "created_at");
      r.post.reply_to_id = field(t, "in_reply_to_status_id_str");
      replies_.link(r.post);
      if (r.post.id.empty()) r.post.id = std::to_string(record);
    }
    if (!sink(std::move(r))) {
      stopped = true;
      return false;
    }
    return true;
  };
  const auto res = JsonArrayStream::parse(in_, select, on_tweet);
  if (stopped) return status;
  if (!res.ok)
    status.fatal = "line " + std::to_string(res.line) + ": " + res.error + " (after " + std::to_string(record) +
                   " tweet(s); the rest was not read)";
  else if (res.arrays == 0)
    status.fatal = "not an X/Twitter archive: expected `window.YTD.tweets.part0 = [ ... ]`";
  return status;
}

}  // namespace grabli
