#include <boost/program_options.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/app.h"
#include "cli/limit_options.h"
#include "engine/checker.h"
#include "input/record.h"
#include "report/result.h"

namespace po = boost::program_options;

namespace grabli::cli {

namespace {
const char* context_name(Rule::Context c) {
  switch (c) {
    case Rule::Context::reply: return "reply";
    case Rule::Context::press: return "press";
    case Rule::Context::customer: return "customer";
    case Rule::Context::any: break;
  }
  return "any";
}

const char* context_phrase(Rule::Context c) {
  switch (c) {
    case Rule::Context::reply: return "; only replies";
    case Rule::Context::press: return "; only replies to journalists";
    case Rule::Context::customer: return "; not replies to journalists";
    case Rule::Context::any: break;
  }
  return "";
}


nlohmann::json rule_json(const Rule& r) {
  auto examples = [](const std::vector<RuleExample>& list) {
    nlohmann::json a = nlohmann::json::array();
    for (const auto& e : list) a.push_back(e.text);
    return a;
  };
  return {{"id", r.full_id()},
          {"category", r.category},
          {"level", level_name(r.level)},
          {"kind", r.kind},
          {"languages", r.languages},
          {"roles", r.roles},
          {"channels", r.channels},
          {"context", context_name(r.context)},
          {"fallback", r.fallback},
          {"message", r.message},
          {"suggestion", r.suggestion},
          {"file", r.file},
          {"line", r.line},
          {"examples", {{"bad", examples(r.bad)}, {"good", examples(r.good)}}}};
}

std::string join(const std::vector<std::string>& v, const char* none) {
  if (v.empty()) return none;
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : ",") + x;
  return s;
}

// The post an example stands for: its own context, else the rule's first role/channel/language.
Post example_post(const Rule& r, const RuleExample& e) {
  Post p;
  p.id = r.full_id();
  p.text = e.text;
  p.role = !e.role.empty() ? e.role : r.roles.empty() ? "" : r.roles.front();
  p.channel = !e.channel.empty() ? e.channel : r.channels.empty() ? "" : r.channels.front();
  p.lang = !e.lang.empty() ? e.lang : r.languages.size() == 1 ? r.languages.front() : "";
  p.reply_to = e.reply_to;
  const bool en = r.languages.size() == 1 && r.languages.front() == "en";
  if (!p.reply_to && r.context == Rule::Context::reply)
    p.reply_to = en ? "I have a problem with my order." : "У меня проблема с заказом.";
  if (!p.reply_to && r.context == Rule::Context::press)
    p.reply_to = en ? "Journalist here: can you comment on the reports about your company?"
                    : "Здравствуйте, я журналист: можете прокомментировать сообщения о компании?";
  return p;
}

// `rules features FILE.jsonl...`: each post's classifier features, one JSON line per post
// ({"id", "features"}), for scripts/train-classifier.py. The files are read by audit's JSONL
// reader; a record it cannot read is an error (the trainer must see every post).
int rules_features(const Setup& s, const std::vector<std::string>& files) {
  if (files.empty()) {
    std::cerr << "grabli rules features: give one or more JSONL files of posts\n";
    return kExitError;
  }
  Checker checker(*s.policy, RuleOverrides{});
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      std::cerr << "grabli rules features: cannot read " << file << "\n";
      return kExitError;
    }
    bool ok = true;
    const auto status = make_reader(InputFormat::jsonl, in, file)->read([&](InputRecord&& r) {
      if (!r.error.empty()) {
        std::string_view why = r.error;  // "line N: …": the line is in front already
        if (const auto colon = why.find(": "); why.starts_with("line ") && colon != why.npos) why.remove_prefix(colon + 2);
        std::cerr << file << ":" << r.line << ":1: not a JSON record of a post: " << why << "\n";
        return ok = false;
      }
      std::cout << dump_json({{"id", r.post.id}, {"features", checker.classifier_features(r.post)}}) << "\n";
      return true;
    });
    if (!status.fatal.empty()) std::cerr << file << ": " << status.fatal << "\n";
    if (!ok || !status.fatal.empty()) return kExitError;
  }
  return kExitClean;
}

int rules_test(const Setup& s) {
  RuleOverrides all;
  all.include_disabled = true;
  Checker checker(*s.policy, all);
  std::size_t examples = 0, failed = 0, rules = 0;
  for (const auto& r : s.policy->rules) {
    ++rules;
    auto run = [&](const RuleExample& e, bool must_fire) {
      ++examples;
      const Post p = example_post(r, e);
      const auto findings = checker.check(p);
      bool fired = false;
      for (const auto& f : findings) fired |= f.rule == r.full_id();
      if (fired == must_fire) return;
      ++failed;
      std::cout << r.file << ":" << r.line << ":" << r.column << ": FAIL [" << r.full_id() << "] "
                << (must_fire ? "bad example does not fire: " : "good example fires: ") << terminal_safe(e.text) << "\n";
    };
    for (const auto& e : r.bad) run(e, true);
    for (const auto& e : r.good) run(e, false);
  }
  std::cout << "rules test: " << rules << " rules, " << examples << " examples, " << failed << " failed\n";
  std::cout << (examples - failed) << " passed, " << failed << " failed\n";
  return failed ? kExitFindings : kExitClean;
}

// The patterns by the size of their compiled RE2 programs, largest first: what compiling the
// policy costs at every start. A pattern with no literal to filter on is spelled out into its
// alternatives, each compiled again: `(?:^|[^\pL\pN])(?:a|b|…)` with twenty names is forty
// programs, each with the negated Unicode class. With `max`, exit 1 when one is over it.
int rules_cost(const Setup& s, std::size_t top, int max) {
  const Policy& p = *s.policy;
  struct Row {
    PatternBank::Cost cost;
    std::size_t id;
  };
  std::vector<Row> rows;
  long long total = 0;
  for (std::size_t id = 0; id < p.patterns.size(); ++id) {
    rows.push_back({p.patterns.cost(static_cast<int>(id)), id});
    total += rows.back().cost.total();
  }
  std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.cost.total() > b.cost.total(); });
  std::size_t over = 0;
  for (const auto& r : rows) over += max > 0 && r.cost.total() > max;
  const std::size_t shown = max > 0 ? over : std::min(top, rows.size());
  for (std::size_t i = 0; i < shown; ++i) {
    const auto& o = p.pattern_origins[rows[i].id];
    const Rule& r = p.rules[o.rule];
    const auto& c = rows[i].cost;
    std::cout << r.file << ":" << o.line << ":" << o.column << ": " << c.total() << " instructions";
    if (c.pieces) std::cout << " (" << c.program << " + " << c.pieces << " pieces " << c.piece_program << ")";
    std::cout << " [" << r.full_id() << "] " << terminal_safe(o.regex) << "\n";
  }
  std::cout << "rules cost: " << rows.size() << " patterns, " << total << " instructions of RE2 program";
  if (max > 0) std::cout << ", " << over << " over " << max;
  std::cout << "\n";
  return over ? kExitFindings : kExitClean;
}

}  // namespace

int run_rules(int argc, char** argv) {
  po::options_description desc(
      "grabli rules list [--format text|json] | explain ID | test [PATH...] | cost [--top N] [--max N]");
  std::string sub, format = "text", config;
  std::size_t top = 15;
  int max = 0;
  std::vector<std::string> args, policies;
  desc.add_options()("help,h", "show this help")("format", po::value(&format), "text | json (list)")
      ("config", po::value(&config), ".grabli.yaml to use")("policy", po::value(&policies), "extra policy path")
      ("top", po::value(&top), "cost: how many patterns to show (15)")
      ("max", po::value(&max), "cost: show the patterns over N instructions, exit 1 if any")
      ("sub", po::value(&sub), "list | explain | test | cost | features")("args", po::value(&args), "");
  add_limit_options(desc, {"regex_max_mem", "regex_set_max_mem"});
  po::positional_options_description pos;
  pos.add("sub", 1).add("args", -1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(desc).positional(pos).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "grabli rules: " << e.what() << "\n" << desc;
    return kExitError;
  }
  if (vm.count("help") || sub.empty()) {
    std::cout << desc;
    return sub.empty() && !vm.count("help") ? kExitError : kExitClean;
  }
  if (sub != "list" && sub != "explain" && sub != "test" && sub != "cost" && sub != "features") {
    std::cerr << "grabli rules: unknown subcommand '" << sub << "'; expected list, explain, test, cost or features\n";
    return kExitError;
  }
  SetupOptions so;
  so.config_path = config;
  so.policy_paths = policies;
  if (sub == "test") so.only_paths = args;
  if (std::string why; !read_limit_options(vm, so.limits, why)) {
    std::cerr << "grabli rules: " << why << "\n";
    return kExitError;
  }
  auto s = load_setup(so, std::cerr);
  if (!s) return kExitError;
  if (sub == "test") return rules_test(*s);
  if (sub == "cost") return rules_cost(*s, top, max);
  if (sub == "features") return rules_features(*s, args);
  if (sub == "list") {
    if (format == "json") {
      nlohmann::json a = nlohmann::json::array();
      for (const auto& r : s->policy->rules) a.push_back(rule_json(r));
      std::cout << dump_json(a, 2) << "\n";
    } else if (format == "text") {
      for (const auto& r : s->policy->rules)
        std::cout << r.full_id() << "  " << r.category << "  " << level_name(r.level) << "  " << r.kind << "  lang="
                  << join(r.languages, "all") << "  roles=" << join(r.roles, "all")
                  << (r.context == Rule::Context::any ? "" : std::string("  (context ") + context_name(r.context) + ")")
                  << "\n";
      std::cout << s->policy->rules.size() << " rules\n";
    } else {
      std::cerr << "grabli rules list: --format must be text or json\n";
      return kExitError;
    }
    return kExitClean;
  }
  // explain
  if (args.size() != 1) {
    std::cerr << "grabli rules explain: give one rule id, e.g. ru-support/blame-customer\n";
    return kExitError;
  }
  const Rule* r = s->policy->find(args[0]);
  if (!r) {
    std::cerr << "grabli rules explain: no rule '" << args[0] << "' (see `grabli rules list`)\n";
    return kExitError;
  }
  std::cout << r->full_id() << " — " << r->category << ", " << level_name(r->level) << ", kind " << r->kind << "\n"
            << "defined at " << r->file << ":" << r->line << "\n\n"
            << r->message << "\n";
  if (!r->suggestion.empty()) std::cout << "instead: " << r->suggestion << "\n";
  std::cout << "\napplies to: languages " << join(r->languages, "all") << "; roles " << join(r->roles, "all")
            << "; channels " << join(r->channels, "all") << context_phrase(r->context)
            << (r->fallback ? "; only when no other rule of its category fires" : "") << "\n";
  std::cout << "\nbad:\n";
  for (const auto& e : r->bad) std::cout << "  - " << e.text << "\n";
  std::cout << "good:\n";
  for (const auto& e : r->good) std::cout << "  - " << e.text << "\n";
  std::cout << "\n" << r->source_yaml << "\n";
  return kExitClean;
}

int run_init(int, char**) {
  namespace fs = std::filesystem;
  if (fs::exists(".grabli.yaml")) {
    std::cerr << "grabli init: .grabli.yaml already exists; not overwritten\n";
    return kExitError;
  }
  std::ofstream out(".grabli.yaml");
  out << starter_config();
  if (!out) {
    std::cerr << "grabli init: cannot write .grabli.yaml\n";
    return kExitError;
  }
  std::cout << "wrote .grabli.yaml; edit it, then `grabli hook install` to check drafts on commit\n";
  return kExitClean;
}

}  // namespace grabli::cli
