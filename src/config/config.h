#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "config/limits.h"
#include "engine/checker.h"
#include "engine/finding.h"
#include "engine/post.h"
#include "match/matcher.h"

namespace grabli {

// A path glob that gives drafts a role and channel: `drafts/ceo/** → executive`.
struct PathRule {
  std::string glob, role, channel, lang;
};

// .grabli.yaml: how a company tunes grabli for its repo or its audits.
struct Config {
  std::string file;              // where it was read from; empty = none
  std::string dir;               // its folder; relative paths are resolved from here
  std::vector<std::string> packs;  // extra policy folders or files (absolute after loading)
  bool embedded = true;            // use the shipped packs
  RuleOverrides overrides;
  std::optional<Level> fail_on;
  std::vector<std::string> vocabulary;
  std::vector<PathRule> paths;
  std::string role, channel, lang;  // defaults
  std::vector<std::string> own_accounts;
  std::map<std::string, std::string> authors;  // author → role
  // Which staged files `grabli hook run` checks: globs relative to `dir` (hook: files/exclude).
  std::vector<std::string> hook_files = {"**/*.md", "**/*.markdown", "**/*.txt"};
  std::vector<std::string> hook_exclude;
  Limits limits;  // limits: in .grabli.yaml over the defaults; the CLI's options go on top

  // Role/channel/lang for a file path relative to `dir` (first matching glob wins).
  const PathRule* rule_for(const std::string& relative_path) const;
  bool is_own_account(std::string_view author) const;
  // Whether the hook checks a file (path relative to `dir`): matches hook.files, not hook.exclude.
  bool is_hook_draft(const std::string& relative_path) const;
};

// Reads a config file; errors (file:line:column) are appended and the config is still usable.
Config load_config(const std::string& path, std::vector<PolicyError>& errors);
// Walks up from `start_dir` to the filesystem root looking for .grabli.yaml.
std::optional<std::string> find_config(const std::string& start_dir);
// Glob with `**` (any path), `*` (within a segment) and `?`.
bool glob_match(std::string_view pattern, std::string_view path);

// The commented starter written by `grabli init`.
std::string starter_config();

}  // namespace grabli
