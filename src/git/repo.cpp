#include "git/repo.h"

#include <filesystem>

namespace grabli::git {
namespace fs = std::filesystem;
namespace {

std::string first_line(const std::string& s) {
  auto e = s.find('\n');
  return s.substr(0, e);
}

std::string failure(const ProcessResult& r, const std::string& what) {
  if (!r.start_error.empty()) return what + ": " + r.start_error + " (is git installed?)";
  const auto msg = first_line(r.err);
  return what + " failed" + (msg.empty() ? " (exit " + std::to_string(r.status) + ")" : ": " + msg);
}

}  // namespace

ProcessResult Repo::git(std::vector<std::string> args) const {
  args.insert(args.begin(), "git");
  return run_process(args, top_);
}

std::optional<Repo> Repo::open(const std::string& dir, std::string& error) {
  const auto r = run_process({"git", "rev-parse", "--show-toplevel"}, dir);
  if (!r.ok()) {
    error = r.start_error.empty() ? "not inside a Git working tree (" + first_line(r.err) + ")"
                                  : "cannot run git: " + r.start_error;
    return std::nullopt;
  }
  Repo repo;
  repo.top_ = first_line(r.out);
  if (repo.top_.empty()) {
    error = "not inside a Git working tree (a bare repository has no drafts to check)";
    return std::nullopt;
  }
  return repo;
}

bool Repo::hooks_dir(std::string& dir, std::string& error) const {
  // --git-path honours core.hooksPath and linked worktrees
  const auto r = git({"rev-parse", "--git-path", "hooks"});
  if (!r.ok()) {
    error = failure(r, "git rev-parse --git-path hooks");
    return false;
  }
  fs::path p = first_line(r.out);
  if (p.is_relative()) p = fs::path(top_) / p;
  dir = p.lexically_normal().string();
  if (dir.size() > 1 && dir.back() == '/') dir.pop_back();
  return true;
}

bool parse_raw_diff(const std::string& raw, std::vector<StagedFile>& out, std::string& error) {
  // each entry: ":old_mode new_mode old_id new_id STATUS\0path\0" (renames and copies: two paths)
  std::size_t i = 0;
  while (i < raw.size()) {
    const auto meta_end = raw.find('\0', i);
    if (raw[i] != ':' || meta_end == std::string::npos) {
      error = "unexpected output from git diff --raw";
      return false;
    }
    const std::string meta = raw.substr(i + 1, meta_end - i - 1);
    i = meta_end + 1;
    std::vector<std::string> f;
    for (std::size_t a = 0; a <= meta.size();) {
      auto b = meta.find(' ', a);
      if (b == std::string::npos) b = meta.size();
      f.push_back(meta.substr(a, b - a));
      a = b + 1;
    }
    if (f.size() != 5 || f[4].empty()) {
      error = "unexpected output from git diff --raw: '" + meta + "'";
      return false;
    }
    const char status = f[4][0];
    const int paths = status == 'R' || status == 'C' ? 2 : 1;
    std::string path;
    for (int k = 0; k < paths; ++k) {
      const auto e = raw.find('\0', i);
      if (e == std::string::npos) {
        error = "truncated output from git diff --raw";
        return false;
      }
      path = raw.substr(i, e - i);  // the last one is the new name
      i = e + 1;
    }
    if (status == 'D') continue;
    out.push_back({path, f[1], f[3]});
  }
  return true;
}

bool Repo::staged_files(std::vector<StagedFile>& out, std::string& error) const {
  const auto r = git({"diff", "--cached", "--raw", "-z", "--no-abbrev", "--no-ext-diff", "--diff-filter=ACMR"});
  if (!r.ok()) {
    error = failure(r, "git diff --cached");
    return false;
  }
  return parse_raw_diff(r.out, out, error);
}

bool Repo::read_blob(const std::string& blob, std::string& content, std::string& error) const {
  auto r = git({"cat-file", "blob", blob});
  if (!r.ok()) {
    error = failure(r, "git cat-file blob " + blob);
    return false;
  }
  content = std::move(r.out);
  return true;
}

}  // namespace grabli::git
