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
Decoded decode(std::string_view s, std::size_t pos);

void append(std::string& out, char32_t cp);

// Number of code points in s (invalid bytes count one each).
std::size_t length(std::string_view s);

// Replaces invalid sequences with U+FFFD; used by printers, never by matching.
std::string sanitize(std::string_view s);

// True if the whole string is valid UTF-8.
bool valid(std::string_view s);

}  // namespace grabli::utf8
