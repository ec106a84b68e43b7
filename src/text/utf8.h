#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace grabli::utf8 {

inline constexpr char32_t kReplacement = 0xFFFD;

// Decodes one code point at `pos`. Invalid or truncated sequences yield U+FFFD with
// length 1 so that every byte of the original text stays addressable.
struct Decoded {
  char32_t cp;
  std::uint8_t len;
  bool valid;
};
// Inline: the analyser calls it for every code point of every post.
[[gnu::always_inline]] inline Decoded decode(std::string_view s, std::size_t pos) {
  const auto b0 = static_cast<unsigned char>(s[pos]);
  if (b0 < 0x80) return {b0, 1, true};
  int need;
  char32_t cp;
  char32_t min;
  if ((b0 & 0xE0) == 0xC0) {
    need = 1, cp = b0 & 0x1F, min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    need = 2, cp = b0 & 0x0F, min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    need = 3, cp = b0 & 0x07, min = 0x10000;
  } else {
    return {kReplacement, 1, false};
  }
  if (pos + need >= s.size()) return {kReplacement, 1, false};
  for (int i = 1; i <= need; ++i) {
    const auto b = static_cast<unsigned char>(s[pos + i]);
    if ((b & 0xC0) != 0x80) return {kReplacement, 1, false};
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return {kReplacement, 1, false};
  return {cp, static_cast<std::uint8_t>(need + 1), true};
}

// Writes the UTF-8 bytes of `cp` to `out` (room for 4) and returns how many.
inline std::size_t encode(char32_t cp, char* out) {
  if (cp < 0x80) {
    out[0] = static_cast<char>(cp);
    return 1;
  }
  if (cp < 0x800) {
    out[0] = static_cast<char>(0xC0 | (cp >> 6));
    out[1] = static_cast<char>(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = static_cast<char>(0xE0 | (cp >> 12));
    out[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out[2] = static_cast<char>(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = static_cast<char>(0xF0 | (cp >> 18));
  out[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
  out[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
  out[3] = static_cast<char>(0x80 | (cp & 0x3F));
  return 4;
}

void append(std::string& out, char32_t cp);

// Number of code points in s (invalid bytes count one each).
std::size_t length(std::string_view s);

// Bytes that are not continuation bytes: the code point count of valid UTF-8, and never more
// than length() of invalid text. A loop the compiler vectorises, for limits checked per post.
inline std::size_t lead_bytes(std::string_view s) {
  std::size_t n = 0;
  for (const char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// Replaces invalid sequences with U+FFFD; used by printers, never by matching.
std::string sanitize(std::string_view s);

// True if the whole string is valid UTF-8.
bool valid(std::string_view s);

}  // namespace grabli::utf8
