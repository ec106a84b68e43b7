#pragma once
#include <string>
#include <vector>

namespace grabli::git {

// The outcome of a child process run to completion.
struct ProcessResult {
  int status = -1;           // exit code; -1 when it could not be started or was killed
  std::string out, err;      // everything it wrote (binary-safe)
  std::string start_error;   // why it could not be started, if so
  bool ok() const { return status == 0; }
};

// Runs argv[0] (looked up on PATH) with the arguments as given — no shell, so spaces and any
// bytes in paths are safe — in `cwd` (empty: the current directory), with stdin closed.
ProcessResult run_process(const std::vector<std::string>& argv, const std::string& cwd = {});

}  // namespace grabli::git
