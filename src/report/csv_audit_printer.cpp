#include "report/audit_report.h"
#include "text/utf8.h"

namespace grabli {

namespace {

// RFC 4180 field; a leading = + - @ is neutralised so a spreadsheet never runs post text as a formula.
std::string csv_field(std::string_view raw) {
  std::string s = utf8::sanitize(raw);
  if (!s.empty() && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r'))
    s.insert(0, "'");
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// One row per input record (findings joined with " | "), so rows and records correspond.
class CsvAuditPrinter : public AuditPrinter {
 public:
  explicit CsvAuditPrinter(std::ostream& out) : out_(out) {}
  void begin() override { header(); }
  void add(const CheckResult& r) override {
    header();
    std::string levels, categories, rules, matches, messages;
    Level worst = Level::info;
    std::size_t n = 0;
    for (const auto& f : r.findings) {
      if (f.suppressed) continue;
      const char* sep = n ? " | " : "";
      levels += sep + std::string(level_name(f.level));
      categories += sep + f.category;
      rules += sep + f.rule;
      matches += sep + std::string(std::string_view(r.post.text).substr(f.start, f.end - f.start));
      messages += sep + f.message;
      worst = std::max(worst, f.level);
      ++n;
    }
    out_ << csv_field(r.post.id) << ',' << csv_field(r.post.author) << ',' << csv_field(r.post.created_at) << ','
         << (r.context ? "true" : "false") << ',' << csv_field(r.error) << ',' << n << ','
         << (n ? level_name(worst) : "") << ',' << csv_field(categories) << ',' << csv_field(rules) << ','
         << csv_field(matches) << ',' << csv_field(messages) << "\r\n";
  }
  void finish(const AuditTotals&) override { flush(); }
  void flush() override {
    header();
    out_.flush();
  }

 private:
  void header() {
    if (started_) return;
    started_ = true;
    out_ << "id,author,created_at,context,error,findings,max_level,categories,rules,matches,messages\r\n";
  }
  std::ostream& out_;
  bool started_ = false;
};

}  // namespace

std::unique_ptr<AuditPrinter> make_csv_audit_printer(std::ostream& out) {
  return std::make_unique<CsvAuditPrinter>(out);
}

}  // namespace grabli
