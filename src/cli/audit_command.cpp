// Minimal JSONL audit; the full audit (readers, formats, jobs) lands with issue 5.
#include <iostream>
#include <fstream>

#include "cli/app.h"
#include "engine/checker.h"
#include "report/result.h"

namespace grabli::cli {

int run_audit(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "grabli audit INPUT\n";
    return kExitError;
  }
  SetupOptions so;
  auto s = load_setup(so, std::cerr);
  if (!s) return kExitError;
  Checker checker(*s->policy, s->config.overrides);
  std::ifstream in(argv[1]);
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty()) continue;
    auto j = nlohmann::json::parse(line);
    Post p;
    p.id = j.value("id", std::to_string(n));
    p.text = j.value("text", "");
    p.role = j.value("role", "");
    p.channel = j.value("channel", "");
    p.lang = j.value("lang", "");
    if (j.contains("reply_to") && j["reply_to"].is_object()) p.reply_to = j["reply_to"].value("text", "");
    nlohmann::json o = {{"id", p.id}, {"findings", nlohmann::json::array()}};
    for (const auto& f : checker.check(p)) o["findings"].push_back(finding_json(f, p));
    std::cout << dump_json(o) << "\n";
  }
  return kExitClean;
}

}  // namespace grabli::cli
