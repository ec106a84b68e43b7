#pragma once
#include <bitset>
#include <optional>
#include <string_view>

namespace grabli {

using ByteSet = std::bitset<256>;

// The ASCII bytes a text must hold at least one of for `re` to match, when the regex makes that
// plain: a mandatory `\*`, `#`, `%`, `\d` or `[0-9]` in every alternative. The pattern bank's
// literal prefilter ignores atoms of one byte, so masked swear words («х*й», `f\*+`) and house
// numbers would otherwise be run on nearly every post; one pass that notes which bytes a post
// holds turns most of them away. nullopt when nothing is required (or the regex is not understood).
std::optional<ByteSet> required_bytes(std::string_view re);

// The bytes present in a text.
ByteSet bytes_of(std::string_view text);

}  // namespace grabli
