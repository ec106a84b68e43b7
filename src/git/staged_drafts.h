#pragma once
#include <string>
#include <vector>

#include "config/config.h"
#include "git/repo.h"

namespace grabli::git {

// A draft as the next commit will contain it.
struct StagedDraft {
  std::string path;     // relative to the top of the working tree
  std::string content;  // the staged bytes, not the working file's
};

struct StagedDrafts {
  std::vector<StagedDraft> drafts;
  std::vector<std::string> skipped;  // "path: why" for staged drafts that were not checked
};

// The staged added/copied/modified/renamed files that the config's hook.files/hook.exclude
// select (deleted files are never listed; symlinks, submodules and binary files are skipped).
bool collect_staged_drafts(const Repo& repo, const Config& config, StagedDrafts& out, std::string& error,
                           std::size_t max_bytes = 64u << 20);

// The path the config's globs see: relative to the config's folder when the file is inside it.
std::string config_relative(const std::string& top, const std::string& path, const Config& config);

}  // namespace grabli::git
