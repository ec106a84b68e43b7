#include <sys/stat.h>
#include <unistd.h>

#include <boost/program_options.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

#include "audit/audit.h"
#include "audit/complaints.h"
#include "cli/app.h"
#include "cli/limit_options.h"
#include "input/input_stream.h"
#include "input/record.h"
#include "input/timestamp.h"
#include "policy/taxonomy.h"
#include "report/audit_report.h"
#include "text/lemmatizer.h"

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace grabli::cli {

namespace {

std::string default_format(const std::string& output) {
  const auto ext = fs::path(output).extension().string();
  if (ext == ".html" || ext == ".htm") return "html";
  if (ext == ".csv") return "csv";
  if (ext == ".txt") return "summary";
  return "jsonl";
}

// "[#######.....]  58%  12 345 records  4 100/s  ETA 0:07" on a terminal's stderr, redrawn in place.
class ProgressBar {
 public:
  ProgressBar(const InputStreambuf& in, std::uint64_t total_bytes) : in_(in), total_(total_bytes) {}
  void update(const AuditTotals& t) {
    const auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::milliseconds(150)) return;
    last_ = now;
    const double rate = t.seconds > 0 ? static_cast<double>(t.read) / t.seconds : 0;
    std::string line = "\r\033[K";
    char buf[160];
    if (total_) {
      const double done = std::min(1.0, static_cast<double>(in_.consumed()) / static_cast<double>(total_));
      const int filled = static_cast<int>(done * 24);
      line += "[" + std::string(filled, '#') + std::string(24 - filled, '.') + "] ";
      const double eta = done > 0.001 ? t.seconds * (1 - done) / done : 0;
      std::snprintf(buf, sizeof buf, "%3d%%  %llu records  %.0f/s  ETA %d:%02d", static_cast<int>(done * 100),
                    static_cast<unsigned long long>(t.read), rate, static_cast<int>(eta) / 60, static_cast<int>(eta) % 60);
    } else {
      std::snprintf(buf, sizeof buf, "%llu records  %.0f/s", static_cast<unsigned long long>(t.read), rate);
    }
    std::cerr << line << buf << std::flush;
    drawn_ = true;
  }
  void clear() {
    if (drawn_) std::cerr << "\r\033[K" << std::flush;
  }

 private:
  const InputStreambuf& in_;
  std::uint64_t total_;
  std::chrono::steady_clock::time_point last_{};
  bool drawn_ = false;
};

}  // namespace

int run_audit(int argc, char** argv) {
  po::options_description desc("grabli audit INPUT|- [options]");
  std::string input, input_format = "auto", format, output, role, config, fail_on, sla = "24h";
  std::vector<std::string> policies, own;
  unsigned jobs = std::max(1u, std::thread::hardware_concurrency());
  desc.add_options()("help,h", "show this help")
      ("input-format", po::value(&input_format), "auto | jsonl | csv | telegram | vk | twitter (default: auto)")
      ("format", po::value(&format), "jsonl | csv | html | summary (default: by -o's extension, else jsonl)")
      ("output,o", po::value(&output), "write the report here instead of stdout")
      ("jobs,j", po::value(&jobs), "worker threads (default: the number of cores)")
      ("role", po::value(&role), "role of the company's posts when the record and config do not say")
      ("own", po::value(&own), "an own account (author name or id; repeatable; adds to own_accounts)")
      ("sla", po::value(&sla), "how soon a complaint must be answered (default 24h; e.g. 90m, 2d)")
      ("config", po::value(&config), ".grabli.yaml to use (default: found by walking up from INPUT)")
      ("policy", po::value(&policies), "extra policy folder or file (repeatable)")
      ("fail-on", po::value(&fail_on), "error | warning | info (default: warning)")
      ("input", po::value(&input), "the export to audit; '-' for stdin");
  add_limit_options(desc, {"max_post_bytes", "max_record_bytes", "regex_max_mem", "regex_set_max_mem"});
  po::positional_options_description pos;
  pos.add("input", 1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(desc).positional(pos).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "grabli audit: " << e.what() << "\n" << desc;
    return kExitError;
  }
  if (vm.count("help")) {
    std::cout << desc << "\nOne output record per input record, in input order. See docs/audit.md.\n";
    return kExitClean;
  }
  if (input.empty()) {
    std::cerr << "grabli audit: which export? give a file, or '-' for stdin\n" << desc;
    return kExitError;
  }
  const auto in_format = parse_input_format(input_format);
  if (!in_format) {
    std::cerr << "grabli audit: unknown --input-format '" << input_format
              << "'; expected auto, jsonl, csv, telegram, vk or twitter\n";
    return kExitError;
  }
  if (format.empty()) format = default_format(output);
  if (format != "jsonl" && format != "csv" && format != "html" && format != "summary") {
    std::cerr << "grabli audit: unknown --format '" << format << "'; expected jsonl, csv, html or summary\n";
    return kExitError;
  }
  const auto sla_seconds = parse_duration(sla);
  if (!sla_seconds || *sla_seconds <= 0) {
    std::cerr << "grabli audit: --sla '" << sla << "' is not a duration; write e.g. 24h, 90m, 2d or 1h30m\n";
    return kExitError;
  }
  if (!role.empty()) role = taxonomy::canonical_role(role);
  if (!role.empty() && !taxonomy::known(taxonomy::roles(), role)) {
    std::cerr << "grabli audit: unknown role '" << role << "'; expected one of " << taxonomy::join(taxonomy::roles()) << "\n";
    return kExitError;
  }
  if (jobs == 0 || jobs > 256) {
    std::cerr << "grabli audit: --jobs must be between 1 and 256\n";
    return kExitError;
  }
  LimitOverrides limits;
  if (std::string why; !read_limit_options(vm, limits, why)) {
    std::cerr << "grabli audit: " << why << "\n";
    return kExitError;
  }

  // the input
  std::ifstream file;
  std::uint64_t total_bytes = 0;
  bool input_is_file = false;  // else a pipe, a FIFO or a terminal: streamed (AuditOptions::input_idle)
  if (input != "-") {
    std::error_code ec;
    if (fs::is_directory(input, ec)) {
      std::cerr << "grabli audit: " << input << ": is a directory; give the export file (result.json, tweets.js, …)\n";
      return kExitError;
    }
    file.open(input, std::ios::binary);
    if (!file) {
      std::cerr << "grabli audit: " << input << ": " << (fs::exists(input, ec) ? "cannot open (permission denied?)" : "no such file") << "\n";
      return kExitError;
    }
    if (fs::is_regular_file(input, ec)) {
      input_is_file = true;
      total_bytes = fs::file_size(input, ec);
    }
  } else {
    struct stat st {};
    input_is_file = fstat(STDIN_FILENO, &st) == 0 && S_ISREG(st.st_mode);
  }
  InputStreambuf buf(input == "-" ? std::cin.rdbuf() : file.rdbuf());
  std::istream in(&buf);
  InputFormat fmt = *in_format;
  if (fmt == InputFormat::automatic) {
    std::string why;
    const auto guessed = detect_input_format(input == "-" ? "" : input, buf.head(1 << 16, input_format_head_settled), why);
    if (!guessed) {
      std::cerr << "grabli audit: " << (input == "-" ? "<stdin>" : input) << ": cannot tell the input format (" << why
                << "); say it with --input-format jsonl|csv|telegram|vk|twitter\n";
      return kExitError;
    }
    fmt = *guessed;
  }

  // the policy
  SetupOptions so;
  so.config_path = config;
  so.policy_paths = policies;
  so.limits = limits;
  so.examples = false;  // only `grabli rules` reads the packs' examples: a third of their YAML
  // An audit meets words no form table holds (names, typos) in its first posts, and its workers
  // hold those posts back until Hunspell is in: its load starts now, beside the policy's compile,
  // at a lower priority, so that it takes the CPU the compile leaves (a pipeline of two threads
  // that wait for each other) without delaying the workers' start.
  so.before_compile = [](const Config&) {
    const auto dicts = DictionaryPaths::discover();
    for (const Script s : {Script::cyrillic, Script::latin}) Lemmatizer::prefetch(dicts, s, true);
    return kPackAllLanguages;
  };
  // .grabli.yaml: from the export's folder up, else from the working directory up (an export
  // downloaded to ~/Downloads is audited with the comms repo's config the officer runs it from)
  if (input != "-") {
    std::error_code ec;
    auto parent = fs::absolute(input, ec).parent_path();
    if (!ec && find_config(parent.string())) so.search_from = parent.string();
  }
  auto setup = load_setup(so, std::cerr);
  if (!setup) return kExitError;
  AuditOptions opts;
  opts.jobs = jobs;
  opts.role = role;
  opts.own_accounts = own;
  opts.sla_seconds = *sla_seconds;
  // main() ends an audit with _Exit: what the workers leave here is never freed
  static std::vector<std::unique_ptr<Checker>> spent_checkers;
  opts.keep_checkers = &spent_checkers;
  if (!input_is_file) opts.input_idle = [&buf] { return buf.would_wait(); };
  opts.fail_on = setup->config.fail_on.value_or(Level::warning);
  if (!fail_on.empty() && !parse_level(fail_on, opts.fail_on)) {
    std::cerr << "grabli audit: --fail-on must be error, warning or info\n";
    return kExitError;
  }
  std::vector<PolicyError> cue_errors;
  const auto cues = compile_complaint_cues(cue_errors);
  for (const auto& e : cue_errors) std::cerr << "grabli audit: complaint cues: " << e.to_string() << "\n";

  // the output
  std::ofstream out_file;
  if (!output.empty()) {
    out_file.open(output, std::ios::binary | std::ios::trunc);
    if (!out_file) {
      std::cerr << "grabli audit: cannot write " << output << "\n";
      return kExitError;
    }
  }
  std::ostream& out = output.empty() ? std::cout : out_file;
  auto printer = make_audit_printer(format, out);
  auto reader = make_reader(fmt, in, input, setup->config.limits);

  const bool show_progress = isatty(STDERR_FILENO) != 0 && !(output.empty() && isatty(STDOUT_FILENO) && format != "html");
  ProgressBar bar(buf, total_bytes);
  Audit audit(*setup->policy, cues.get(), setup->config, opts);
  printer->begin();
  AuditTotals totals = audit.run(*reader, *printer, [&](const AuditTotals& t) {
    if (show_progress) bar.update(t);
  });
  totals.input = input;
  totals.input_format = std::string(input_format_name(fmt));
  totals.bytes = buf.consumed();
  bar.clear();
  printer->finish(totals);
  out.flush();
  if (!out) {
    std::cerr << "grabli audit: cannot write the output" << (output.empty() ? "" : " to " + output) << "\n";
    return kExitError;
  }
  char rate[64];
  std::snprintf(rate, sizeof rate, "%.1f s, %.0f records/s", totals.seconds,
                totals.seconds > 0 ? static_cast<double>(totals.read) / totals.seconds : 0.0);
  std::cerr << "grabli audit: " << totals.read << " read, " << totals.checked << " checked, " << totals.context
            << " context, " << totals.errors << " error(s)";
  if (totals.skipped) std::cerr << ", " << totals.skipped << " service message(s) skipped";
  if (totals.complaints)
    std::cerr << "; " << totals.complaints << " complaint(s), " << totals.unanswered << " unanswered, " << totals.answered_late
              << " late";
  std::cerr << " (" << rate << ")\n";
  return totals.errors ? kExitError : totals.failed ? kExitFindings : kExitClean;
}

}  // namespace grabli::cli
