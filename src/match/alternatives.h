#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace grabli {

// The alternatives of a regex spelled out as regexes of their own, such that the regex matches
// somewhere in a text exactly when one of them does: `a|b` → a, b; `x(?:a|b)?y` → xay, xby, xy.
// Groups under `*`, `+` or `{…}`, groups with flags (`(?i:…)`), and groups with an alternative
// that does not start with a literal character (`(?:^|[^\pL])`) stay whole.
//
// RE2's prefilter finds no atom for `bl(?:jat\pL*|ya)` — what it makes of `bljat\pL*|blya` —
// because one alternative has a mandatory part and the other only a two-byte string; spelled
// out, each alternative has an atom of its own (match/pattern_bank.cpp). nullopt when the regex
// has one alternative only, more than `limit`, or syntax this reader does not follow (a flag
// group such as `(?i)` that changes the rest of the regex, `\Q…\E`).
std::optional<std::vector<std::string>> alternatives(std::string_view re, std::size_t limit = 64);

}  // namespace grabli
