#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string_view>

#include "cli/app.h"
#include "text/form_table.h"
#include "text/lemmatizer.h"

namespace {
const char* kUsage = R"(grabli — checks social-media drafts against company policies before they go out.

usage:
  grabli check [FILE...|-] [--role R] [--channel C] [--lang ru|en|auto] [--reply-to TEXT]
               [--config FILE] [--policy PATH]... [--format text|json|sarif|github]
               [--fail-on error|warning|info] [--no-color]
  grabli audit INPUT|- [--input-format auto|jsonl|csv|telegram|vk|twitter]
               [--format jsonl|csv|html|summary] [-o FILE] [--jobs N]
  grabli hook install|uninstall|run
  grabli rules list [--format text|json] | explain ID | test [PATH...]
  grabli init
  grabli --version   the version, the dictionaries and the form tables found for them

Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage, policy or input errors.
Run `grabli COMMAND --help` for a command's options. Docs: docs/cli.md, docs/policy.md.
)";
}  // namespace

namespace {
// Freeing the policy and the Hunspell dictionaries at exit costs a quarter of a cold check or a
// hook run (and ~100 ms after an audit, whose workers leave their checkers behind); the operating
// system frees them faster. The commands keep them in statics for that. Output is flushed first.
[[noreturn]] void finish(int rc) {
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
  std::_Exit(std::cout.good() ? rc : 2);
}

// What --version says besides the version: the dictionaries found, and whether the build-time
// form tables answer for them. Without tables (a binary copied away from its share/grabli) every
// new word goes to Hunspell: the same answers, slower.
std::string describe_dictionaries() {
  const auto paths = grabli::DictionaryPaths::discover();
  std::string out;
  struct Language {
    const char *name, *package;
    const std::optional<std::filesystem::path>& path;
  };
  for (const auto& [name, package, path] : {Language{"ru", "hunspell-ru", paths.ru}, Language{"en", "hunspell-en-us", paths.en}}) {
    out += std::string("dictionary ") + name + ": ";
    if (!path) {
      out += std::string("not found (install ") + package + ")\n";
      continue;
    }
    out += path->string() + "\n  form table: ";
    if (const auto* t = grabli::FormTable::for_dictionary(*path))
      out += t->path().string() + " (" + std::to_string(t->size()) + " forms)\n";
    else if (const char* env = std::getenv("GRABLI_FORMS_DIR"); env && std::string_view(env) == "off")
      out += "off (GRABLI_FORMS_DIR=off); Hunspell answers every new word\n";
    else
      out += std::string("none that matches it in ") +
             (env && *env ? env : "share/grabli beside or above the executable") +
             "; Hunspell answers every new word (the same answers, slower)\n";
  }
  return out;
}
}  // namespace

int main(int argc, char** argv) {
  using namespace grabli::cli;
  std::ios::sync_with_stdio(false);
  if (argc < 2) {
    std::cerr << kUsage;
    return kExitError;
  }
  const std::string_view cmd = argv[1];
  try {
    if (cmd == "check") finish(run_check(argc - 1, argv + 1));
    if (cmd == "rules") return run_rules(argc - 1, argv + 1);
    if (cmd == "audit") finish(run_audit(argc - 1, argv + 1));
    if (cmd == "hook") finish(run_hook(argc - 1, argv + 1));
    if (cmd == "init") return run_init(argc - 1, argv + 1);
    if (cmd == "--help" || cmd == "-h" || cmd == "help") {
      std::cout << kUsage;
      return kExitClean;
    }
    if (cmd == "--version") {
      std::cout << "grabli 0.1.0\n" << describe_dictionaries();
      return kExitClean;
    }
    std::cerr << "grabli: unknown command '" << cmd << "'\n\n" << kUsage;
    return kExitError;
  } catch (const std::exception& e) {
    std::cerr << "grabli: error: " << e.what() << "\n";
    return kExitError;
  }
}
