#pragma once
#include <string>
#include <string_view>

namespace grabli::git {

// The first lines of the script `grabli hook install` writes; how it recognises its own hook.
inline constexpr std::string_view kHookMarker = "# grabli-hook:";
// Where a chained pre-existing hook is kept, next to ours; ours runs it first.
inline constexpr std::string_view kChainedHookName = "pre-commit.before-grabli";

struct HookInstallOptions {
  std::string grabli_path;  // absolute path of the grabli binary the hook runs (PATH if missing)
  bool chain = false;       // keep a foreign pre-commit hook and run it before grabli
};

struct HookOutcome {
  bool ok = false;
  std::string message;  // what was done, or why nothing was
};

// The pre-commit script: runs a chained hook if there is one, then `grabli hook run`; fails
// closed (blocks the commit with a message) when grabli is missing or fails itself.
std::string hook_script(const std::string& grabli_path);
bool is_grabli_hook(std::string_view script);

// Writes <hooks_dir>/pre-commit. A foreign hook is never overwritten: without `chain` the
// install is refused; with it the hook is moved to pre-commit.before-grabli and still runs.
HookOutcome install_hook(const std::string& hooks_dir, const HookInstallOptions& opts);
// Removes grabli's hook and puts a chained one back; a foreign hook is left alone.
HookOutcome uninstall_hook(const std::string& hooks_dir);

}  // namespace grabli::git
