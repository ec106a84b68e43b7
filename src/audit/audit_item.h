#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "report/result.h"

namespace grabli {

// A record on its way through the audit: the result printers see, plus what the complaint
// audit needs to know about it.
struct AuditItem {
  CheckResult result;
  std::string author_id;
  std::optional<std::int64_t> time;        // created_at, parsed
  bool complaint = false;                  // a customer's message with complaint cues
  std::uint32_t cue_start = 0, cue_end = 0;  // the first cue, highlighted in the finding
  bool pending = false;                    // a complaint whose answer is still being looked for
  std::string role_note;                   // the record's role was unknown (see assign_voice)
};

}  // namespace grabli
