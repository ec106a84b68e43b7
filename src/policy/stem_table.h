#pragma once
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "text/lemmatizer.h"

namespace grabli {

// Hunspell stems of every word in the shipped packs, computed at build time, so that compiling
// the embedded policy does not have to load the dictionaries (≈85 ms for ru_RU alone). Valid only
// while the installed dictionaries are the ones it was made from (same file sizes).
struct StemTableEntry {
  std::string_view word;
  std::string_view stems;  // '|'-separated normalised stems; empty = Hunspell knows none
};
// A constexpr array: a std::vector initialiser of thousands of entries takes GCC minutes.
std::span<const StemTableEntry> embedded_stem_table();
StemTableInfo embedded_stem_table_info();

// Looks a normalised word up; nullopt when the word is not in the table or the table does not
// belong to `paths`.
std::optional<std::vector<std::string>> table_stems(std::string_view word, const DictionaryPaths& paths);

}  // namespace grabli
