#include "git/hook_installer.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace grabli::git {
namespace fs = std::filesystem;
namespace {

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (const char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

bool read_file(const fs::path& p, std::string& out) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return true;
}

bool write_executable(const fs::path& p, const std::string& content, std::string& error) {
  const fs::path tmp = p.string() + ".grabli-tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << content;
    if (!out.flush()) {
      error = "cannot write " + tmp.string();
      return false;
    }
  }
  std::error_code ec;
  fs::permissions(tmp, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec | fs::perms::others_read |
                           fs::perms::others_exec, ec);
  if (!ec) fs::rename(tmp, p, ec);
  if (ec) {
    fs::remove(tmp, ec);
    error = "cannot install " + p.string() + ": " + ec.message();
    return false;
  }
  return true;
}

}  // namespace

std::string hook_script(const std::string& grabli_path) {
  const std::string q = shell_quote(grabli_path);
  std::string s = "#!/bin/sh\n";
  s += std::string(kHookMarker) + " installed by `grabli hook install`; remove it with `grabli hook uninstall`.\n";
  s += R"(# Checks the STAGED drafts (not the working tree) and never changes a file.
# Bypass once, on purpose: git commit --no-verify
chained="$(dirname "$0")/)" + std::string(kChainedHookName) + R"("
if [ -x "$chained" ]; then
  "$chained" "$@" || exit $?
fi
GRABLI=)" + q + R"(
if [ ! -x "$GRABLI" ]; then
  GRABLI=$(command -v grabli 2>/dev/null) || GRABLI=
fi
if [ -z "$GRABLI" ]; then
  echo "grabli hook: grabli is not installed (not at )" + q + R"( nor on PATH); the commit is blocked." >&2
  echo "Install grabli, or remove this hook with 'grabli hook uninstall', or bypass once with 'git commit --no-verify'." >&2
  exit 2
fi
"$GRABLI" hook run
status=$?
if [ "$status" -ne 0 ] && [ "$status" -ne 1 ]; then
  echo "grabli hook: the check itself failed (exit $status), so the commit is blocked (fail closed)." >&2
  echo "Fix the problem reported above, or bypass once with 'git commit --no-verify'." >&2
fi
exit "$status"
)";
  return s;
}

bool is_grabli_hook(std::string_view script) {
  return script.substr(0, 512).find(kHookMarker) != std::string_view::npos;
}

HookOutcome install_hook(const std::string& hooks_dir, const HookInstallOptions& opts) {
  HookOutcome o;
  std::error_code ec;
  fs::create_directories(hooks_dir, ec);
  if (ec) {
    o.message = "cannot create the hooks folder " + hooks_dir + ": " + ec.message();
    return o;
  }
  const fs::path hook = fs::path(hooks_dir) / "pre-commit";
  const fs::path chained = fs::path(hooks_dir) / kChainedHookName;
  std::string existing;
  const bool exists = fs::exists(fs::symlink_status(hook, ec));
  bool updating = false;
  std::string note;
  if (exists) {
    if (read_file(hook, existing) && is_grabli_hook(existing)) {
      updating = true;
    } else if (!opts.chain) {
      o.message = hook.string() + " already exists and is not grabli's; it was left unchanged.\n"
                  "Run `grabli hook install --chain` to keep it and run it before grabli, or add "
                  "`grabli hook run` to it yourself.";
      return o;
    } else if (fs::exists(fs::symlink_status(chained, ec))) {
      o.message = "cannot chain: " + chained.string() + " already exists; move one of the two hooks away first.";
      return o;
    } else {
      fs::rename(hook, chained, ec);
      if (ec) {
        o.message = "cannot move " + hook.string() + " to " + chained.string() + ": " + ec.message();
        return o;
      }
      note = "; the existing hook was kept as " + chained.string() + " and runs first";
    }
  }
  if (!write_executable(hook, hook_script(opts.grabli_path), o.message)) {
    if (!note.empty()) fs::rename(chained, hook, ec);  // put the user's hook back
    return o;
  }
  o.ok = true;
  o.message = (updating ? "updated " : "installed ") + hook.string() + note +
              ".\nStaged drafts are checked on every commit; bypass once with `git commit --no-verify`.";
  return o;
}

HookOutcome uninstall_hook(const std::string& hooks_dir) {
  HookOutcome o;
  std::error_code ec;
  const fs::path hook = fs::path(hooks_dir) / "pre-commit";
  const fs::path chained = fs::path(hooks_dir) / kChainedHookName;
  std::string existing;
  if (!fs::exists(fs::symlink_status(hook, ec))) {
    o.ok = true;
    o.message = "no pre-commit hook in " + hooks_dir + "; nothing to do.";
    return o;
  }
  if (!read_file(hook, existing) || !is_grabli_hook(existing)) {
    o.message = hook.string() + " is not grabli's hook; it was left unchanged.";
    return o;
  }
  fs::remove(hook, ec);
  if (ec) {
    o.message = "cannot remove " + hook.string() + ": " + ec.message();
    return o;
  }
  o.ok = true;
  o.message = "removed " + hook.string();
  if (fs::exists(fs::symlink_status(chained, ec))) {
    fs::rename(chained, hook, ec);
    if (ec) {
      o.ok = false;
      o.message += ", but cannot restore " + chained.string() + ": " + ec.message();
      return o;
    }
    o.message += "; the previous hook is back in its place";
  }
  o.message += ".";
  return o;
}

}  // namespace grabli::git
