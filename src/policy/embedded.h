#pragma once
#include <string_view>
#include <vector>

namespace grabli {

// A file from rules/ or dictionaries/ compiled into the binary.
struct EmbeddedFile {
  std::string_view path;  // relative to the source tree, e.g. "rules/ru/profanity.yaml"
  std::string_view content;
};

const std::vector<EmbeddedFile>& embedded_files();

}  // namespace grabli
