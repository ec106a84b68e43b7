// `grabli hook install|uninstall|run`: the comms-repo pre-commit hook.
#include <unistd.h>

#include <boost/program_options.hpp>
#include <filesystem>
#include <iostream>

#include "cli/app.h"
#include "cli/limit_options.h"
#include "engine/checker.h"
#include "engine/suppressions.h"
#include "git/hook_installer.h"
#include "git/repo.h"
#include "git/staged_drafts.h"
#include "input/draft.h"
#include "report/printers.h"

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace grabli::cli {
namespace {

const char* kHookUsage = R"(usage:
  grabli hook install [--chain]   write the pre-commit hook of the repository here
  grabli hook uninstall           remove it (and put a chained hook back)
  grabli hook run [options]       check the staged drafts (what the hook runs)
)";

std::string self_path() {
  std::error_code ec;
  auto p = fs::read_symlink("/proc/self/exe", ec);
  return ec ? std::string("grabli") : p.string();
}

std::optional<git::Repo> open_repo(const char* cmd) {
  std::string error;
  auto repo = git::Repo::open(".", error);
  if (!repo) std::cerr << "grabli hook " << cmd << ": " << error << "\n";
  return repo;
}

int install(int argc, char** argv) {
  po::options_description desc("grabli hook install [options]");
  bool chain = false;
  desc.add_options()("help,h", "show this help")(
      "chain", po::bool_switch(&chain), "keep an existing pre-commit hook and run it before grabli");
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(desc).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "grabli hook install: " << e.what() << "\n" << desc;
    return kExitError;
  }
  if (vm.count("help")) {
    std::cout << desc;
    return kExitClean;
  }
  auto repo = open_repo("install");
  if (!repo) return kExitError;
  std::string dir, error;
  if (!repo->hooks_dir(dir, error)) {
    std::cerr << "grabli hook install: " << error << "\n";
    return kExitError;
  }
  const auto o = git::install_hook(dir, {self_path(), chain});
  (o.ok ? std::cout : std::cerr) << (o.ok ? "" : "grabli hook install: ") << o.message << "\n";
  return o.ok ? kExitClean : kExitError;
}

int uninstall(int argc, char**) {
  if (argc > 1) {
    std::cerr << "grabli hook uninstall takes no arguments\n";
    return kExitError;
  }
  auto repo = open_repo("uninstall");
  if (!repo) return kExitError;
  std::string dir, error;
  if (!repo->hooks_dir(dir, error)) {
    std::cerr << "grabli hook uninstall: " << error << "\n";
    return kExitError;
  }
  const auto o = git::uninstall_hook(dir);
  (o.ok ? std::cout : std::cerr) << (o.ok ? "" : "grabli hook uninstall: ") << o.message << "\n";
  return o.ok ? kExitClean : kExitError;
}

int run(int argc, char** argv) {
  po::options_description desc("grabli hook run [options]");
  std::string config, format = "text", fail_on;
  bool no_color = false;
  desc.add_options()("help,h", "show this help")
      ("config", po::value(&config), ".grabli.yaml to use (default: found from the top of the working tree)")
      ("format", po::value(&format), "text | json | sarif | github")
      ("fail-on", po::value(&fail_on), "error | warning | info (default: fail_on of the config, else warning)")
      ("no-color", po::bool_switch(&no_color), "never colour the output");
  add_limit_options(desc, {"max_post_bytes", "regex_max_mem", "regex_set_max_mem"});
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(desc).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "grabli hook run: " << e.what() << "\n" << desc;
    return kExitError;
  }
  if (vm.count("help")) {
    std::cout << desc;
    return kExitClean;
  }
  if (!config.empty()) config = fs::absolute(config).string();
  auto repo = open_repo("run");
  if (!repo) return kExitError;
  // paths from git are relative to the top of the working tree; so are path rules' lookups
  std::error_code ec;
  fs::current_path(repo->top(), ec);
  if (ec) {
    std::cerr << "grabli hook run: cannot enter " << repo->top() << ": " << ec.message() << "\n";
    return kExitError;
  }
  auto printer = make_check_printer(format, std::cout, use_color(no_color, STDOUT_FILENO));
  if (!printer) {
    std::cerr << "grabli hook run: unknown --format '" << format << "'; expected text, json, sarif or github\n";
    return kExitError;
  }
  SetupOptions so;
  so.config_path = config;
  so.search_from = repo->top();
  if (std::string why; !read_limit_options(vm, so.limits, why)) {
    std::cerr << "grabli hook run: " << why << "\n";
    return kExitError;
  }
  // The staged drafts are read before the policy compiles: their scripts say which languages'
  // packs it needs. main() ends the command with _Exit and leaves the checks to the operating
  // system: freeing the Hunspell dictionaries would cost a quarter of a cold check.
  git::StagedDrafts staged;
  std::string error;
  bool collected = false;
  so.before_compile = [&](const Config& c) {
    collected = git::collect_staged_drafts(*repo, c, staged, error, c.limits.max_post_bytes);
    std::vector<std::string_view> texts;
    for (const auto& d : staged.drafts) texts.push_back(d.content);
    return prepare_for_drafts(texts, c, "auto");
  };
  static DraftChecks checks;
  if (!checks.load(so, std::cerr)) return kExitError;
  const Setup* setup = &checks.setup();
  Level threshold = setup->config.fail_on.value_or(Level::warning);
  if (!fail_on.empty() && !parse_level(fail_on, threshold)) {
    std::cerr << "grabli hook run: --fail-on must be error, warning or info\n";
    return kExitError;
  }
  if (auto* pp = dynamic_cast<PolicyAwarePrinter*>(printer.get())) pp->set_policy(setup->policy.get());
  if (!collected) {
    std::cerr << "grabli hook run: " << error << "\n";
    return kExitError;
  }
  for (const auto& s : staged.skipped) std::cerr << "grabli: " << s << "\n";

  std::size_t failing = 0, failing_files = 0;
  bool had_error = false;
  printer->begin();
  for (auto& d : staged.drafts) {
    auto checked = checks.check(d.path, std::move(d.content), {}, *printer);
    if (!checked) return kExitError;
    CheckResult& r = *checked;
    if (!r.error.empty()) {
      had_error = true;
    } else {
      std::size_t n = 0;
      for (const auto& f : r.findings)
        if (!f.suppressed && f.level >= threshold) ++n;
      failing += n;
      failing_files += n > 0;
    }
    printer->add(r);
  }
  printer->end();
  std::cout.flush();
  if (!std::cout) {
    std::cerr << "grabli hook run: cannot write the output\n";
    return kExitError;
  }
  if (had_error) {
    std::cerr << "grabli: a staged draft could not be checked (see above); the commit is blocked.\n";
    return kExitError;
  }
  if (failing) {
    std::cerr << "grabli: " << failing << " finding(s) at or above '" << level_name(threshold) << "' in "
              << failing_files << " staged draft(s); the commit is blocked.\n"
              << "Fix the drafts and `git add` them again, or suppress one finding with\n"
              << "  <!-- grabli-disable-next-line pack/rule: why it is acceptable -->\n"
              << "on the line before it, or bypass the check once with `git commit --no-verify`.\n";
    return kExitFindings;
  }
  return kExitClean;
}

}  // namespace

int run_hook(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << kHookUsage;
    return kExitError;
  }
  const std::string_view sub = argv[1];
  if (sub == "install") return install(argc - 1, argv + 1);
  if (sub == "uninstall") return uninstall(argc - 1, argv + 1);
  if (sub == "run") return run(argc - 1, argv + 1);
  if (sub == "--help" || sub == "-h" || sub == "help") {
    std::cout << kHookUsage;
    return kExitClean;
  }
  std::cerr << "grabli hook: unknown subcommand '" << sub << "'\n" << kHookUsage;
  return kExitError;
}

}  // namespace grabli::cli
