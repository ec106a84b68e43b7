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
  bool examples = true;  // false: the shipped packs' rules without their examples (only `rules` reads them)
  std::vector<std::string> only_paths;    // rules test PATH…: only these files
  LimitOverrides limits;                  // --max-post-bytes, …: over `limits:` of the config
  // Called with the config (its limits final) before the policy compiles, which takes a while:
  // `check` reads stdin there, bounded by max_post_bytes, and starts loading dictionaries. It
  // returns the post languages to compile the shipped packs for (kPack* bits): the packs of the
  // others are left out, and Policy::languages says so.
  std::function<std::uint8_t(const Config&)> before_compile;
};

// Prints every policy/config error as file:line:column and returns nullopt on any.
std::optional<Setup> load_setup(const SetupOptions& opts, std::ostream& err);

// Looks at the drafts before the policy compiles: starts loading the Hunspell dictionaries for
// their scripts in the background (unless the form tables know every word), and returns the
// languages they are most likely in (kPack* bits) from their scripts, `--lang` and the config's
// lang defaults, for SetupOptions::before_compile. With GRABLI_ALL_PACKS set: all of them.
std::uint8_t prepare_for_drafts(const std::vector<std::string_view>& texts, const Config& config,
                                const std::string& cli_lang);

// One draft through the whole check: metadata (front matter, path rules), the checker,
// inline suppressions. A draft whose own metadata is wrong gets `error` (and is printed to
// stderr), since it would be checked against the wrong rules.
CheckResult check_draft(const std::string& name, std::string content, const Setup& setup, Checker& checker,
                        const DraftMeta& meta);

// `check` and `hook run`: a setup compiled for the languages before_compile returned, and the
// whole policy, compiled when a draft first needs it (its front matter or a path rule names a
// language its script did not suggest). The answer is always the whole policy's.
class DraftChecks {
 public:
  bool load(SetupOptions options, std::ostream& err);  // prints errors, false on any
  const Setup& setup() const { return *setup_; }
  // check_draft; nullopt when the whole policy failed to compile (errors printed). The printer
  // gets the whole policy when it is compiled.
  std::optional<CheckResult> check(const std::string& name, std::string content, const DraftMeta& meta,
                                   Printer& printer);

 private:
  SetupOptions options_;
  std::optional<Setup> setup_, whole_;
  std::optional<Checker> checker_, whole_checker_;
};

// Whether to paint output: a terminal, no NO_COLOR, no --no-color.
bool use_color(bool no_color_flag, int fd);

int run_check(int argc, char** argv);
int run_rules(int argc, char** argv);
int run_audit(int argc, char** argv);
int run_hook(int argc, char** argv);
int run_init(int argc, char** argv);

}  // namespace grabli::cli
