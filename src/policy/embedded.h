#pragma once
#include <cstdint>
#include <span>
#include <string>
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
  // Byte ranges [begin, end) of the rules' `examples:` blocks, which only `rules` reads: a
  // check parses the file without them (a third of the shipped YAML). The build checked that
  // the file without them is the same policy less its examples; empty when it was not.
  std::span<const std::uint32_t> examples;
};
std::span<const EmbeddedPackInfo> embedded_pack_index();

// The text without the bytes of `ranges` (begin, end pairs, ascending) but with their line
// breaks, so that every line keeps its number.
inline std::string without_ranges(std::string_view text, std::span<const std::uint32_t> ranges) {
  std::string out;
  out.reserve(text.size());
  std::size_t at = 0;
  for (std::size_t i = 0; i + 1 < ranges.size(); i += 2) {
    const std::size_t b = ranges[i] < text.size() ? ranges[i] : text.size();
    const std::size_t e = ranges[i + 1] < text.size() ? ranges[i + 1] : text.size();
    if (b < at || e < b) break;  // not ascending: keep the rest as it is
    out.append(text.substr(at, b - at));
    for (std::size_t k = b; k < e; ++k)
      if (text[k] == '\n') out += '\n';
    at = e;
  }
  out.append(text.substr(at));
  return out;
}

}  // namespace grabli
