#include "text/keys.h"

namespace grabli {

std::uint32_t KeyTable::add_name(std::string name) {
  names_.push_back(std::move(name));
  return static_cast<std::uint32_t>(names_.size() - 1);
}

std::uint32_t KeyTable::intern(std::string_view word) {
  if (auto it = ids_.find(word); it != ids_.end()) return it->second;
  const auto id = add_name(std::string(word));
  ids_.emplace(std::string(word), id);
  return id;
}

std::uint32_t KeyTable::intern_exact(std::string_view form) {
  if (auto it = exact_ids_.find(form); it != exact_ids_.end()) return it->second;
  const auto id = add_name("\"" + std::string(form) + "\"");
  exact_ids_.emplace(std::string(form), id);
  return id;
}

std::uint32_t KeyTable::intern_prefix(std::string_view prefix) {
  const std::string name = std::string(prefix) + "*";
  for (const auto& [p, key] : prefixes_[std::string(prefix.substr(0, 2))])
    if (p == prefix) return key;
  const auto id = add_name(name);
  add_prefix(prefix, id);
  return id;
}

std::optional<std::uint32_t> KeyTable::find_exact(std::string_view form) const {
  if (auto it = exact_ids_.find(form); it != exact_ids_.end()) return it->second;
  return std::nullopt;
}

std::optional<std::uint32_t> KeyTable::find(std::string_view word) const {
  if (auto it = ids_.find(word); it != ids_.end()) return it->second;
  return std::nullopt;
}

void KeyTable::add_prefix(std::string_view prefix, std::uint32_t key) {
  prefixes_[std::string(prefix.substr(0, 2))].emplace_back(std::string(prefix), key);
}

}  // namespace grabli
