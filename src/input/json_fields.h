#pragma once
#include <string>

#include <nlohmann/json.hpp>

namespace grabli::json_fields {

// A scalar field as text: strings as they are, numbers in decimal, anything else empty.
inline std::string text(const nlohmann::json& j) {
  if (j.is_string()) return j.get<std::string>();
  // unsigned first: is_number_integer() is true for both, and 2^64-1 read as long long is -1
  if (j.is_number_unsigned()) return std::to_string(j.get<unsigned long long>());
  if (j.is_number_integer()) return std::to_string(j.get<long long>());
  if (j.is_number_float()) return j.dump();
  return {};
}

inline std::string field(const nlohmann::json& obj, const char* key) {
  if (!obj.is_object()) return {};
  auto it = obj.find(key);
  return it == obj.end() ? std::string() : text(*it);
}

}  // namespace grabli::json_fields
