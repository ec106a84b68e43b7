#pragma once
#include <cstdint>
#include <string>

namespace grabli {

// A policy error with its place; collected by the loader and printed as
// file:line:column.
struct PolicyError {
  std::string file;
  std::uint32_t line = 0, column = 0;  // 1-based, 0 = unknown
  std::string rule;                    // full rule id when known
  std::string message;
  std::string to_string() const;
};

}  // namespace grabli
