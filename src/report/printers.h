#pragma once
#include <memory>
#include <ostream>
#include <string>

#include "policy/policy.h"
#include "report/result.h"

namespace grabli {

// Printers that describe the rules themselves (SARIF's tool.driver.rules) get the policy.
class PolicyAwarePrinter : public Printer {
 public:
  void set_policy(const Policy* p) { policy_ = p; }

 protected:
  const Policy* policy_ = nullptr;
};

// The printer for `check --format NAME`; null for an unknown name.
std::unique_ptr<Printer> make_check_printer(const std::string& format, std::ostream& out, bool color);

}  // namespace grabli
