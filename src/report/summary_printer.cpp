#include <algorithm>
#include <cstdio>
#include <vector>

#include "input/timestamp.h"
#include "report/audit_report.h"
#include "report/audit_tally.h"

namespace grabli {

namespace {

template <class Map, class Key>
std::vector<std::pair<std::string, typename Map::mapped_type>> top(const Map& m, Key key, std::size_t n) {
  std::vector<std::pair<std::string, typename Map::mapped_type>> v(m.begin(), m.end());
  std::stable_sort(v.begin(), v.end(), [&](const auto& a, const auto& b) { return key(a.second) > key(b.second); });
  if (v.size() > n) v.resize(n);
  return v;
}

std::string pad(std::string s, std::size_t width) {
  // display width in code points, close enough for a terminal table
  std::size_t cps = 0;
  for (unsigned char c : s) cps += (c & 0xC0) != 0x80;
  if (cps < width) s.append(width - cps, ' ');
  return s;
}

// Counts by category × level, top rules, authors and months, and complaint response times.
class SummaryPrinter : public AuditPrinter {
 public:
  explicit SummaryPrinter(std::ostream& out) : out_(out) {}
  void add(const CheckResult& r) override { tally_.add(r); }
  void finish(const AuditTotals& t) override {
    auto& o = out_;
    o << "grabli audit: " << (t.input == "-" ? "<stdin>" : t.input) << " (" << t.input_format << ")\n";
    o << "  records: " << t.read << " read, " << t.checked << " checked, " << t.context << " context, " << t.errors
      << " error(s)";
    if (t.skipped) o << ", " << t.skipped << " service message(s) skipped";
    o << "\n  findings: " << AuditTally::total(tally_.by_level) << " (error " << tally_.by_level[2] << ", warning "
      << tally_.by_level[1] << ", info " << tally_.by_level[0] << ") in " << tally_.flagged_posts << " record(s)\n";
    if (!tally_.by_category.empty()) {
      o << "\nby category" << std::string(18, ' ') << "  error  warning     info\n";
      for (const auto& [cat, n] : top(tally_.by_category, AuditTally::total, 100)) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%7llu  %7llu  %7llu", static_cast<unsigned long long>(n[2]),
                      static_cast<unsigned long long>(n[1]), static_cast<unsigned long long>(n[0]));
        o << "  " << pad(cat, 27) << buf << "\n";
      }
    }
    if (!tally_.by_rule.empty()) {
      o << "\ntop rules\n";
      for (const auto& [rule, n] : top(tally_.by_rule, [](auto v) { return v; }, 10))
        o << "  " << pad(std::to_string(n), 7) << rule << "\n";
    }
    auto findings = [](const AuditTally::Count& c) { return c.findings; };
    if (!tally_.by_author.empty() && !(tally_.by_author.size() == 1 && tally_.by_author.count("(no author)"))) {
      o << "\nby author (findings / posts)\n";
      for (const auto& [who, c] : top(tally_.by_author, findings, 10))
        o << "  " << pad(std::to_string(c.findings) + " / " + std::to_string(c.posts), 14) << who << "\n";
    }
    if (!tally_.by_month.empty()) {
      o << "\nby month (findings / posts)\n";
      for (const auto& [month, c] : tally_.by_month)
        o << "  " << month << "  " << c.findings << " / " << c.posts << "\n";
    }
    o << "\ncomplaints: " << t.complaints << " from customers";
    if (t.complaints)
      o << "; " << t.answered_in_time << " answered within " << format_duration(t.sla_seconds) << ", "
        << t.answered_late << " late, " << t.unanswered << " unanswered";
    o << "\n";
    if (!t.response_seconds.empty())
      o << "first response: median " << format_duration(t.response_percentile(0.5)) << ", p90 "
        << format_duration(t.response_percentile(0.9)) << " (" << t.response_seconds.size() << " answered)\n";
    o.flush();
  }

 private:
  std::ostream& out_;
  AuditTally tally_;
};

}  // namespace

std::unique_ptr<AuditPrinter> make_summary_printer(std::ostream& out) { return std::make_unique<SummaryPrinter>(out); }

}  // namespace grabli
