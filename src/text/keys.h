#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace grabli {

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

// The words rules care about: lemmas, exact forms and prefixes, interned to small integers.
// Filled while a policy compiles, then frozen and shared read-only by every worker thread:
// a word no rule mentions never gets a key, so per-token lookups stay cheap.
class KeyTable {
 public:
  // Lemmas and plain forms share one namespace; exact (quoted) forms have their own, so that
  // a quoted «"вы"» does not match «вас» through the lemma «вы».
  std::uint32_t intern(std::string_view word);
  std::uint32_t intern_exact(std::string_view form);
  std::uint32_t intern_prefix(std::string_view prefix);
  std::optional<std::uint32_t> find(std::string_view word) const;
  std::optional<std::uint32_t> find_exact(std::string_view form) const;
  void add_prefix(std::string_view prefix, std::uint32_t key);
  // Calls f(key) for every prefix key that `word` starts with.
  template <class F>
  void for_each_prefix(std::string_view word, F&& f) const {
    if (prefixes_.empty() || word.size() < 2) return;
    auto it = prefixes_.find(word.substr(0, 2));
    if (it == prefixes_.end()) return;
    for (const auto& [prefix, key] : it->second)
      if (word.starts_with(prefix)) f(key);
  }
  std::string_view name(std::uint32_t key) const { return names_[key]; }
  // Calls f(word) for every lemma or plain form (not exact forms, not prefixes).
  template <class F>
  void for_each_word(F&& f) const {
    for (const auto& [word, key] : ids_) f(std::string_view(word));
  }
  std::size_t size() const { return names_.size(); }

 private:
  std::uint32_t add_name(std::string name);
  std::unordered_map<std::string, std::uint32_t, StringHash, std::equal_to<>> ids_, exact_ids_;
  std::vector<std::string> names_;
  // Bucketed by the first two bytes so that a token checks only a handful of prefixes.
  std::unordered_map<std::string, std::vector<std::pair<std::string, std::uint32_t>>, StringHash,
                     std::equal_to<>>
      prefixes_;
};

}  // namespace grabli
