#include "input/timestamp.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>

namespace grabli {

namespace {

// Howard Hinnant's days_from_civil: proleptic Gregorian date → days since 1970-01-01.
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

struct Cursor {
  std::string_view s;
  std::size_t i = 0;
  bool done() const { return i >= s.size(); }
  char peek() const { return done() ? '\0' : s[i]; }
  bool eat(char c) {
    if (peek() != c) return false;
    ++i;
    return true;
  }
  // exactly `n` digits when n > 0, otherwise 1 or more
  bool number(int& out, int n) {
    std::size_t start = i;
    while (!done() && s[i] >= '0' && s[i] <= '9' && (n == 0 || static_cast<int>(i - start) < n)) ++i;
    if (i == start || (n > 0 && static_cast<int>(i - start) != n)) return false;
    std::from_chars(s.data() + start, s.data() + i, out);
    return true;
  }
};

bool valid_date(int y, int mo, int d, int h, int mi, int se) {
  return y >= 1970 && y < 3000 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h >= 0 && h < 24 && mi >= 0 &&
         mi < 60 && se >= 0 && se <= 60;
}

std::optional<std::int64_t> combine(int y, int mo, int d, int h, int mi, int se, int offset_minutes) {
  if (!valid_date(y, mo, d, h, mi, se)) return std::nullopt;
  return days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400 + h * 3600 + mi * 60 + se -
         offset_minutes * 60;
}

// hh:mm[:ss[.fff]] then an optional zone
bool clock_and_zone(Cursor& c, int& h, int& mi, int& se, int& offset) {
  if (!c.number(h, 2) || !c.eat(':') || !c.number(mi, 2)) return false;
  if (c.eat(':') && !c.number(se, 2)) return false;
  if (c.eat('.') || c.eat(',')) {
    int frac;
    if (!c.number(frac, 0)) return false;
  }
  while (c.peek() == ' ') ++c.i;
  if (c.eat('Z') || c.eat('z') || c.done()) return c.done();
  const char sign = c.peek();
  if (sign != '+' && sign != '-') return false;
  ++c.i;
  int oh = 0, om = 0;
  if (!c.number(oh, 2)) return false;
  c.eat(':');
  if (!c.done() && !c.number(om, 2)) return false;
  offset = (sign == '-' ? -1 : 1) * (oh * 60 + om);
  return c.done();
}

std::optional<std::int64_t> parse_twitter(std::string_view s) {
  // "Wed Oct 10 20:19:24 +0000 2018"
  static constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                               "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  if (s.size() < 30 || s[3] != ' ' || s[7] != ' ') return std::nullopt;
  int mo = 0;
  for (std::size_t k = 0; k < kMonths.size(); ++k)
    if (s.substr(4, 3) == kMonths[k]) mo = static_cast<int>(k) + 1;
  Cursor c{s, 8};
  int d, h, mi, se = 0, y, offset = 0;
  if (!mo || !c.number(d, 2) || !c.eat(' ') || !c.number(h, 2) || !c.eat(':') || !c.number(mi, 2) || !c.eat(':') ||
      !c.number(se, 2) || !c.eat(' '))
    return std::nullopt;
  const char sign = c.peek();
  int zone;
  if ((sign != '+' && sign != '-') || (++c.i, !c.number(zone, 4)) || !c.eat(' ') || !c.number(y, 4) || !c.done())
    return std::nullopt;
  offset = (sign == '-' ? -1 : 1) * (zone / 100 * 60 + zone % 100);
  return combine(y, mo, d, h, mi, se, offset);
}

}  // namespace

std::optional<std::int64_t> parse_timestamp(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  if (s.empty()) return std::nullopt;
  if (s.find_first_not_of("0123456789") == std::string_view::npos) {
    if (s.size() < 9 || s.size() > 11) return std::nullopt;  // Unix seconds, 1973…5138
    std::int64_t v = 0;
    std::from_chars(s.data(), s.data() + s.size(), v);
    return v;
  }
  if (s.size() >= 3 && s[0] >= 'A' && s[0] <= 'Z') return parse_twitter(s);
  Cursor c{s};
  int a, b, y, mo, d, h = 0, mi = 0, se = 0, offset = 0;
  if (!c.number(a, 0)) return std::nullopt;
  if (c.peek() == '-' && a >= 1000) {  // ISO 8601
    y = a;
    if (!c.eat('-') || !c.number(mo, 2) || !c.eat('-') || !c.number(d, 2)) return std::nullopt;
  } else if (c.peek() == '.' && a <= 31) {  // 15.01.2024
    d = a;
    if (!c.eat('.') || !c.number(b, 2)) return std::nullopt;
    mo = b;
    if (!c.eat('.') || !c.number(y, 4)) return std::nullopt;
  } else {
    return std::nullopt;
  }
  if (c.done()) return combine(y, mo, d, 0, 0, 0, 0);
  if (!c.eat('T') && !c.eat('t') && !c.eat(' ')) return std::nullopt;
  while (c.peek() == ' ') ++c.i;
  if (!clock_and_zone(c, h, mi, se, offset)) return std::nullopt;
  return combine(y, mo, d, h, mi, se, offset);
}

std::string iso_utc(std::int64_t t) {
  // years 1 to 9999: a timestamp from an export can be anything, and the arithmetic below would
  // overflow near the ends of int64
  t = std::clamp<std::int64_t>(t, -62135596800, 253402300799);
  // civil_from_days
  std::int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
  std::int64_t secs = t - days * 86400;
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(days - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02lld:%02lld:%02lldZ", static_cast<long long>(y), m, d,
                static_cast<long long>(secs / 3600), static_cast<long long>(secs / 60 % 60),
                static_cast<long long>(secs % 60));
  return buf;
}

std::string month_of(std::string_view s) {
  auto t = parse_timestamp(s);
  if (!t) return {};
  return iso_utc(*t).substr(0, 7);
}

std::optional<std::int64_t> parse_duration(std::string_view s) {
  if (s.empty()) return std::nullopt;
  std::int64_t total = 0;
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    if (i == start || i - start > 9) return std::nullopt;
    std::int64_t v = 0;
    std::from_chars(s.data() + start, s.data() + i, v);
    std::int64_t unit = 1;
    if (i < s.size()) {
      switch (s[i]) {
        case 'd': unit = 86400; break;
        case 'h': unit = 3600; break;
        case 'm': unit = 60; break;
        case 's': unit = 1; break;
        default: return std::nullopt;
      }
      ++i;
    } else if (start != 0) {
      return std::nullopt;  // "1h30" is ambiguous
    }
    total += v * unit;
  }
  return total;
}

std::string format_duration(std::int64_t s) {
  if (s < 0) return "-" + format_duration(-s);
  if (s < 60) return std::to_string(s) + "s";
  // under two days in hours ("24h", "30h 5m"), which is how SLAs are written
  const std::int64_t d = s < 2 * 86400 ? 0 : s / 86400, h = s < 2 * 86400 ? s / 3600 : s / 3600 % 24, m = s / 60 % 60;
  std::string out;
  if (d) out += std::to_string(d) + "d";
  if (h) out += (out.empty() ? "" : " ") + std::to_string(h) + "h";
  if (m && !d) out += (out.empty() ? "" : " ") + std::to_string(m) + "m";
  return out.empty() ? "0m" : out;
}

}  // namespace grabli
