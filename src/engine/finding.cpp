#include "engine/finding.h"

namespace grabli {

std::string_view level_name(Level l) {
  switch (l) {
    case Level::info: return "info";
    case Level::warning: return "warning";
    case Level::error: return "error";
  }
  return "warning";
}

bool parse_level(std::string_view s, Level& out) {
  if (s == "info") out = Level::info;
  else if (s == "warning") out = Level::warning;
  else if (s == "error") out = Level::error;
  else return false;
  return true;
}

}  // namespace grabli
