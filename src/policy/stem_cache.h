#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "text/keys.h"
#include "text/lemmatizer.h"

namespace grabli {

// Hunspell stems of rule words that the build-time table lacks — a team's own packs — kept
// between runs in the user's cache folder. Stemming 60 000 such words is over a second of every
// start (and loads both dictionaries); with the cache a hook with a large lexicon starts as fast
// as one with the shipped packs. One file per set of dictionaries (their sizes, like the
// build-time table); a file that does not read back cleanly is ignored and written anew.
class StemCache {
 public:
  // The cache in `dir` (see default_dir) for these dictionaries; loaded on first use.
  StemCache(std::filesystem::path dir, const DictionaryPaths& paths);
  // $GRABLI_CACHE_DIR, else $XDG_CACHE_HOME/grabli, else $HOME/.cache/grabli; nullopt when
  // none is set or GRABLI_CACHE_DIR is empty or "off".
  static std::optional<std::filesystem::path> default_dir();

  const std::vector<std::string>* find(std::string_view word);
  void add(std::string word, std::vector<std::string> stems);
  // Writes the file when entries were added: to a temporary file, then renamed over the old
  // one, so a concurrent reader sees the old cache or the new one. Failures are silent: the
  // cache only saves time.
  void save();
  const std::filesystem::path& file() const { return file_; }

  static constexpr std::size_t kMaxEntries = 1'000'000;
  static constexpr std::uintmax_t kMaxFileBytes = 64u << 20;

 private:
  void load();
  std::filesystem::path file_;
  std::string header_;
  bool loaded_ = false, dirty_ = false;
  std::unordered_map<std::string, std::vector<std::string>, StringHash, std::equal_to<>> stems_;
};

}  // namespace grabli
