#include "report/result.h"

#include <cstdio>

#include "engine/checker.h"
#include "report/json_line.h"
#include "text/utf8.h"

namespace grabli {

Span span_of(const Finding& f, const Post& post) {
  const std::string_view text = post.original_text();
  const auto b = position_of(text, f.start);
  // the end position is that of the last character, inclusive: step back to its first byte
  auto last = f.end > f.start ? f.end - 1 : f.start;
  while (last > f.start && last < text.size() && (static_cast<unsigned char>(text[last]) & 0xC0) == 0x80) --last;
  auto e = position_of(text, last);
  const std::uint32_t base = post.source.first_line - 1;
  return {b.line + base, b.column, e.line + base, e.column + (f.end > f.start ? 1 : 0)};
}

std::string display_name(const Post& post) {
  if (!post.source.file.empty()) return post.source.file == "-" ? "<stdin>" : post.source.file;
  return post.id;
}

nlohmann::json finding_json(const Finding& f, const Post& post) {
  // one definition of the finding's fields: the audit's JSONL writer, read back
  JsonLine line;
  line.finding(f, post);
  return nlohmann::json::parse(line.text());
}

std::string terminal_safe(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const auto d = utf8::decode(s, i);
    const char32_t c = d.cp;
    if (!d.valid) {
      out += "\\x";
      char buf[3];
      std::snprintf(buf, sizeof buf, "%02X", static_cast<unsigned char>(s[i]));
      out += buf;
    } else if (c == '\t') {
      out += ' ';
    } else if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || (c >= 0x202A && c <= 0x202E) ||
               (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F || c == 0x061C) {
      char buf[16];
      std::snprintf(buf, sizeof buf, "\\u{%X}", static_cast<unsigned>(c));
      out += buf;
    } else {
      out.append(s.substr(i, d.len));
    }
    i += d.len;
  }
  return out;
}

std::string dump_json(const nlohmann::json& j, int indent) {
  return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace grabli
