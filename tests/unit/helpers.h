#pragma once
#include <string>
#include <vector>

#include "engine/checker.h"
#include "policy/policy.h"
#include "text/analyzer.h"

namespace grabli::test {

// Compiles one YAML policy text; REQUIREs that it has no errors.
std::unique_ptr<Policy> policy_from(const std::string& yaml);
// The errors of a policy text that should not compile.
std::vector<PolicyError> errors_of(const std::string& yaml, const std::string& file = "p.yaml");
// Full ids of the rules that fire on a text.
std::vector<std::string> fired(const Policy& p, const std::string& text, const std::string& role = "",
                               const std::string& channel = "", std::optional<std::string> reply_to = std::nullopt);
// Normalised words of a text, as the analyser makes them.
std::vector<std::string> norm_words(const std::string& text);
bool have_dictionaries();

}  // namespace grabli::test

// Catch2 2.x has no SKIP: say why and leave the test case.
#define GRABLI_NEED_DICTIONARIES()                                              \
  do {                                                                          \
    if (!grabli::test::have_dictionaries()) {                                   \
      WARN("skipped: Hunspell ru_RU/en_US dictionaries are not installed");     \
      return;                                                                   \
    }                                                                           \
  } while (0)
