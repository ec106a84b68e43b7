#pragma once
#include <ostream>

#include "report/result.h"

namespace grabli {

// Compiler-style output: file:line:col: level: message [rule], the line, carets, help.
class TextPrinter : public Printer {
 public:
  TextPrinter(std::ostream& out, bool color) : out_(out), color_(color) {}
  void add(const CheckResult& r) override;
  void end() override;

 private:
  std::ostream& out_;
  bool color_;
  std::size_t findings_ = 0, files_ = 0;
};

}  // namespace grabli
