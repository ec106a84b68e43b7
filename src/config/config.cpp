#include "config/config.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <yaml-cpp/yaml.h>

#include "policy/policy.h"
#include "policy/taxonomy.h"
#include "policy/yaml_tree.h"

namespace grabli {
namespace fs = std::filesystem;

bool glob_match(std::string_view p, std::string_view s) {
  if (p.empty()) return s.empty();
  if (p.starts_with("**")) {
    std::string_view rest = p.substr(2);
    if (rest.starts_with("/")) {
      // "**/" matches zero or more whole segments
      if (glob_match(rest.substr(1), s)) return true;
    }
    for (std::size_t i = 0; i <= s.size(); ++i)
      if (glob_match(rest, s.substr(i))) return true;
    return false;
  }
  if (p[0] == '*') {
    for (std::size_t i = 0; i <= s.size(); ++i) {
      if (glob_match(p.substr(1), s.substr(i))) return true;
      if (i < s.size() && s[i] == '/') break;
    }
    return false;
  }
  if (s.empty()) return false;
  if (p[0] == '?' ? s[0] != '/' : p[0] == s[0]) return glob_match(p.substr(1), s.substr(1));
  return false;
}

const PathRule* Config::rule_for(const std::string& rel) const {
  for (const auto& r : paths)
    if (glob_match(r.glob, rel)) return &r;
  return nullptr;
}

bool Config::is_own_account(std::string_view author) const {
  for (const auto& a : own_accounts)
    if (a == author) return true;
  return authors.count(std::string(author)) > 0;
}

bool Config::is_hook_draft(const std::string& rel) const {
  auto any = [&](const std::vector<std::string>& globs) {
    return std::any_of(globs.begin(), globs.end(), [&](const std::string& g) { return glob_match(g, rel); });
  };
  return any(hook_files) && !any(hook_exclude);
}

std::optional<std::string> find_config(const std::string& start_dir) {
  std::error_code ec;
  fs::path d = fs::absolute(start_dir, ec);
  if (ec) return std::nullopt;
  while (true) {
    if (fs::is_regular_file(d / ".grabli.yaml", ec)) return (d / ".grabli.yaml").string();
    if (!d.has_parent_path() || d.parent_path() == d) return std::nullopt;
    d = d.parent_path();
  }
}

namespace {

struct ConfigError {
  YAML::Mark mark;
  std::string message;
};

[[noreturn]] void fail(const YAML::Node& n, std::string msg) { throw ConfigError{n.Mark(), std::move(msg)}; }

std::vector<std::string> strings(const YAML::Node& n, const char* key) {
  std::vector<std::string> out;
  if (n.IsScalar()) return {n.Scalar()};
  if (!n.IsSequence()) fail(n, std::string(key) + " must be a list of strings");
  for (const auto& i : n) {
    if (!i.IsScalar()) fail(i, std::string(key) + " must be a list of strings");
    out.push_back(i.Scalar());
  }
  return out;
}

std::string checked(const YAML::Node& n, std::span<const std::string_view> set, const char* what) {
  if (!n.IsScalar()) fail(n, std::string(what) + " must be a string");
  std::string v = n.Scalar();
  if (std::string_view(what) == "channel") v = std::string(taxonomy::canonical_channel(v));
  if (std::string_view(what) == "role") v = taxonomy::canonical_role(v);
  if (!taxonomy::known(set, v)) {
    auto near = taxonomy::closest(set, v);
    fail(n, "unknown " + std::string(what) + " '" + v + "'" +
                (near.empty() ? "" : " (did you mean '" + std::string(near) + "'?)") + "; expected one of " +
                taxonomy::join(set));
  }
  return v;
}

Level level_of(const YAML::Node& n) {
  Level l;
  if (!n.IsScalar() || !parse_level(n.Scalar(), l)) fail(n, "expected error, warning or info");
  return l;
}

void unknown_keys(const YAML::Node& n, const std::vector<std::string_view>& keys, const char* where) {
  for (const auto& kv : n) {
    const auto k = kv.first.as<std::string>();
    if (std::find(keys.begin(), keys.end(), k) == keys.end()) {
      auto near = taxonomy::closest(std::span<const std::string_view>(keys.data(), keys.size()), k);
      fail(kv.first, "unknown key '" + k + "' in " + where +
                         (near.empty() ? "" : " (did you mean '" + std::string(near) + "'?)") + "; expected one of " +
                         taxonomy::join(std::span<const std::string_view>(keys.data(), keys.size())));
    }
  }
}

void unknown_keys(const YAML::Node& n, std::initializer_list<std::string_view> allowed, const char* where) {
  unknown_keys(n, std::vector<std::string_view>(allowed), where);
}

// limits: {max_post_bytes: 16MiB, …}; each value is checked against its key's range here, so a
// typo fails at its own line instead of as an odd error later.
void read_limits(const YAML::Node& n, Limits& limits) {
  if (!n.IsMap()) fail(n, "limits is a map such as {max_post_bytes: 16MiB}");
  std::vector<std::string_view> keys;
  for (const auto& k : limit_keys()) keys.push_back(k.key);
  unknown_keys(n, keys, "limits");
  LimitOverrides given;
  for (const auto& kv : n) {
    const LimitKey& key = *find_limit_key(kv.first.Scalar());
    const std::string name = "limits." + std::string(key.key);
    if (!kv.second.IsScalar()) fail(kv.second, name + " is a size such as 16MiB, 512KiB or 1048576");
    std::string why;
    const auto v = parse_limit(key, kv.second.Scalar(), why);
    if (!v) fail(kv.second, name + ": " + why);
    given[key] = *v;
  }
  given.apply_to(limits);
}

}  // namespace

Config load_config(const std::string& path, std::vector<PolicyError>& errors) {
  Config c;
  c.file = path;
  std::error_code ec;
  c.dir = fs::absolute(path, ec).parent_path().string();
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    errors.push_back({path, 0, 0, "", "cannot read the config file"});
    return c;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string content = ss.str();
  auto issues = check_yaml_structure(content, path);
  if (!issues.empty()) {
    errors.insert(errors.end(), issues.begin(), issues.end());
    return c;
  }
  try {
    const YAML::Node doc = YAML::Load(content);
    if (!doc || doc.IsNull()) return c;
    if (!doc.IsMap()) fail(doc, "the config is a map (see `grabli init`)");
    unknown_keys(doc,
                 {"packs", "embedded", "disable", "levels", "fail_on", "vocabulary", "paths", "role", "channel",
                  "lang", "own_accounts", "authors", "hook", "limits", "press_outlets"},
                 ".grabli.yaml");
    if (auto n = doc["packs"])
      for (auto p : strings(n, "packs")) {
        // packs may not lead outside the repository's own tree
        fs::path pp = fs::path(p);
        if (pp.is_absolute() || p.find("..") != std::string::npos)
          fail(n, "pack path '" + p + "' must stay inside the config's folder (no absolute paths or '..')");
        const auto full = (fs::path(c.dir) / pp).lexically_normal();
        // nor through a symbolic link: `packs: [rules]` with rules -> ~/.config would read (and
        // quote in its errors) files of the machine it runs on
        std::error_code lec;
        const auto rel = fs::weakly_canonical(full, lec).lexically_relative(fs::weakly_canonical(c.dir, lec));
        if (lec || rel.empty() || *rel.begin() == "..")
          fail(n, "pack path '" + p + "' leads outside the config's folder through a symbolic link");
        c.packs.push_back(full.string());
      }
    if (auto n = doc["embedded"]) c.embedded = n.as<bool>(true);
    if (auto n = doc["disable"]) c.overrides.disabled = strings(n, "disable");
    if (auto n = doc["levels"]) {
      if (!n.IsMap()) fail(n, "levels is a map of rule id or pack → error | warning | info");
      for (const auto& kv : n) c.overrides.levels.emplace_back(kv.first.as<std::string>(), level_of(kv.second));
    }
    if (auto n = doc["fail_on"]) c.fail_on = level_of(n);
    if (auto n = doc["vocabulary"]) c.vocabulary = strings(n, "vocabulary");
    if (auto n = doc["role"]) c.role = checked(n, taxonomy::roles(), "role");
    if (auto n = doc["channel"]) c.channel = checked(n, taxonomy::channels(), "channel");
    if (auto n = doc["lang"]) c.lang = checked(n, taxonomy::languages(), "language");
    if (auto n = doc["own_accounts"]) c.own_accounts = strings(n, "own_accounts");
    if (auto n = doc["press_outlets"]) {
      c.overrides.press_outlets = strings(n, "press_outlets");
      for (const auto& name : c.overrides.press_outlets) {
        // two letters at least: "ft" is a name, "a" would be a word of every message
        std::size_t letters = 0;
        for (unsigned char ch : name) letters += std::isalnum(ch) || (ch & 0xC0) == 0xC0;
        if (letters < 2 || name.size() > 100)
          fail(n, "press_outlets: '" + name + "' is not an outlet's name (2 to 100 characters with letters)");
      }
    }
    if (auto n = doc["authors"]) {
      if (!n.IsMap()) fail(n, "authors is a map of author → role");
      for (const auto& kv : n) c.authors[kv.first.as<std::string>()] = checked(kv.second, taxonomy::roles(), "role");
    }
    if (auto n = doc["hook"]) {
      if (!n.IsMap()) fail(n, "hook is a map {files: [globs], exclude: [globs]}");
      unknown_keys(n, {"files", "exclude"}, "hook");
      if (auto f = n["files"]) c.hook_files = strings(f, "hook.files");
      if (auto e = n["exclude"]) c.hook_exclude = strings(e, "hook.exclude");
    }
    if (auto n = doc["limits"]) read_limits(n, c.limits);
    if (auto n = doc["paths"]) {
      if (!n.IsSequence()) fail(n, "paths is a list of {glob, role, channel, lang}");
      for (const auto& p : n) {
        if (!p.IsMap()) fail(p, "each path rule is a map {glob, role, channel, lang}");
        unknown_keys(p, {"glob", "role", "channel", "lang"}, "a path rule");
        PathRule r;
        if (!p["glob"] || !p["glob"].IsScalar()) fail(p, "a path rule needs a glob such as 'drafts/ceo/**'");
        r.glob = p["glob"].Scalar();
        if (p["role"]) r.role = checked(p["role"], taxonomy::roles(), "role");
        if (p["channel"]) r.channel = checked(p["channel"], taxonomy::channels(), "channel");
        if (p["lang"]) r.lang = checked(p["lang"], taxonomy::languages(), "language");
        c.paths.push_back(std::move(r));
      }
    }
  } catch (const ConfigError& e) {
    errors.push_back({path, static_cast<std::uint32_t>(e.mark.line + 1), static_cast<std::uint32_t>(e.mark.column + 1), "",
                      e.message});
  } catch (const YAML::Exception& e) {
    errors.push_back({path, static_cast<std::uint32_t>(e.mark.line + 1), static_cast<std::uint32_t>(e.mark.column + 1), "",
                      e.msg});
  }
  return c;
}

std::string starter_config() {
  return R"(# grabli configuration for this repository (written by `grabli init`).
# grabli finds it by walking up from the file being checked; `--config FILE` picks another.
# Every key is optional. Reference: docs/cli.md (this file), docs/policy.md (writing rules).

# Extra policy packs: folders or files of YAML rules, relative to this file.
# packs: [policies/]
# Set to false to use only your own packs, not the ones shipped inside grabli.
# embedded: true

# Rules (pack/rule) or whole packs to switch off, and levels to change.
# `grabli rules list` shows every id.
# disable: [en-customer-conflict/tone]
# levels:
#   ru-customer-conflict: warning

# Exit non-zero (and block the commit) when a finding is at or above this level:
# error | warning | info. `--fail-on` on the command line wins.
fail_on: warning

# Who writes what, by path relative to this file (first match wins). A draft's own Markdown
# front matter (role, channel, lang, reply_to between `---` lines) overrides these.
# Roles: executive, press, support, employee.
paths:
  - glob: "drafts/ceo/**"
    role: executive
  - glob: "drafts/press/**"
    role: press
  - glob: "drafts/support/**"
    role: support
  # - glob: "drafts/**/twitter/**"
  #   channel: twitter

# Defaults when neither front matter nor a path rule says.
# role: employee
# channel: telegram
# lang: ru

# Which staged files `grabli hook run` (the pre-commit hook) checks, relative to this file.
hook:
  files: ["**/*.md", "**/*.markdown", "**/*.txt"]
  exclude: ["README.md", "docs/**"]

# Company words that spelling must accept (product names, brands).
vocabulary: []

# For audits of published accounts: the company's own accounts and per-author roles.
# Everyone else is treated as a customer.
own_accounts: []
# Outlets whose journalists write to you, beyond the national ones grabli knows: a reply to a
# message that names one (at its opening, "from …", «…») is a reply to the press.
# press_outlets: ["Daily Widget", "Ромашка ТВ"]
# authors:
#   "Ivan Petrov": executive

# Size limits (docs/security.md); sizes are bytes or a number with B, KiB, MiB, GiB (or KB, MB,
# GB). The defaults suit every real post and export; --max-post-bytes etc. override them.
# limits:
#   max_post_bytes: 64MiB      # a draft file, stdin, or the text of one audit record
#   max_record_bytes: 16MiB    # one JSONL line or CSV record of an audit input
#   regex_max_mem: 8MiB        # RE2 memory per pattern
#   regex_set_max_mem: 64MiB   # RE2 memory for all patterns of one text form together
)";
}

}  // namespace grabli
