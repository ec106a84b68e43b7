#pragma once
#include <bitset>
#include <optional>
#include <string>
#include <string_view>

namespace grabli {

using ByteSet = std::bitset<256>;

// The ASCII bytes a text must hold at least one of for `re` to match, when the regex makes that
// plain: a mandatory `\*`, `#`, `%`, `\d` or `[0-9]` in every alternative. The pattern bank's
// literal prefilter ignores atoms of one byte, so masked swear words («х*й», `f\*+`) and house
// numbers would otherwise be run on nearly every post; one pass that notes which bytes a post
// holds turns most of them away. nullopt when nothing is required (or the regex is not understood).
std::optional<ByteSet> required_bytes(std::string_view re);

// A string every match of `re` contains, when the regex makes that plain: the longest run of
// literal characters at its top level, outside groups and classes, that no quantifier makes
// optional or repeats within. The pattern bank's literal prefilter ignores atoms shorter than
// three bytes, so a pattern such as the whole word `(?:^|[^\pL])ad(?:[^\pL]|$)` would otherwise
// run on every post; a search for "ad" turns most away. Empty when there is none, when the
// regex has an alternation at its top level, folds case (`(?i`) or is not understood.
std::string required_literal(std::string_view re);

// How often a post holds one of `bytes`, as a rough weight: the punctuation of nearly every post
// (`.`, `-`, `,`, a newline, quotes, `:`) weighs kCommonByte each, a digit 30 (a digit of some
// kind is in about one post in six), anything else 1 (`*`, `%`, `#`, `@`: under one post in fifty
// each). Measured on the benchmark corpus and the labelled posts. A byte past ASCII weighs as the
// Cyrillic letters it also ends: kCommonByte for а–я, 30 for capitals and rarer letters.
constexpr int kCommonByte = 1000;
int byte_weight(const ByteSet& bytes);
// True when a text missing all of `bytes` is rare: a gate on them turns few posts away.
inline bool common_bytes(const ByteSet& bytes) { return byte_weight(bytes) >= kCommonByte; }

// The bytes present in a text.
ByteSet bytes_of(std::string_view text);

}  // namespace grabli
