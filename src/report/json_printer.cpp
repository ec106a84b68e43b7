#include "report/json_printer.h"

namespace grabli {

void JsonPrinter::add(const CheckResult& r) {
  nlohmann::json o;
  o["file"] = display_name(r.post);
  if (!r.post.id.empty()) o["id"] = r.post.id;
  if (!r.error.empty()) o["error"] = r.error;
  o["findings"] = nlohmann::json::array();
  for (const auto& f : r.findings) o["findings"].push_back(finding_json(f, r.post));
  all_.push_back(std::move(o));
}

void JsonPrinter::end() { out_ << dump_json(all_, 2) << "\n"; }

}  // namespace grabli
