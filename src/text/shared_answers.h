#pragma once
#include <array>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "text/keys.h"

class Hunspell;

namespace grabli {

// Hunspell's answers (stems of a form, whether a form is spelled right), shared by the workers
// of one audit. Each worker keeps its own Hunspell objects and form cache, so without this every
// worker asked Hunspell about every distinct word of the corpus: at --jobs 2 that doubled the
// costliest part of a fresh word. Thread-safe: sharded by hash, one mutex per shard; a lookup
// happens once per new form per worker, against tens of microseconds for Hunspell itself.
// Only checkers of one policy (one vocabulary added to Hunspell) may share one.
//
// Where the build-time form tables answer most forms, Hunspell is asked only for the rest (a few
// thousand calls in 20 000 posts), and one Hunspell per script serves all the workers under a
// lock: each worker loading its own cost 150–200 ms of CPU and ~25 MiB for ru_RU.
class SharedAnswers {
 public:
  SharedAnswers();
  ~SharedAnswers();
  SharedAnswers(const SharedAnswers&) = delete;
  SharedAnswers& operator=(const SharedAnswers&) = delete;

  // The workers' one Hunspell for a script: loaded by the first that needs it (`tried`), asked
  // only with `m` held.
  struct Dictionary {
    std::mutex m;
    bool tried = false;
    std::unique_ptr<Hunspell> hunspell;
  };
  Dictionary& dictionary(bool cyrillic) { return cyrillic ? ru_ : en_; }
  // The process ends with _Exit (cli/main.cpp): freeing a loaded Hunspell takes about as long as
  // loading it, so an audit leaves them to the operating system.
  void leave_dictionaries();

  // Per kind; past that, answers are not kept (~100 bytes an entry: ~10 MiB at --jobs 2).
  static constexpr std::size_t kMaxEntries = 100000;

  std::optional<std::vector<std::string>> stems(std::uint8_t script, std::string_view form) const;
  void put_stems(std::uint8_t script, std::string_view form, const std::vector<std::string>& stems);
  std::optional<bool> spelled(std::uint8_t script, std::string_view form) const;
  void put_spelled(std::uint8_t script, std::string_view form, bool ok);

 private:
  static constexpr std::size_t kShards = 16;
  template <class V>
  struct Shard {
    mutable std::mutex m;
    std::unordered_map<std::string, V, StringHash, std::equal_to<>> map;
  };
  template <class V>
  using Table = std::array<Shard<V>, kShards>;
  static std::string key(std::uint8_t script, std::string_view form);
  template <class V>
  static std::optional<V> get(const Table<V>& t, const std::string& k);
  template <class V>
  static void put(Table<V>& t, std::string k, V v);
  Table<std::vector<std::string>> stems_;
  Table<bool> spelled_;
  Dictionary ru_, en_;
};

}  // namespace grabli
