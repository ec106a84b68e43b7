#pragma once
#include <array>
#include <cstdint>
#include <map>
#include <string>

#include "report/result.h"

namespace grabli {

// Counts for the summary and the HTML report. Suppressed findings are not counted.
struct AuditTally {
  using PerLevel = std::array<std::uint64_t, 3>;  // indexed by Level: info, warning, error
  struct Count {
    std::uint64_t posts = 0, flagged = 0, findings = 0;
  };
  PerLevel by_level{};
  std::map<std::string, PerLevel> by_category;
  std::map<std::string, std::uint64_t> by_rule;
  std::map<std::string, std::string> rule_category;
  std::map<std::string, Count> by_author;  // the company's authors and complaining customers
  std::map<std::string, Count> by_month;   // "YYYY-MM"; posts without a date are not counted
  std::uint64_t flagged_posts = 0;

  void add(const CheckResult& r);
  static std::uint64_t total(const PerLevel& p) { return p[0] + p[1] + p[2]; }
};

}  // namespace grabli
