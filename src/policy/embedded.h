#pragma once
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace grabli {

// A file from rules/ or dictionaries/ compiled into the binary.
struct EmbeddedFile {
  std::string_view path;  // relative to the source tree, e.g. "rules/ru/profanity.yaml"
  std::string_view content;
};

const std::vector<EmbeddedFile>& embedded_files();

// What the build read in each shipped pack file (src/tools/gen_stems.cpp): its pack, its rules'
// full ids and the post languages they apply to. `check` leaves out the packs for languages none
// of its drafts is in. A file the build could not read as a policy has no entry, and is never
// left out.
inline constexpr std::uint8_t kPackRussian = 1, kPackEnglish = 2, kPackAllLanguages = 3;
struct EmbeddedPackInfo {
  std::string_view path;  // as in EmbeddedFile, e.g. "rules/en/profanity.yaml"
  std::string_view pack;
  std::uint8_t languages;   // kPackRussian | kPackEnglish
  std::string_view rule_ids;  // "pack/id\n" for every rule
};
std::span<const EmbeddedPackInfo> embedded_pack_index();

}  // namespace grabli
