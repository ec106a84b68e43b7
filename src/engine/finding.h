#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace grabli {

enum class Level : std::uint8_t { info = 0, warning = 1, error = 2 };
std::string_view level_name(Level l);
bool parse_level(std::string_view s, Level& out);

// What a matcher reports: a rule, a span of the post's original text and the words for the author.
struct Finding {
  std::string rule;      // full id, pack/id
  std::string category;
  Level level = Level::warning;
  std::uint32_t start = 0, end = 0;  // byte offsets into Post::text
  std::string message;
  std::string suggestion;
  std::vector<std::string> cues;  // tone rules: the cues that fired
  bool suppressed = false;
  bool fallback = false;  // from a rule with `fallback: true` (see Rule::fallback)
  std::string suppression_reason;
};

}  // namespace grabli
