#include "report/json_line.h"

#include <charconv>

#include "report/result.h"
#include "text/utf8.h"

namespace grabli {

JsonLine::JsonLine()
    : scratch_(nlohmann::json::string_t()),
      ser_(nlohmann::detail::output_adapter<char, std::string>(buf_), ' ', nlohmann::json::error_handler_t::replace) {}

void JsonLine::string(std::string_view s) {
  // Most strings (rule ids, messages, words of a post) need no escape: valid UTF-8 with no
  // control character, quote or backslash is written as it is, the bytes nlohmann would write.
  // Anything else goes through its serializer (~1 800 instructions a string).
  bool plain = true;
  for (const char c : s) {
    const auto b = static_cast<unsigned char>(c);
    if (b < 0x20 || b == '"' || b == '\\') {
      plain = false;
      break;
    }
  }
  if (plain && utf8::valid(s)) {
    buf_ += '"';
    buf_.append(s);
    buf_ += '"';
    return;
  }
  scratch_.get_ref<nlohmann::json::string_t&>().assign(s);
  ser_.dump(scratch_, false, false, 0);
}

void JsonLine::number(std::uint64_t n) {
  char digits[24];
  const auto r = std::to_chars(digits, digits + sizeof digits, n);
  buf_.append(digits, r.ptr);
}

void JsonLine::finding(const Finding& f, const Post& post) {
  const auto s = span_of(f, post);
  // keys in std::map order, as nlohmann writes an object
  raw(R"({"category":)");
  string(f.category);
  raw(R"(,"column":)");
  number(s.column);
  if (!f.cues.empty()) {
    raw(R"(,"cues":[)");
    for (std::size_t i = 0; i < f.cues.size(); ++i) {
      if (i) raw(",");
      string(f.cues[i]);
    }
    raw("]");
  }
  raw(R"(,"end":)");
  number(f.end);
  raw(R"(,"end_column":)");
  number(s.end_column);
  raw(R"(,"end_line":)");
  number(s.end_line);
  raw(R"(,"level":)");
  string(level_name(f.level));
  raw(R"(,"line":)");
  number(s.line);
  raw(R"(,"match":)");
  const std::string_view match = post.original_text().substr(f.start, f.end - f.start);
  // invalid bytes become U+FFFD one by one, as the text printers show them
  if (utf8::valid(match)) string(match);
  else string(utf8::sanitize(match));
  raw(R"(,"message":)");
  string(f.message);
  raw(R"(,"rule":)");
  string(f.rule);
  raw(R"(,"start":)");
  number(f.start);
  raw(R"(,"suggestion":)");
  string(f.suggestion);
  if (f.suppressed) {
    raw(R"(,"suppressed":true,"suppression_reason":)");
    string(f.suppression_reason);
  }
  raw("}");
}

}  // namespace grabli
