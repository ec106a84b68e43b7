#include "audit/complaints.h"

#include "policy/embedded.h"

namespace grabli {

std::string_view complaint_cue_pack() {
  for (const auto& f : embedded_files())
    if (f.path == "src/audit/complaint_cues.yaml") return f.content;
  return {};
}

std::unique_ptr<Policy> compile_complaint_cues(std::vector<PolicyError>& errors) {
  std::vector<PolicySource> sources{{"<complaint cues>", std::string(complaint_cue_pack())}};
  auto loaded = compile_policy(sources, {}, DictionaryPaths::discover());
  errors.insert(errors.end(), loaded.errors.begin(), loaded.errors.end());
  return loaded.errors.empty() ? std::move(loaded.policy) : nullptr;
}

}  // namespace grabli
