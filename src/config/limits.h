#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "match/pattern_bank.h"

namespace grabli {

// The sizes that bound what grabli reads and compiles (docs/security.md, "Limits"). The
// defaults below hold for every real post, export and policy; `limits:` in .grabli.yaml changes
// them and the command line (--max-post-bytes, …) changes them again.
struct Limits {
  std::size_t max_post_bytes = 64u << 20;    // a draft file, stdin, one audit record's text
  std::size_t max_record_bytes = 16u << 20;  // one JSONL line or CSV record of an audit input
  RegexLimits regex;                         // RE2 memory per pattern and per RE2::Set
};

// One limit as users name it: the .grabli.yaml key under `limits:` and the command-line option.
struct LimitKey {
  std::string_view key;     // max_post_bytes
  std::string_view option;  // max-post-bytes
  std::uint64_t min, max;   // accepted values, inclusive
  std::string_view what;    // "the largest post (a draft file, stdin or an audit record's text)"
};
std::span<const LimitKey> limit_keys();
const LimitKey* find_limit_key(std::string_view key);
// The value `limits` has for a key (e.g. the default, for help texts).
std::uint64_t limit_of(const Limits& limits, const LimitKey& key);

// Limits given on the command line or in the config; unset ones keep the value below them.
struct LimitOverrides {
  std::optional<std::uint64_t> max_post_bytes, max_record_bytes, regex_max_mem, regex_set_max_mem;
  std::optional<std::uint64_t>& operator[](const LimitKey& k);
  void apply_to(Limits& limits) const;
};

// "16MiB", "512 KiB", "2GB", "1048576": a byte count with an optional unit, case-insensitive:
// B; KiB, MiB, GiB (powers of 1024); KB, MB, GB (powers of 1000). Whole numbers only.
// Returns nullopt with `error` set ("'16M': unknown unit 'M'; …").
std::optional<std::uint64_t> parse_size(std::string_view text, std::string& error);
// parse_size plus the key's range; `error` says what was expected, e.g. "must be between 1 byte
// and 1 GiB, not 0" (callers name the key or option in front of it).
std::optional<std::uint64_t> parse_limit(const LimitKey& key, std::string_view text, std::string& error);
// 67108864 → "64 MiB", 1 → "1 byte", 1000 → "1000 bytes": a binary unit only when it is exact.
std::string format_size(std::uint64_t bytes);

}  // namespace grabli
