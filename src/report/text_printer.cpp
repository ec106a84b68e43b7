#include "report/text_printer.h"

#include <algorithm>

#include "text/utf8.h"

namespace grabli {

namespace {
const char* level_color(Level l) {
  switch (l) {
    case Level::error: return "\033[1;31m";
    case Level::warning: return "\033[1;33m";
    case Level::info: return "\033[1;36m";
  }
  return "";
}
}  // namespace

void TextPrinter::add(const CheckResult& r) {
  ++files_;
  const std::string name = terminal_safe(display_name(r.post));
  auto paint = [&](const char* code, const std::string& s) { return color_ ? code + s + "\033[0m" : s; };
  if (!r.error.empty()) {
    // A front-matter error already says "file:line:col: error: …"; others say only what.
    if (r.error.starts_with(name + ":")) out_ << terminal_safe(r.error) << "\n";
    else out_ << name << ": " << paint("\033[1;31m", "error") << ": " << terminal_safe(r.error) << "\n";
    return;
  }
  const std::string_view text = r.post.original_text();
  for (const auto& f : r.findings) {
    if (f.suppressed) continue;
    ++findings_;
    const auto s = span_of(f, r.post);
    out_ << paint("\033[1m", name + ":" + std::to_string(s.line) + ":" + std::to_string(s.column) + ":") << " "
         << paint(level_color(f.level), std::string(level_name(f.level))) << ": " << terminal_safe(f.message) << " ["
         << f.rule << "]\n";
    // the source line and a caret underline in characters
    std::size_t ls = f.start;
    while (ls > 0 && text[ls - 1] != '\n') --ls;
    std::size_t le = text.find('\n', f.start);
    if (le == std::string_view::npos) le = text.size();
    std::string_view line = text.substr(ls, le - ls);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const std::string num = std::to_string(s.line);
    const std::string pad(num.size(), ' ');
    const std::size_t shown_max = 400;  // a multi-megabyte line is cut around the finding
    std::size_t from = 0;
    if (line.size() > shown_max && f.start - ls > shown_max / 2) from = f.start - ls - shown_max / 2;
    while (from > 0 && (static_cast<unsigned char>(line[from]) & 0xC0) == 0x80) --from;
    std::size_t to = std::min(line.size(), from + shown_max);
    while (to < line.size() && (static_cast<unsigned char>(line[to]) & 0xC0) == 0x80) ++to;
    const std::string shown = terminal_safe(line.substr(from, to - from));
    out_ << "  " << num << " | " << (from ? "…" : "") << shown << (to < line.size() ? "…" : "") << "\n";
    const std::size_t caret_from = utf8::length(terminal_safe(line.substr(from, f.start - ls - from))) + (from ? 1 : 0);
    const std::size_t span_end = std::min<std::size_t>(f.end, ls + to);
    std::size_t width = f.end > f.start ? utf8::length(terminal_safe(text.substr(f.start, span_end > f.start ? span_end - f.start : 0))) : 1;
    if (width == 0) width = 1;
    out_ << "  " << pad << " | " << std::string(caret_from, ' ') << paint(level_color(f.level), std::string(width, '^'))
         << "\n";
    if (!f.suggestion.empty()) out_ << "  " << pad << " = help: " << terminal_safe(f.suggestion) << "\n";
  }
}

void TextPrinter::end() {}

}  // namespace grabli
