#pragma once
#include <ostream>

#include "report/result.h"

namespace grabli {

// `check --format json`: an array with one object per input, {"file", "findings": [...]}.
class JsonPrinter : public Printer {
 public:
  explicit JsonPrinter(std::ostream& out) : out_(out) {}
  void add(const CheckResult& r) override;
  void end() override;

 private:
  std::ostream& out_;
  nlohmann::json all_ = nlohmann::json::array();
};

}  // namespace grabli
