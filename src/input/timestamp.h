#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace grabli {

// Seconds since the Unix epoch of the forms exports use: ISO 8601 ("2024-01-15T10:00:00",
// optional fraction and Z/±hh:mm; a space instead of T), "15.01.2024 10:00", a bare Unix time,
// and Twitter's "Wed Oct 10 20:19:24 +0000 2018". Times without a zone are taken as UTC.
std::optional<std::int64_t> parse_timestamp(std::string_view s);

// "2024-01-15T10:00:00Z"
std::string iso_utc(std::int64_t unix_seconds);

// "YYYY-MM" of a timestamp, empty when it does not parse.
std::string month_of(std::string_view s);

// "24h", "90m", "2d", "1h30m", "3600s", "3600" → seconds.
std::optional<std::int64_t> parse_duration(std::string_view s);
// 93784 → "1d 2h 3m"; 59 → "59s".
std::string format_duration(std::int64_t seconds);

}  // namespace grabli
