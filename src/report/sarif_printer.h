#pragma once
#include <map>
#include <ostream>
#include <string>

#include "report/printers.h"

namespace grabli {

// `check --format sarif`: one SARIF 2.1.0 log for the whole run, for code-scanning tools
// (GitHub code scanning, GitLab, IDE viewers). Rules that fired are described in
// tool.driver.rules; regions use the file's own 1-based lines and columns in code points;
// suppressed findings carry an inSource suppression with its justification.
class SarifPrinter : public PolicyAwarePrinter {
 public:
  explicit SarifPrinter(std::ostream& out) : out_(out) {}
  void add(const CheckResult& r) override;
  void end() override;

 private:
  std::size_t rule_index(const std::string& rule_id, const Finding& f);

  std::ostream& out_;
  nlohmann::json rules_ = nlohmann::json::array();
  std::map<std::string, std::size_t> rule_indices_;
  nlohmann::json results_ = nlohmann::json::array();
  nlohmann::json notifications_ = nlohmann::json::array();
};

// A path as a SARIF artifact URI: relative paths percent-encoded, absolute ones as file:// URIs.
std::string sarif_uri(const std::string& path);

}  // namespace grabli
