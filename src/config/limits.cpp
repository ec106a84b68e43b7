#include "config/limits.h"

#include <array>
#include <cctype>

namespace grabli {

namespace {

constexpr std::uint64_t KiB = 1u << 10, MiB = 1u << 20, GiB = 1u << 30;

// A post or record of one byte is pointless but harmless; above 1 GiB offsets no longer fit the
// 32-bit positions findings use long before memory runs out. RE2 cannot compile even `a` in
// less than about a kilobyte, and a gigabyte of automaton is a policy gone wrong.
constexpr std::array<LimitKey, 4> kKeys = {{
    {"max_post_bytes", "max-post-bytes", 1, GiB, "the largest post: a draft file, stdin, or the text of one audit record"},
    {"max_record_bytes", "max-record-bytes", 1, GiB, "the largest audit input record: one JSONL line or CSV record"},
    {"regex_max_mem", "regex-max-mem", KiB, GiB, "RE2 memory for one pattern (RE2::Options::set_max_mem)"},
    {"regex_set_max_mem", "regex-set-max-mem", KiB, GiB,
     "RE2 memory for the set of all patterns of one text form (RE2::Set)"},
}};

bool equal_ci(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::span<const LimitKey> limit_keys() { return kKeys; }

const LimitKey* find_limit_key(std::string_view key) {
  for (const auto& k : kKeys)
    if (k.key == key) return &k;
  return nullptr;
}

std::uint64_t limit_of(const Limits& l, const LimitKey& k) {
  if (k.key == "max_post_bytes") return l.max_post_bytes;
  if (k.key == "max_record_bytes") return l.max_record_bytes;
  if (k.key == "regex_max_mem") return static_cast<std::uint64_t>(l.regex.per_pattern);
  return static_cast<std::uint64_t>(l.regex.per_set);
}

std::optional<std::uint64_t>& LimitOverrides::operator[](const LimitKey& k) {
  if (k.key == "max_post_bytes") return max_post_bytes;
  if (k.key == "max_record_bytes") return max_record_bytes;
  if (k.key == "regex_max_mem") return regex_max_mem;
  return regex_set_max_mem;
}

void LimitOverrides::apply_to(Limits& l) const {
  if (max_post_bytes) l.max_post_bytes = static_cast<std::size_t>(*max_post_bytes);
  if (max_record_bytes) l.max_record_bytes = static_cast<std::size_t>(*max_record_bytes);
  if (regex_max_mem) l.regex.per_pattern = static_cast<std::int64_t>(*regex_max_mem);
  if (regex_set_max_mem) l.regex.per_set = static_cast<std::int64_t>(*regex_set_max_mem);
}

std::optional<std::uint64_t> parse_size(std::string_view text, std::string& error) {
  const std::string_view s = trim(text);
  const std::string quoted = "'" + std::string(text) + "'";
  std::size_t i = 0;
  std::uint64_t n = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
    const std::uint64_t digit = static_cast<std::uint64_t>(s[i] - '0');
    if (n > (UINT64_MAX - digit) / 10) {
      error = quoted + " is too large";
      return std::nullopt;
    }
    n = n * 10 + digit;
    ++i;
  }
  if (i == 0) {
    error = quoted + (s.starts_with("-") ? " is negative" : " is not a size") +
            "; write a byte count or a number with a unit, e.g. 16MiB, 512KiB or 1048576";
    return std::nullopt;
  }
  const std::string_view unit = trim(s.substr(i));
  static constexpr std::array<std::pair<std::string_view, std::uint64_t>, 8> kUnits = {{
      {"", 1}, {"B", 1}, {"KiB", KiB}, {"MiB", MiB}, {"GiB", GiB}, {"KB", 1000}, {"MB", 1000 * 1000}, {"GB", 1000 * 1000 * 1000},
  }};
  for (const auto& [name, factor] : kUnits) {
    if (!equal_ci(unit, name)) continue;
    if (n > UINT64_MAX / factor) {
      error = quoted + " is too large";
      return std::nullopt;
    }
    return n * factor;
  }
  error = quoted + ": unknown unit '" + std::string(unit) +
          "'; use B, KiB, MiB, GiB (powers of 1024) or KB, MB, GB (powers of 1000), e.g. 16MiB";
  return std::nullopt;
}

std::optional<std::uint64_t> parse_limit(const LimitKey& key, std::string_view text, std::string& error) {
  auto n = parse_size(text, error);
  if (!n) return std::nullopt;
  if (*n < key.min || *n > key.max) {
    error = "must be between " + format_size(key.min) + " and " + format_size(key.max) +
            ", not " + (*n == 0 ? std::string("0") : format_size(*n));
    return std::nullopt;
  }
  return n;
}

std::string format_size(std::uint64_t bytes) {
  for (const auto& [unit, factor] : {std::pair{"GiB", GiB}, {"MiB", MiB}, {"KiB", KiB}})
    if (bytes >= factor && bytes % factor == 0) return std::to_string(bytes / factor) + " " + unit;
  return std::to_string(bytes) + (bytes == 1 ? " byte" : " bytes");
}

}  // namespace grabli
