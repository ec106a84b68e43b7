#include "text/utf8.h"

namespace grabli::utf8 {

void append(std::string& out, char32_t cp) {
  char buf[4];
  out.append(buf, encode(cp, buf));
}

std::size_t length(std::string_view s) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size(); i += decode(s, i).len) ++n;
  return n;
}

std::string sanitize(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const auto d = decode(s, i);
    if (d.valid) out.append(s.substr(i, d.len));
    else append(out, kReplacement);
    i += d.len;
  }
  return out;
}

bool valid(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto d = decode(s, i);
    if (!d.valid) return false;
    i += d.len;
  }
  return true;
}

}  // namespace grabli::utf8
