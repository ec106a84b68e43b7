#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "config/config.h"
#include "engine/checker.h"
#include "input/record.h"
#include "report/audit_report.h"

namespace grabli {

struct AuditOptions {
  unsigned jobs = 1;                      // worker threads, each with its own Checker
  std::string role;                       // role of the company's posts when nothing else says
  std::vector<std::string> own_accounts;  // added to the config's
  std::int64_t sla_seconds = 86400;
  Level fail_on = Level::warning;
  std::size_t batch_size = 256;           // records per unit of work
  std::size_t hold_limit = 20000;         // records held behind an unanswered complaint at most
  // When set, workers hand their checkers (Hunspell dictionaries, caches) over here instead of
  // freeing them: the CLI exits without paying ~100 ms of destructors.
  std::vector<std::unique_ptr<Checker>>* keep_checkers = nullptr;
  // A streamed input (a pipe): says whether reading on would wait. When it would, the records
  // read so far go to the workers without waiting for a full batch, and the printer flushes after
  // each batch, so a record written to `grabli audit -` is answered while the pipe stays open.
  std::function<bool()> input_idle;
};

// Whose voice a record is. Messages from outside accounts are context: not checked as the
// company's words, used for reply context and the complaint audit. Without any own account or
// per-author role configured, every record is the company's voice. Roles are read through
// taxonomy::canonical_role; a role still unknown is cleared (every role's rules apply) and the
// returned note says so, for an info finding on the record.
std::string assign_voice(InputRecord& record, const Config& config, const AuditOptions& options, bool& context);

// Runs an audit: the reader on one thread, `jobs` workers, the printer on the calling thread, in
// input order. Memory is bounded by a fixed number of batches in flight. `progress` is called on
// the calling thread after each batch is printed.
class Audit {
 public:
  // `cues` may be null: then no complaint audit is done.
  Audit(const Policy& policy, const Policy* cues, const Config& config, AuditOptions options);
  AuditTotals run(PostReader& reader, AuditPrinter& printer, const std::function<void(const AuditTotals&)>& progress = {});

 private:
  const Policy& policy_;
  const Policy* cues_;
  const Config& config_;
  AuditOptions options_;
};

}  // namespace grabli
