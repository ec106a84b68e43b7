#include <algorithm>
#include <cstdio>
#include <memory>
#include <vector>

#include "input/timestamp.h"
#include "report/audit_report.h"
#include "report/audit_tally.h"
#include "text/utf8.h"

namespace grabli {

namespace {

constexpr std::size_t kMaxRows = 5000, kMaxErrors = 200, kExcerpt = 160;
constexpr const char* kLevelColor[] = {"#3b82f6", "#e69f00", "#c0392b"};  // info, warning, error

// Bidi controls (U+202E turns the rest of a cell around) and C0/C1 controls from a post are
// shown as visible \u{…} escapes, as in the terminal.
bool hidden_control(char32_t c) {
  return (c < 0x20 && c != '\n' && c != '\t') || c == 0x7F || (c >= 0x80 && c < 0xA0) || (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F || c == 0x061C;
}

// Escapes for element content and attribute values; invalid UTF-8 is replaced first.
std::string esc(std::string_view raw) {
  const std::string s = utf8::sanitize(raw);
  std::string out;
  out.reserve(s.size() + 16);
  for (std::size_t i = 0; i < s.size();) {
    const auto d = utf8::decode(s, i);
    if (d.valid && hidden_control(d.cp)) {
      char buf[16];
      std::snprintf(buf, sizeof buf, "\\u{%X}", static_cast<unsigned>(d.cp));
      out += buf;
      i += d.len;
      continue;
    }
    if (d.len > 1) {
      out.append(s, i, d.len);
      i += d.len;
      continue;
    }
    const char c = s[i++];
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::size_t back_to_char(std::string_view s, std::size_t i) {
  while (i > 0 && i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
  return i;
}

// The match in its sentence: some text either side, the match itself in <mark>.
std::string excerpt(std::string_view text, std::uint32_t start, std::uint32_t end) {
  start = std::min<std::uint32_t>(start, static_cast<std::uint32_t>(text.size()));
  end = std::clamp<std::uint32_t>(end, start, static_cast<std::uint32_t>(text.size()));
  const std::size_t from = back_to_char(text, start > kExcerpt ? start - kExcerpt : 0);
  const std::size_t to = back_to_char(text, std::min<std::size_t>(text.size(), end + kExcerpt));
  std::string out;
  if (from > 0) out += "…";
  out += esc(text.substr(from, start - from));
  out += "<mark>" + esc(text.substr(start, end - start)) + "</mark>";
  out += esc(text.substr(end, to - end));
  if (to < text.size()) out += "…";
  return out;
}

std::string num(std::uint64_t n) { return std::to_string(n); }

struct Bar {
  std::string label;
  AuditTally::PerLevel n{};
};

// Horizontal stacked bars (error, warning, info) with the label on the left and the total on the right.
std::string hbars(const std::string& title, const std::vector<Bar>& bars) {
  if (bars.empty()) return "<p class=\"none\">No findings.</p>";
  std::uint64_t max = 1;
  for (const auto& b : bars) max = std::max(max, AuditTally::total(b.n));
  const int row = 24, label_w = 210, bar_w = 380, w = label_w + bar_w + 60;
  const int h = static_cast<int>(bars.size()) * row + 8;
  std::string s = "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 " +
                  std::to_string(w) + " " + std::to_string(h) + "\" width=\"" + std::to_string(w) + "\" height=\"" +
                  std::to_string(h) + "\" aria-label=\"" + esc(title) + "\"><title>" + esc(title) + "</title>";
  int y = 4;
  for (const auto& b : bars) {
    s += "<text x=\"" + std::to_string(label_w - 8) + "\" y=\"" + std::to_string(y + 16) +
         "\" text-anchor=\"end\" class=\"lbl\">" + esc(b.label.size() > 34 ? b.label.substr(0, back_to_char(b.label, 33)) + "…" : b.label) + "</text>";
    double x = label_w;
    for (int lvl = 2; lvl >= 0; --lvl) {
      if (!b.n[lvl]) continue;
      const double bw = static_cast<double>(b.n[lvl]) * bar_w / static_cast<double>(max);
      char rect[200];
      std::snprintf(rect, sizeof rect, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\">", x, y + 3,
                    std::max(bw, 1.0), row - 8, kLevelColor[lvl]);
      s += rect;
      s += "<title>" + esc(b.label) + ": " + num(b.n[lvl]) + " " + std::string(level_name(static_cast<Level>(lvl))) +
           "</title></rect>";
      x += bw;
    }
    s += "<text x=\"" + std::to_string(static_cast<int>(x) + 6) + "\" y=\"" + std::to_string(y + 16) + "\" class=\"val\">" +
         num(AuditTally::total(b.n)) + "</text>";
    y += row;
  }
  return s + "</svg>";
}

// Columns per month: findings (bar) over posts (the grey bar behind it).
std::string months_chart(const std::map<std::string, AuditTally::Count>& months) {
  if (months.empty()) return "<p class=\"none\">The records carry no dates.</p>";
  std::uint64_t max = 1;
  for (const auto& [m, c] : months) max = std::max({max, c.posts, c.findings});
  const int col = std::max(14, std::min(48, 640 / static_cast<int>(months.size()))), plot_h = 160, top = 14;
  const int w = 40 + col * static_cast<int>(months.size()) + 10, h = top + plot_h + 44;
  std::string s = "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 " +
                  std::to_string(w) + " " + std::to_string(h) + "\" width=\"" + std::to_string(w) + "\" height=\"" +
                  std::to_string(h) + "\" aria-label=\"Findings by month\"><title>Findings by month</title>";
  s += "<line x1=\"36\" y1=\"" + std::to_string(top + plot_h) + "\" x2=\"" + std::to_string(w - 6) + "\" y2=\"" +
       std::to_string(top + plot_h) + "\" class=\"axis\"/>";
  s += "<text x=\"32\" y=\"" + std::to_string(top + 4) + "\" text-anchor=\"end\" class=\"val\">" + num(max) + "</text>";
  int x = 40;
  const std::size_t every = months.size() > 12 ? (months.size() + 11) / 12 : 1;
  std::size_t i = 0;
  for (const auto& [month, c] : months) {
    auto height = [&](std::uint64_t v) { return static_cast<double>(v) * plot_h / static_cast<double>(max); };
    char rect[400];
    std::snprintf(rect, sizeof rect,
                  "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" class=\"posts\"><title>%s: %llu posts</title></rect>"
                  "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" class=\"finds\"><title>%s: %llu findings</title></rect>",
                  x + 2, top + plot_h - height(c.posts), col - 4, height(c.posts), month.c_str(),
                  static_cast<unsigned long long>(c.posts), x + 5, top + plot_h - height(c.findings), std::max(col - 10, 2),
                  height(c.findings), month.c_str(), static_cast<unsigned long long>(c.findings));
    s += rect;
    if (i++ % every == 0)
      s += "<text x=\"" + std::to_string(x + col / 2) + "\" y=\"" + std::to_string(top + plot_h + 16) +
           "\" text-anchor=\"middle\" class=\"lbl small\">" + esc(month) + "</text>";
    x += col;
  }
  return s + "</svg>";
}

const char* kStyle = R"(
:root{--fg:#1f2933;--muted:#6b7785;--line:#e3e8ee;--bg:#f6f8fa;--err:#c0392b;--warn:#e69f00;--info:#3b82f6}
*{box-sizing:border-box}body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:var(--fg);background:var(--bg)}
header{background:#102a43;color:#fff;padding:24px 32px}header h1{margin:0;font-size:24px}header p{margin:4px 0 0;color:#bcccdc}
main{max-width:1200px;margin:0 auto;padding:24px 32px}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:12px;margin-bottom:24px}
.card{background:#fff;border:1px solid var(--line);border-radius:8px;padding:12px 16px}.card b{display:block;font-size:26px}.card span{color:var(--muted);font-size:13px}
section{background:#fff;border:1px solid var(--line);border-radius:8px;padding:16px 20px;margin-bottom:20px;overflow-x:auto}
h2{font-size:18px;margin:0 0 12px}.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(520px,1fr));gap:20px}
.chart{max-width:100%;height:auto}.chart .lbl{font-size:12px;fill:#334e68}.chart .small{font-size:10px}.chart .val{font-size:11px;fill:var(--muted)}
.chart .axis{stroke:#9fb3c8}.chart .posts{fill:#d9e2ec}.chart .finds{fill:var(--err)}
.legend span{display:inline-block;margin-right:14px;font-size:13px}.legend i{display:inline-block;width:10px;height:10px;margin-right:4px;border-radius:2px}
table{border-collapse:collapse;width:100%;font-size:14px}th,td{text-align:left;vertical-align:top;padding:6px 8px;border-bottom:1px solid var(--line)}
th{background:var(--bg);position:sticky;top:0}td.text{white-space:pre-wrap;max-width:460px;word-break:break-word}
mark{background:#ffe08a;padding:0 2px;border-radius:2px}.lvl{font-weight:600;font-size:12px;padding:1px 6px;border-radius:4px;color:#fff}
.lvl.error{background:var(--err)}.lvl.warning{background:var(--warn)}.lvl.info{background:var(--info)}
.advice{color:#334e68}.advice small{display:block;color:var(--muted)}.none{color:var(--muted)}.ctx{color:var(--muted);font-size:12px}
code{font-size:12px;color:#486581}footer{color:var(--muted);font-size:12px;text-align:center;padding:16px}
@media print{header{background:none;color:#000}section{break-inside:avoid}}
)";

// One self-contained file: inline CSS and SVG, no scripts, no external resources. The findings
// table is spooled to a temporary file while the audit runs, so memory stays bounded.
class HtmlReportPrinter : public AuditPrinter {
 public:
  explicit HtmlReportPrinter(std::ostream& out) : out_(out), rows_(std::tmpfile(), &std::fclose) {}
  void add(const CheckResult& r) override {
    tally_.add(r);
    if (!r.error.empty()) {
      if (errors_.size() < kMaxErrors) errors_.push_back("<li><code>" + esc(r.post.id.empty() ? "—" : r.post.id) + "</code> " + esc(r.error) + "</li>");
      return;
    }
    for (const auto& f : r.findings) {
      if (f.suppressed) continue;
      if (++rows_total_ > kMaxRows || !rows_) continue;
      std::string row = "<tr><td><code>" + esc(r.post.id) + "</code>";
      if (r.context) row += "<div class=\"ctx\">customer</div>";
      row += "</td><td>" + esc(r.post.author) + "</td><td>" + esc(r.post.created_at.substr(0, 16)) + "</td>";
      row += "<td><span class=\"lvl " + std::string(level_name(f.level)) + "\">" + std::string(level_name(f.level)) +
             "</span></td><td>" + esc(f.category) + "<br><code>" + esc(f.rule) + "</code></td>";
      row += "<td class=\"text\">" + excerpt(r.post.text, f.start, f.end) + "</td>";
      row += "<td class=\"advice\">" + esc(f.message);
      if (!f.suggestion.empty()) row += "<small>" + esc(f.suggestion) + "</small>";
      row += "</td></tr>\n";
      std::fwrite(row.data(), 1, row.size(), rows_.get());
    }
  }
  void finish(const AuditTotals& t) override {
    auto& o = out_;
    const std::string name = t.input == "-" ? "<stdin>" : t.input;
    o << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      << "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
      << "<title>grabli audit — " << esc(name) << "</title><style>" << kStyle << "</style></head><body>\n";
    o << "<header><h1>grabli audit</h1><p>" << esc(name) << " · " << esc(t.input_format) << " · " << t.read
      << " records</p></header><main>\n";
    auto card = [&](const std::string& value, const char* label, const char* id) {
      o << "<div class=\"card\" id=\"" << id << "\"><b>" << value << "</b><span>" << label << "</span></div>";
    };
    o << "<div class=\"cards\">";
    card(num(t.checked), "posts checked", "card-checked");
    card(num(AuditTally::total(tally_.by_level)), "findings", "card-findings");
    card(num(tally_.by_level[2]), "error-level findings", "card-errors");
    card(num(tally_.flagged_posts), "records flagged", "card-flagged");
    card(num(t.context), "customer messages", "card-context");
    card(num(t.unanswered + t.answered_late) + " / " + num(t.complaints), "complaints unanswered or late", "card-complaints");
    const auto median = t.response_percentile(0.5), p90 = t.response_percentile(0.9);
    card(median < 0 ? "—" : esc(format_duration(median)), "first response, median", "card-median");
    card(p90 < 0 ? "—" : esc(format_duration(p90)), "first response, 90th percentile", "card-p90");
    if (t.errors) card(num(t.errors), "unreadable records", "card-unreadable");
    o << "</div>\n";

    o << "<p class=\"legend\"><span><i style=\"background:" << kLevelColor[2] << "\"></i>error</span><span><i style=\"background:"
      << kLevelColor[1] << "\"></i>warning</span><span><i style=\"background:" << kLevelColor[0] << "\"></i>info</span></p>";
    std::vector<Bar> cats;
    for (const auto& [c, n] : tally_.by_category) cats.push_back({c, n});
    std::stable_sort(cats.begin(), cats.end(), [](const Bar& a, const Bar& b) { return AuditTally::total(a.n) > AuditTally::total(b.n); });
    o << "<div class=\"grid\"><section id=\"by-category\"><h2>Findings by category</h2>" << hbars("Findings by category", cats)
      << "</section>\n";
    std::vector<Bar> authors;
    for (const auto& [a, c] : tally_.by_author)
      if (c.findings) authors.push_back({a, {0, c.findings, 0}});
    std::stable_sort(authors.begin(), authors.end(), [](const Bar& a, const Bar& b) { return a.n[1] > b.n[1]; });
    if (authors.size() > 15) authors.resize(15);
    o << "<section id=\"by-author\"><h2>Findings by author</h2>" << hbars("Findings by author", authors) << "</section></div>\n";
    o << "<section id=\"by-month\"><h2>Findings by month</h2><p class=\"legend\"><span><i style=\"background:#d9e2ec\"></i>posts</span>"
      << "<span><i style=\"background:" << kLevelColor[2] << "\"></i>findings</span></p>" << months_chart(tally_.by_month) << "</section>\n";

    o << "<section id=\"complaints\"><h2>Customer complaints</h2><p>" << t.complaints << " complaint(s) from customers: "
      << t.answered_in_time << " answered within the SLA of " << esc(format_duration(t.sla_seconds)) << ", " << t.answered_late
      << " answered late, " << t.unanswered << " never answered.";
    if (median >= 0)
      o << " First response: median " << esc(format_duration(median)) << ", 90th percentile " << esc(format_duration(p90))
        << " (" << t.response_seconds.size() << " answered).";
    o << "</p></section>\n";

    if (!tally_.by_rule.empty()) {
      o << "<section id=\"rules\"><h2>Top rules</h2><table><thead><tr><th>Rule</th><th>Category</th><th>Findings</th></tr></thead><tbody>";
      std::vector<std::pair<std::string, std::uint64_t>> rules(tally_.by_rule.begin(), tally_.by_rule.end());
      std::stable_sort(rules.begin(), rules.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
      if (rules.size() > 15) rules.resize(15);
      for (const auto& [rule, n] : rules)
        o << "<tr><td><code>" << esc(rule) << "</code></td><td>" << esc(tally_.rule_category[rule]) << "</td><td>" << n << "</td></tr>";
      o << "</tbody></table></section>\n";
    }

    o << "<section id=\"findings\"><h2>Findings</h2>";
    if (!rows_total_) {
      o << "<p class=\"none\">Nothing to report.</p>";
    } else {
      o << "<table><thead><tr><th>Post</th><th>Author</th><th>Date</th><th>Level</th><th>Category</th><th>Text</th><th>What is wrong · advice</th></tr></thead><tbody>\n";
      if (rows_) {
        std::rewind(rows_.get());
        char buf[1 << 16];
        std::size_t n;
        while ((n = std::fread(buf, 1, sizeof buf, rows_.get())) > 0) o.write(buf, static_cast<std::streamsize>(n));
      }
      o << "</tbody></table>";
      if (rows_total_ > kMaxRows)
        o << "<p class=\"none\">…and " << rows_total_ - kMaxRows << " more findings; run with --format jsonl or csv for all of them.</p>";
    }
    o << "</section>\n";
    if (!errors_.empty()) {
      o << "<section id=\"errors\"><h2>Unreadable records</h2><ul>";
      for (const auto& e : errors_) o << e;
      o << "</ul>";
      if (t.errors > errors_.size()) o << "<p class=\"none\">…and " << t.errors - errors_.size() << " more.</p>";
      o << "</section>\n";
    }
    o << "</main><footer>grabli · " << t.read << " records read, " << t.checked << " checked, " << t.context
      << " customer messages, " << t.errors << " unreadable</footer></body></html>\n";
    o.flush();
  }

 private:
  std::ostream& out_;
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> rows_;
  std::uint64_t rows_total_ = 0;
  std::vector<std::string> errors_;
  AuditTally tally_;
};

}  // namespace

std::unique_ptr<AuditPrinter> make_html_report_printer(std::ostream& out) {
  return std::make_unique<HtmlReportPrinter>(out);
}

}  // namespace grabli
