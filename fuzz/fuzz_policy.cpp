// libFuzzer target: the policy loader on arbitrary YAML. A policy from another repo is untrusted
// input; compile_policy must return errors, never crash, hang or run away with memory.
#include <cstdint>
#include <string>

#include "policy/policy.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace grabli;
  // No dictionaries: the loader's own logic is what is fuzzed, and Hunspell loads take seconds.
  static const DictionaryPaths none{};
  std::vector<PolicySource> sources{{"fuzz.yaml", std::string(reinterpret_cast<const char*>(data), size)}};
  auto loaded = compile_policy(sources, {"acme"}, none);
  if (loaded.policy) (void)loaded.policy->rules.size();
  return 0;
}
