#pragma once
#include <memory>
#include <string>
#include <vector>

#include "policy/policy.h"

namespace grabli {

// Cues that a customer's message is a complaint (money back, broken, rude, a bolt in the package),
// written as an ordinary phrase pack so the engine's morphology applies («сломался», «сломали»).
// It is compiled once and run by a Checker per worker, on messages from outside accounts only.
std::string_view complaint_cue_pack();
std::unique_ptr<Policy> compile_complaint_cues(std::vector<PolicyError>& errors);

}  // namespace grabli
