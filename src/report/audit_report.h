#pragma once
#include <cstdint>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "report/result.h"

namespace grabli {

// What an audit run counted, for the closing line on stderr and for the summary and HTML report.
struct AuditTotals {
  std::string input;               // the input's name as given ("-" for stdin)
  std::string input_format;
  std::uint64_t read = 0;          // records read, errors included
  std::uint64_t checked = 0;       // the company's posts run through the policy
  std::uint64_t context = 0;       // messages from outside accounts (not checked)
  std::uint64_t errors = 0;        // records that could not be read
  std::uint64_t skipped = 0;       // not posts at all (Telegram service messages)
  std::uint64_t findings = 0;
  bool failed = false;             // a finding at or above --fail-on
  // complaints from customers and how the company answered them
  std::int64_t sla_seconds = 86400;
  std::uint64_t complaints = 0, answered_in_time = 0, answered_late = 0, unanswered = 0;
  std::vector<std::int64_t> response_seconds;  // first response to each answered complaint, sorted
  std::uint64_t bytes = 0;
  double seconds = 0;

  // nearest-rank percentile of the response times; -1 when there are none
  std::int64_t response_percentile(double p) const;
};

// Printers of `grabli audit --format`: one record per add(), in input order; finish() closes the
// output with the totals (the summary and the HTML report print only then).
class AuditPrinter : public Printer {
 public:
  virtual void finish(const AuditTotals& totals) = 0;
  // Hands what has been added so far to the reader of the output (a streamed audit); printers
  // whose output is whole only at finish() ignore it.
  virtual void flush() {}
};

// jsonl | csv | summary | html; null for an unknown name.
std::unique_ptr<AuditPrinter> make_audit_printer(const std::string& format, std::ostream& out);

// The audit-only category of unanswered or late answers to customer complaints.
inline constexpr const char* kUnansweredComplaint = "unanswered-complaint";

}  // namespace grabli
