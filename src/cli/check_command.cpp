#include <unistd.h>

#include <algorithm>
#include <boost/program_options.hpp>
#include <fstream>
#include <iostream>

#include "cli/app.h"
#include "cli/limit_options.h"
#include "engine/checker.h"
#include "engine/suppressions.h"
#include "input/draft.h"
#include "policy/taxonomy.h"
#include "report/json_printer.h"
#include "report/printers.h"
#include "report/text_printer.h"

namespace po = boost::program_options;

namespace grabli::cli {

namespace {
bool valid_choice(std::span<const std::string_view> set, const std::string& v, const char* what, std::ostream& err) {
  if (v.empty() || taxonomy::known(set, v)) return true;
  auto near = taxonomy::closest(set, v);
  err << "grabli: unknown " << what << " '" << v << "'" << (near.empty() ? "" : " (did you mean '" + std::string(near) + "'?)")
      << "; expected one of " << taxonomy::join(set) << "\n";
  return false;
}
}  // namespace

int run_check(int argc, char** argv) {
  po::options_description desc("grabli check [FILE...|-] [options]");
  std::vector<std::string> files, policies;
  std::string role, channel, lang = "auto", reply_to, config, format = "text", fail_on;
  bool no_color = false;
  desc.add_options()("help,h", "show this help")
      ("role", po::value(&role), "executive | press | support | employee")
      ("channel", po::value(&channel), "twitter, telegram, vk, facebook, linkedin, …")
      ("lang", po::value(&lang), "ru | en | auto (by script)")
      ("reply-to", po::value(&reply_to), "the customer message this post answers")
      ("config", po::value(&config), ".grabli.yaml to use (default: found by walking up)")
      ("policy", po::value(&policies), "extra policy folder or file (repeatable)")
      ("format", po::value(&format), "text | json | sarif | github")
      ("fail-on", po::value(&fail_on), "error | warning | info (default: warning)")
      ("no-color", po::bool_switch(&no_color), "never colour the output")
      ("files", po::value(&files), "files to check; '-' or none for stdin");
  add_limit_options(desc, {"max_post_bytes", "regex_max_mem", "regex_set_max_mem"});
  po::positional_options_description pos;
  pos.add("files", -1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(desc).positional(pos).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "grabli check: " << e.what() << "\n" << desc;
    return kExitError;
  }
  if (vm.count("help")) {
    std::cout << desc;
    return kExitClean;
  }
  channel = std::string(taxonomy::canonical_channel(channel));
  if (!role.empty()) role = taxonomy::canonical_role(role);  // PR, marketing, CEO …
  if (!valid_choice(taxonomy::roles(), role, "role", std::cerr) ||
      !valid_choice(taxonomy::channels(), channel, "channel", std::cerr))
    return kExitError;
  if (lang != "auto" && lang != "ru" && lang != "en") {
    std::cerr << "grabli check: --lang must be ru, en or auto\n";
    return kExitError;
  }
  auto printer = make_check_printer(format, std::cout, use_color(no_color, STDOUT_FILENO));
  if (!printer) {
    std::cerr << "grabli check: unknown --format '" << format << "'; expected text, json, sarif or github\n";
    return kExitError;
  }
  if (files.empty()) files.push_back("-");

  SetupOptions so;
  if (std::string why; !read_limit_options(vm, so.limits, why)) {
    std::cerr << "grabli check: " << why << "\n";
    return kExitError;
  }
  so.config_path = config;
  so.policy_paths = policies;
  if (files.front() != "-") {
    std::error_code ec;
    auto parent = std::filesystem::absolute(files.front(), ec).parent_path();
    if (!ec) so.search_from = parent.string();
  }
  // Read stdin (bounded like a file), and look at the drafts while the policy compiles.
  std::string stdin_text, stdin_error;
  so.before_compile = [&](const Config& c) {
    std::vector<std::string> heads;  // the first 64 KiB of each file
    std::vector<std::string_view> texts;
    for (const auto& f : files) {
      if (f == "-") continue;
      std::ifstream in(f, std::ios::binary);
      if (!in.is_open()) continue;  // a file that cannot be read is said below
      auto& head = heads.emplace_back(std::size_t{64} << 10, '\0');
      in.read(head.data(), static_cast<std::streamsize>(head.size()));
      head.resize(static_cast<std::size_t>(in.gcount()));
    }
    if (std::find(files.begin(), files.end(), "-") != files.end()) {
      read_text_stream(std::cin, stdin_text, stdin_error, c.limits.max_post_bytes);
      texts.push_back(stdin_text);
    }
    texts.insert(texts.end(), heads.begin(), heads.end());
    return prepare_for_drafts(texts, c, lang);
  };
  // main() ends the command with _Exit and leaves this to the operating system: freeing the
  // Hunspell dictionaries would cost a quarter of a cold check
  static DraftChecks checks;
  if (!checks.load(so, std::cerr)) return kExitError;
  const Setup* setup = &checks.setup();
  Level threshold = setup->config.fail_on.value_or(Level::warning);
  if (!fail_on.empty() && !parse_level(fail_on, threshold)) {
    std::cerr << "grabli check: --fail-on must be error, warning or info\n";
    return kExitError;
  }
  if (auto* sp = dynamic_cast<PolicyAwarePrinter*>(printer.get())) sp->set_policy(setup->policy.get());

  DraftMeta meta{role, channel, lang, std::nullopt};
  if (vm.count("reply-to")) meta.reply_to = reply_to;
  bool failed = false, had_error = false;
  printer->begin();
  for (const auto& f : files) {
    std::string content, error;
    if (f == "-") {
      content = stdin_text;
      error = stdin_error;
    } else if (!read_text_file(f, content, error, setup->config.limits.max_post_bytes)) {
      // said below
    }
    CheckResult r;
    if (!error.empty()) {
      r.post.source.file = f;
      r.post.id = f;
      r.error = error;
      had_error = true;
      std::cerr << "grabli: " << (f == "-" ? "<stdin>" : f) << ": " << error << "\n";
    } else {
      auto checked = checks.check(f, std::move(content), meta, *printer);
      if (!checked) return kExitError;
      r = std::move(*checked);
      if (!r.error.empty()) {
        had_error = true;
      } else {
        for (const auto& fi : r.findings)
          if (!fi.suppressed && fi.level >= threshold) failed = true;
      }
    }
    printer->add(r);
  }
  printer->end();
  std::cout.flush();
  if (!std::cout) {
    std::cerr << "grabli: cannot write the output\n";
    return kExitError;
  }
  return had_error ? kExitError : failed ? kExitFindings : kExitClean;
}

}  // namespace grabli::cli
