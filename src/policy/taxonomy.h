#pragma once
#include <span>
#include <string>
#include <string_view>

namespace grabli::taxonomy {

std::span<const std::string_view> categories();
std::span<const std::string_view> roles();
std::span<const std::string_view> channels();
std::span<const std::string_view> languages();

bool known(std::span<const std::string_view> set, std::string_view v);
// Closest member by edit distance, for "did you mean"; empty when nothing is close.
std::string_view closest(std::span<const std::string_view> set, std::string_view v);
std::string join(std::span<const std::string_view> set);
// Channel aliases users write (x → twitter, вк → vk).
std::string_view canonical_channel(std::string_view c);
// A role as exports and teams write it (marketing, PR, CEO, customer service; any case) → one of
// roles(); anything else unchanged.
std::string canonical_role(std::string_view r);

}  // namespace grabli::taxonomy
