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
// build-time table) and policy (`policy_key`: its files), holding only the words that policy
// asked for last: a run of a big lexicon once must not slow every later start of another policy,
// which reads its whole file as soon as one word misses the table. A file that does not read
// back cleanly is ignored and written anew.
class StemCache {
 public:
  // The cache in `dir` (see default_dir) for these dictionaries and this policy; loaded on first
  // use.
  StemCache(std::filesystem::path dir, const DictionaryPaths& paths, std::string_view policy_key = {});
  // A policy's key: the paths of its sources (made absolute; the shipped packs' names as they
  // are), sorted — the same pack files give the same key wherever grabli runs from.
  static std::string policy_key(const std::vector<std::string>& source_paths);
  // $GRABLI_CACHE_DIR, else $XDG_CACHE_HOME/grabli, else $HOME/.cache/grabli; nullopt when
  // none is set or GRABLI_CACHE_DIR is empty or "off".
  static std::optional<std::filesystem::path> default_dir();

  const std::vector<std::string>* find(std::string_view word);
  void add(std::string word, std::vector<std::string> stems);
  // Writes the file when entries were added or some read were not asked for (the policy lost
  // those words): only the words found or added since loading, to a temporary file renamed over
  // the old one, so a concurrent reader sees the old cache or the new one. Failures are silent:
  // the cache only saves time.
  void save();
  const std::filesystem::path& file() const { return file_; }

  static constexpr std::size_t kMaxEntries = 1'000'000;
  static constexpr std::uintmax_t kMaxFileBytes = 64u << 20;

 private:
  void load();
  std::filesystem::path file_;
  std::string header_;
  bool loaded_ = false, dirty_ = false;
  struct Entry {
    std::vector<std::string> stems;
    bool used = false;  // asked for (or added) in this run
  };
  std::unordered_map<std::string, Entry, StringHash, std::equal_to<>> stems_;
};

}  // namespace grabli
