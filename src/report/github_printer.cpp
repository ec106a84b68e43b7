#include "report/github_printer.h"

#include "text/utf8.h"

namespace grabli {
namespace {

const char* command_of(Level l) {
  switch (l) {
    case Level::error: return "error";
    case Level::warning: return "warning";
    case Level::info: return "notice";
  }
  return "warning";
}

}  // namespace

std::string github_escape_data(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (const char c : utf8::sanitize(s)) {
    if (c == '%') out += "%25";
    else if (c == '\r') out += "%0D";
    else if (c == '\n') out += "%0A";
    else out += c;
  }
  return out;
}

std::string github_escape_property(std::string_view s) {
  std::string out;
  for (const char c : github_escape_data(s)) {
    if (c == ':') out += "%3A";
    else if (c == ',') out += "%2C";
    else out += c;
  }
  return out;
}

void GithubPrinter::add(const CheckResult& r) {
  const std::string file = github_escape_property(display_name(r.post));
  if (!r.error.empty()) {
    out_ << "::error file=" << file << ",title=grabli::" << github_escape_data(r.error) << "\n";
    return;
  }
  for (const auto& f : r.findings) {
    if (f.suppressed) continue;
    const auto s = span_of(f, r.post);
    std::string message = f.message;
    if (!f.suggestion.empty()) message += "\nhelp: " + f.suggestion;
    out_ << "::" << command_of(f.level) << " file=" << file << ",line=" << s.line << ",endLine=" << s.end_line
         << ",col=" << s.column << ",endColumn=" << s.end_column
         << ",title=" << github_escape_property(f.rule + " (" + f.category + ")") << "::" << github_escape_data(message)
         << "\n";
  }
}

}  // namespace grabli
