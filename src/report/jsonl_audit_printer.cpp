#include "report/audit_report.h"

namespace grabli {

namespace {

// One line per input record, in input order: {"id", "findings"} or {"id", "error"}.
class JsonlAuditPrinter : public AuditPrinter {
 public:
  explicit JsonlAuditPrinter(std::ostream& out) : out_(out) {}
  void add(const CheckResult& r) override {
    if (r.error.empty() && r.findings.empty()) {
      // Most records: the same bytes the general path writes (keys in nlohmann's sorted order),
      // without building a JSON object for them.
      out_ << (r.context ? R"({"context":true,"findings":[],"id":)" : R"({"findings":[],"id":)")
           << (r.post.id.empty() ? std::string("null") : dump_json(nlohmann::json(r.post.id))) << "}\n";
      return;
    }
    nlohmann::json o;
    o["id"] = r.post.id.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.post.id);
    if (!r.error.empty()) {
      o["error"] = r.error;
    } else {
      auto& list = o["findings"] = nlohmann::json::array();
      for (const auto& f : r.findings) list.push_back(finding_json(f, r.post));
      if (r.context) o["context"] = true;
    }
    out_ << dump_json(o) << '\n';
  }
  void finish(const AuditTotals&) override { out_.flush(); }

 private:
  std::ostream& out_;
};

}  // namespace

std::unique_ptr<AuditPrinter> make_jsonl_audit_printer(std::ostream& out) {
  return std::make_unique<JsonlAuditPrinter>(out);
}

}  // namespace grabli
