#pragma once
#include <ostream>
#include <string>
#include <string_view>

#include "report/result.h"

namespace grabli {

// `check --format github`: GitHub Actions workflow commands, one annotation per finding:
//   ::error file=F,line=L,endLine=L2,col=C,endColumn=C2,title=T::message
// (error → error, warning → warning, info → notice). Suppressed findings are not annotated.
class GithubPrinter : public Printer {
 public:
  explicit GithubPrinter(std::ostream& out) : out_(out) {}
  void add(const CheckResult& r) override;

 private:
  std::ostream& out_;
};

// GitHub's escaping for a workflow command's message (%, CR, LF) and its property values
// (also ':' and ',').
std::string github_escape_data(std::string_view s);
std::string github_escape_property(std::string_view s);

}  // namespace grabli
