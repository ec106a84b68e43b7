#pragma once
#include <string>
#include <vector>

#include "match/matcher.h"

namespace grabli {

// yaml-cpp keeps the last of duplicate keys silently, expands aliases (alias bombs) and reports
// deep nesting as a bare "bad file": this pass over the parser's events reports all three with
// their place, before the document is loaded.
std::vector<PolicyError> check_yaml_structure(const std::string& content, const std::string& path, int max_depth = 32);

}  // namespace grabli
