#include "report/audit_report.h"
#include "report/json_line.h"

namespace grabli {

namespace {

// One line per input record, in input order: {"id", "findings"} or {"id", "error"}, written
// by JsonLine without a JSON object per record.
class JsonlAuditPrinter : public AuditPrinter {
 public:
  explicit JsonlAuditPrinter(std::ostream& out) : out_(out) {}
  void add(const CheckResult& r) override {
    if (!r.error.empty()) {  // rare: the general path
      nlohmann::json o;
      o["id"] = r.post.id.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.post.id);
      o["error"] = r.error;
      out_ << dump_json(o) << '\n';
      return;
    }
    // {"context":true,"findings":[…],"id":…}, keys in nlohmann's sorted order
    line_.clear();
    line_.raw(r.context ? R"({"context":true,"findings":[)" : R"({"findings":[)");
    for (std::size_t i = 0; i < r.findings.size(); ++i) {
      if (i) line_.raw(",");
      line_.finding(r.findings[i], r.post);
    }
    line_.raw(R"(],"id":)");
    if (r.post.id.empty()) line_.raw("null");
    else line_.string(r.post.id);
    line_.raw("}\n");
    out_.write(line_.text().data(), static_cast<std::streamsize>(line_.text().size()));
  }
  void finish(const AuditTotals&) override { out_.flush(); }
  void flush() override { out_.flush(); }

 private:
  std::ostream& out_;
  JsonLine line_;
};

}  // namespace

std::unique_ptr<AuditPrinter> make_jsonl_audit_printer(std::ostream& out) {
  return std::make_unique<JsonlAuditPrinter>(out);
}

}  // namespace grabli
