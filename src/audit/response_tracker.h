#pragma once
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "audit/audit_item.h"

namespace grabli {

// Finds customer complaints with no answer from an own account within the SLA, and measures how
// long first answers took. Records pass through in input order; a complaint (and everything after
// it) is held back until its answer is seen, the input's clock passes well beyond the SLA, or
// `hold_limit` records pile up behind it — so memory stays bounded and output order is kept.
// Answers that come BEFORE the complaint in the input (newest-first exports) are remembered too.
class ResponseTracker {
 public:
  using Emit = std::function<void(AuditItem&&)>;
  ResponseTracker(std::int64_t sla_seconds, std::size_t hold_limit, Emit emit);
  void add(AuditItem&& item);
  void finish();  // everything still pending is unanswered

  std::uint64_t complaints = 0, answered_in_time = 0, answered_late = 0, unanswered = 0;
  std::vector<std::int64_t> response_seconds;  // first answers, in the order they were resolved

 private:
  struct Answer {
    std::optional<std::int64_t> at;
  };
  void resolve(std::uint64_t index, const Answer* answer, const std::string& why);
  void release();

  std::int64_t sla_, horizon_;
  std::size_t hold_limit_;
  Emit emit_;
  std::deque<AuditItem> held_;
  std::uint64_t base_ = 0;                                 // index of held_.front() in the input
  std::unordered_map<std::string, std::uint64_t> pending_;  // complaint id → index
  std::map<std::uint64_t, std::string> pending_order_;      // index → complaint id
  std::unordered_map<std::string, Answer> early_answers_;  // answers seen before their complaint
  std::deque<std::string> early_order_;
};

}  // namespace grabli
