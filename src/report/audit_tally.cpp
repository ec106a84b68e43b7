#include "report/audit_tally.h"

#include "input/timestamp.h"

namespace grabli {

void AuditTally::add(const CheckResult& r) {
  if (!r.error.empty()) return;
  std::uint64_t n = 0;
  for (const auto& f : r.findings) {
    if (f.suppressed) continue;
    ++n;
    const auto lvl = static_cast<std::size_t>(f.level);
    ++by_level[lvl];
    ++by_category[f.category][lvl];
    ++by_rule[f.rule];
    rule_category.try_emplace(f.rule, f.category);
  }
  flagged_posts += n > 0;
  auto count = [&](Count& c) {
    ++c.posts;
    c.flagged += n > 0;
    c.findings += n;
  };
  // customers appear only when they have something to show (an unanswered complaint)
  if (!r.context || n > 0) count(by_author[r.post.author.empty() ? "(no author)" : r.post.author]);
  if (const auto month = month_of(r.post.created_at); !month.empty()) count(by_month[month]);
}

}  // namespace grabli
