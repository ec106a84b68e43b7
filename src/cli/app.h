#pragma once
#include <functional>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "config/config.h"
#include "engine/checker.h"
#include "input/draft.h"
#include "report/result.h"
#include "policy/policy.h"

namespace grabli::cli {

inline constexpr int kExitClean = 0, kExitFindings = 1, kExitError = 2;

// What every command that checks text needs: the config and the compiled policy.
struct Setup {
  Config config;
  std::unique_ptr<Policy> policy;
};

struct SetupOptions {
  std::string config_path;                // --config
  std::vector<std::string> policy_paths;  // --policy
  std::string search_from = ".";          // where to look for .grabli.yaml
  bool embedded = true;
  std::vector<std::string> only_paths;    // rules test PATH…: only these files
  LimitOverrides limits;                  // --max-post-bytes, …: over `limits:` of the config
  // Called with the config (its limits final) before the policy compiles, which takes a while:
  // `check` reads stdin there, bounded by max_post_bytes, and starts loading dictionaries.
  std::function<void(const Config&)> before_compile;
};

// Prints every policy/config error as file:line:column and returns nullopt on any.
std::optional<Setup> load_setup(const SetupOptions& opts, std::ostream& err);

// Starts loading the Hunspell dictionaries for the scripts in these drafts (first 64 KiB of
// each file, and the stdin text) in the background.
void prefetch_dictionaries(const std::vector<std::string>& files, const std::string& stdin_text);

// One draft through the whole check: metadata (front matter, path rules), the checker,
// inline suppressions. A draft whose own metadata is wrong gets `error` (and is printed to
// stderr), since it would be checked against the wrong rules.
CheckResult check_draft(const std::string& name, std::string content, const Setup& setup, Checker& checker,
                        const DraftMeta& meta);

// Whether to paint output: a terminal, no NO_COLOR, no --no-color.
bool use_color(bool no_color_flag, int fd);

int run_check(int argc, char** argv);
int run_rules(int argc, char** argv);
int run_audit(int argc, char** argv);
int run_hook(int argc, char** argv);
int run_init(int argc, char** argv);

}  // namespace grabli::cli
