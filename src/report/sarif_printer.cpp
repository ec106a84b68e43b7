#include "report/sarif_printer.h"

#include <cstdio>

#include "text/utf8.h"

namespace grabli {
namespace {

const char* sarif_level(Level l) {
  switch (l) {
    case Level::error: return "error";
    case Level::warning: return "warning";
    case Level::info: return "note";
  }
  return "warning";
}

bool unreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
         c == '_' || c == '~' || c == '/';
}

}  // namespace

std::string sarif_uri(const std::string& path) {
  std::string out = path.starts_with("/") ? "file://" : "";
  for (const unsigned char c : path) {
    if (unreserved(c)) {
      out += static_cast<char>(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

std::size_t SarifPrinter::rule_index(const std::string& id, const Finding& f) {
  if (auto it = rule_indices_.find(id); it != rule_indices_.end()) return it->second;
  nlohmann::json d = {{"id", id}};
  const Rule* rule = policy_ ? policy_->find(id) : nullptr;
  if (rule) {
    d["name"] = rule->id;
    d["shortDescription"] = {{"text", utf8::sanitize(rule->message)}};
    if (!rule->suggestion.empty()) d["help"] = {{"text", utf8::sanitize(rule->suggestion)}};
    d["defaultConfiguration"] = {{"level", sarif_level(rule->level)}};
    d["properties"] = {{"category", rule->category}, {"kind", rule->kind}, {"pack", rule->pack}, {"tags", {rule->category}}};
  } else {
    // grabli's own meta-rules (suppressions) are described by their findings
    d["shortDescription"] = {{"text", utf8::sanitize(f.message)}};
    if (!f.suggestion.empty()) d["help"] = {{"text", utf8::sanitize(f.suggestion)}};
    d["defaultConfiguration"] = {{"level", sarif_level(f.level)}};
    d["properties"] = {{"category", f.category}, {"tags", {f.category}}};
  }
  rules_.push_back(std::move(d));
  return rule_indices_[id] = rules_.size() - 1;
}

void SarifPrinter::add(const CheckResult& r) {
  const std::string uri = sarif_uri(display_name(r.post));
  if (!r.error.empty()) {
    notifications_.push_back({{"level", "error"},
                              {"message", {{"text", utf8::sanitize(display_name(r.post) + ": " + r.error)}}},
                              {"locations", {{{"physicalLocation", {{"artifactLocation", {{"uri", uri}}}}}}}}});
    return;
  }
  for (const auto& f : r.findings) {
    const auto s = span_of(f, r.post);
    nlohmann::json region = {{"startLine", s.line},
                             {"startColumn", s.column},
                             {"endLine", s.end_line},
                             {"endColumn", s.end_column},
                             {"snippet", {{"text", utf8::sanitize(r.post.original_text().substr(f.start, f.end - f.start))}}}};
    std::string text = f.message;
    if (!f.suggestion.empty()) text += "\n" + f.suggestion;
    nlohmann::json result = {
        {"ruleId", f.rule},
        {"ruleIndex", rule_index(f.rule, f)},
        {"level", sarif_level(f.level)},
        {"message", {{"text", utf8::sanitize(text)}}},
        {"locations", {{{"physicalLocation", {{"artifactLocation", {{"uri", uri}}}, {"region", std::move(region)}}}}}},
        {"properties", {{"category", f.category}}},
    };
    if (!f.cues.empty()) result["properties"]["cues"] = f.cues;
    if (f.suppressed) {
      nlohmann::json sup = {{"kind", "inSource"}, {"status", "accepted"}};
      if (!f.suppression_reason.empty()) sup["justification"] = utf8::sanitize(f.suppression_reason);
      result["suppressions"] = nlohmann::json::array({std::move(sup)});
    }
    results_.push_back(std::move(result));
  }
}

void SarifPrinter::end() {
  nlohmann::json invocation = {{"executionSuccessful", notifications_.empty()}};
  if (!notifications_.empty()) invocation["toolExecutionNotifications"] = notifications_;
  const nlohmann::json log = {
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs",
       {{{"tool",
          {{"driver",
            {{"name", "grabli"},
             {"version", "0.1.0"},
             {"informationUri", "https://github.com/grabli/grabli"},
             {"rules", rules_}}}}},
         {"columnKind", "unicodeCodePoints"},
         {"invocations", {invocation}},
         {"results", results_}}}},
  };
  out_ << dump_json(log, 2) << "\n";
}

}  // namespace grabli
