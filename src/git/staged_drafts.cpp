#include "git/staged_drafts.h"

#include <filesystem>

namespace grabli::git {
namespace fs = std::filesystem;

std::string config_relative(const std::string& top, const std::string& path, const Config& config) {
  if (config.dir.empty()) return path;
  const auto rel = (fs::path(top) / path).lexically_normal().lexically_relative(fs::path(config.dir).lexically_normal());
  const auto s = rel.generic_string();
  if (s.empty() || s.starts_with("..")) return path;
  return s;
}

bool collect_staged_drafts(const Repo& repo, const Config& config, StagedDrafts& out, std::string& error,
                           std::size_t max_bytes) {
  std::vector<StagedFile> files;
  if (!repo.staged_files(files, error)) return false;
  for (const auto& f : files) {
    if (!config.is_hook_draft(config_relative(repo.top(), f.path, config))) continue;
    if (!f.regular()) {
      out.skipped.push_back(f.path + ": " + (f.mode == "120000" ? "a symbolic link" : "not a regular file") + "; not checked");
      continue;
    }
    StagedDraft d{f.path, {}};
    if (!repo.read_blob(f.blob, d.content, error)) return false;
    if (d.content.find('\0') != std::string::npos) {
      out.skipped.push_back(f.path + ": binary file (contains NUL bytes); not checked");
      continue;
    }
    if (d.content.size() > max_bytes) {
      out.skipped.push_back(f.path + ": " + std::to_string(d.content.size()) + " bytes, over the limit for a post of " +
                            format_size(max_bytes) + " (max_post_bytes); not checked");
      continue;
    }
    out.drafts.push_back(std::move(d));
  }
  return true;
}

}  // namespace grabli::git
