#include "report/json_line.h"

#include <charconv>
#include <cstdint>
#include <cstring>

#include "report/result.h"
#include "text/utf8.h"

namespace grabli {

JsonLine::JsonLine()
    : scratch_(nlohmann::json::string_t()),
      ser_(nlohmann::detail::output_adapter<char, std::string>(buf_), ' ', nlohmann::json::error_handler_t::replace) {}

namespace {
// Whether `s` is written between quotes as it is: valid UTF-8 (utf8::decode's rules) with no
// control character, quote or backslash. ASCII goes eight bytes a step; the rest a character.
bool plain(std::string_view s) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ull, kHighs = 0x8080808080808080ull;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  for (std::size_t i = 0; i < n;) {
    if (i + 8 <= n) {
      std::uint64_t w;
      std::memcpy(&w, p + i, 8);
      if (!(w & kHighs)) {
        // a byte below 0x20, or one equal to '"' or '\\' (the classic zero-byte tests; exact as
        // a yes or no, and valid here as every byte is below 0x80)
        const std::uint64_t quote = w ^ (kOnes * '"'), backslash = w ^ (kOnes * '\\');
        const std::uint64_t low = (w - kOnes * 0x20) & ~w;
        const std::uint64_t q = (quote - kOnes) & ~quote;
        const std::uint64_t b = (backslash - kOnes) & ~backslash;
        if ((low | q | b) & kHighs) return false;
        i += 8;
        continue;
      }
    }
    const unsigned char c = p[i];
    if (c < 0x80) {
      if (c < 0x20 || c == '"' || c == '\\') return false;
      ++i;
      continue;
    }
    // two-byte sequences (Cyrillic, Latin-1) are most of the rest, and valid exactly when the
    // lead is C2–DF and a continuation byte follows
    if (c >= 0xC2 && c <= 0xDF && i + 1 < n && (p[i + 1] & 0xC0) == 0x80) {
      i += 2;
      continue;
    }
    const auto d = utf8::decode(s, i);
    if (!d.valid) return false;
    i += d.len;
  }
  return true;
}
}  // namespace

void JsonLine::string(std::string_view s) {
  // Most strings (rule ids, messages, words of a post) need no escape: valid UTF-8 with no
  // control character, quote or backslash is written as it is, the bytes nlohmann would write.
  // Anything else goes through its serializer (~1 800 instructions a string).
  if (plain(s)) {
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
