#pragma once
#include <optional>
#include <string>
#include <vector>

#include "git/process.h"

namespace grabli::git {

// A file as it is in the index (what the next commit will contain).
struct StagedFile {
  std::string path;  // relative to the top of the working tree, '/'-separated, raw bytes
  std::string mode;  // 100644, 100755, 120000 (symlink), 160000 (submodule)
  std::string blob;  // object id of the staged content
  bool regular() const { return mode == "100644" || mode == "100755"; }
};

// A Git working tree, driven through the `git` command (the user's own git and config).
class Repo {
 public:
  // The repository that contains `dir`; nullopt with a message when there is none.
  static std::optional<Repo> open(const std::string& dir, std::string& error);

  const std::string& top() const { return top_; }  // absolute path of the working tree
  // Where Git looks for hooks: core.hooksPath if set, else $GIT_DIR/hooks (absolute).
  bool hooks_dir(std::string& dir, std::string& error) const;
  // Added, copied, modified and renamed files in the index (deleted ones are not listed).
  bool staged_files(std::vector<StagedFile>& out, std::string& error) const;
  // The content of a blob, byte for byte.
  bool read_blob(const std::string& blob, std::string& content, std::string& error) const;

  ProcessResult git(std::vector<std::string> args) const;

 private:
  std::string top_;
};

// Splits `git diff --raw -z` output into staged files (exposed for tests).
bool parse_raw_diff(const std::string& raw, std::vector<StagedFile>& out, std::string& error);

}  // namespace grabli::git
