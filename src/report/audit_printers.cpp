#include <algorithm>
#include <cmath>

#include "report/audit_report.h"
#include "report/audit_tally.h"

namespace grabli {

std::int64_t AuditTotals::response_percentile(double p) const {
  if (response_seconds.empty()) return -1;
  // nearest rank: the smallest value with at least p of the data at or below it
  auto rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(response_seconds.size())));
  rank = std::clamp<std::size_t>(rank, 1, response_seconds.size());
  return response_seconds[rank - 1];
}

std::unique_ptr<AuditPrinter> make_jsonl_audit_printer(std::ostream& out);
std::unique_ptr<AuditPrinter> make_csv_audit_printer(std::ostream& out);
std::unique_ptr<AuditPrinter> make_summary_printer(std::ostream& out);
std::unique_ptr<AuditPrinter> make_html_report_printer(std::ostream& out);

std::unique_ptr<AuditPrinter> make_audit_printer(const std::string& format, std::ostream& out) {
  if (format == "jsonl") return make_jsonl_audit_printer(out);
  if (format == "csv") return make_csv_audit_printer(out);
  if (format == "summary") return make_summary_printer(out);
  if (format == "html") return make_html_report_printer(out);
  return nullptr;
}

}  // namespace grabli
