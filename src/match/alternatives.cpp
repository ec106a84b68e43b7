#include "match/alternatives.h"

#include <algorithm>
#include <cctype>

namespace grabli {

namespace {

// A recursive-descent reading of RE2 syntax that copies each item's text and multiplies out the
// alternatives of the groups it may open; anything it does not follow makes `ok` false.
class Expander {
 public:
  Expander(std::string_view re, std::size_t limit) : re_(re), limit_(limit) {}
  bool ok = true;

  // alternation := sequence ('|' sequence)*
  std::vector<std::string> alternation() {
    std::vector<std::string> out = sequence();
    while (ok && more() && re_[i_] == '|') {
      ++i_;
      for (auto& s : sequence()) out.push_back(std::move(s));
      if (out.size() > limit_) return fail();
    }
    return out;
  }
  bool at_end() const { return i_ >= re_.size(); }

 private:
  bool more() const { return i_ < re_.size(); }

  // sequence := item* — every choice of each item's alternatives, in order
  std::vector<std::string> sequence() {
    std::vector<std::string> acc{std::string()};
    while (ok && more() && re_[i_] != '|' && re_[i_] != ')') {
      const std::vector<std::string> choices = item();
      if (!ok) return {};
      if (acc.size() * choices.size() > limit_) return fail();
      std::vector<std::string> next;
      next.reserve(acc.size() * choices.size());
      for (const auto& a : acc)
        for (const auto& c : choices) next.push_back(a + c);
      acc = std::move(next);
    }
    return acc;
  }

  enum class Repeat { once, optional, other };
  // Reads a quantifier if there is one (with its lazy '?').
  Repeat quantifier() {
    if (!more()) return Repeat::once;
    Repeat r = Repeat::once;
    const char c = re_[i_];
    if (c == '?') {
      r = Repeat::optional, ++i_;
    } else if (c == '*' || c == '+') {
      r = Repeat::other, ++i_;
    } else if (c == '{') {
      const auto close = re_.find('}', i_);
      if (close == std::string_view::npos) return Repeat::once;  // a literal '{' in RE2
      const std::string_view body = re_.substr(i_ + 1, close - i_ - 1);
      if (body.empty() || body.find_first_not_of("0123456789,") != std::string_view::npos) return Repeat::once;
      r = Repeat::other;
      i_ = close + 1;
    } else {
      return Repeat::once;
    }
    if (more() && re_[i_] == '?') ++i_;  // lazy: the same texts match somewhere
    return r;
  }

  std::vector<std::string> item() {
    const std::size_t start = i_;
    const char c = re_[i_];
    if (c == '(') {
      ++i_;
      bool spell_out = true;
      if (more() && re_[i_] == '?') {
        if (re_.substr(i_).starts_with("?:")) {
          i_ += 2;
        } else if (re_.substr(i_).starts_with("?P<")) {
          const auto close = re_.find('>', i_);
          if (close == std::string_view::npos) return fail();
          i_ = close + 1;
        } else {
          // (?i:…) keeps its flags inside; a bare (?i) would change the rest of the regex
          const auto colon_or_close = re_.find_first_of(":)", i_);
          if (colon_or_close == std::string_view::npos || re_[colon_or_close] == ')') return fail();
          i_ = colon_or_close + 1;
          spell_out = false;
        }
      }
      std::vector<std::string> inner = alternation();
      if (!ok || !more() || re_[i_] != ')') return fail();
      ++i_;
      const Repeat r = quantifier();
      if (!spell_out || r == Repeat::other || !all_led_by_literals(inner))
        return {std::string(re_.substr(start, i_ - start))};
      if (r == Repeat::optional) inner.emplace_back();  // (?:a|b)? is (?:a|b|)
      return inner;
    }
    if (c == ')') return fail();
    if (c == '[') {
      if (!skip_class()) return fail();
    } else if (c == '\\') {
      if (!skip_escape()) return fail();
    } else {
      ++i_;
      while (more() && (static_cast<unsigned char>(re_[i_]) & 0xC0) == 0x80) ++i_;  // a UTF-8 letter
    }
    quantifier();
    return {std::string(re_.substr(start, i_ - start))};
  }

  // A group is spelled out only when each alternative starts with a literal character: then
  // each piece has text of its own to be found by. `(?:^|[^\pL])` or `(?:[A-Z][a-z]+|Corp)`
  // would multiply the pieces without an atom, and a piece whose atoms are common (`at `,
  // `inc`) runs on its own on most posts.
  // A class of a few characters named one by one (`[её]`, `[*а]`) counts as literal: RE2's
  // prefilter makes an atom of each.
  static bool all_led_by_literals(const std::vector<std::string>& alts) {
    for (const auto& a : alts) {
      if (a.empty()) continue;
      const auto c = static_cast<unsigned char>(a[0]);
      if (c == '[' && small_literal_class(a)) continue;
      if (c == '[' || c == '(' || c == '^' || c == '$' || c == '.') return false;
      if (c == '\\' && (a.size() < 2 || std::isalnum(static_cast<unsigned char>(a[1])))) return false;  // \pL, \d, \b…
    }
    return true;
  }

  static bool small_literal_class(std::string_view a) {
    const auto close = a.find(']', 1);
    if (close == std::string_view::npos || close < 2) return false;
    const std::string_view members = a.substr(1, close - 1);
    if (members.find_first_of("^-\\[") != std::string_view::npos) return false;
    std::size_t characters = 0;
    for (unsigned char m : members) characters += (m & 0xC0) != 0x80;
    return characters <= 4;
  }

  bool skip_escape() {
    if (i_ + 1 >= re_.size()) return false;
    const char e = re_[i_ + 1];
    i_ += 2;
    if (e == 'Q' || e == 'C') return false;  // quoting and any-byte: not followed
    if ((e == 'x' || e == 'p' || e == 'P') && more() && re_[i_] == '{') {
      const auto close = re_.find('}', i_);
      if (close == std::string_view::npos) return false;
      i_ = close + 1;
      return true;
    }
    if (e == 'x') {  // \x41: two hex digits
      i_ = std::min(i_ + 2, re_.size());
      return true;
    }
    if (e == 'p' || e == 'P') {  // \pL: a one-letter class name
      if (!more()) return false;
      ++i_;
      return true;
    }
    while (more() && (static_cast<unsigned char>(re_[i_]) & 0xC0) == 0x80) ++i_;  // an escaped UTF-8 letter
    return true;
  }

  // [...] with escapes, [:alpha:] and a ']' first, which is literal
  bool skip_class() {
    ++i_;
    if (more() && re_[i_] == '^') ++i_;
    bool first = true;
    while (more() && (re_[i_] != ']' || first)) {
      first = false;
      if (re_[i_] == '\\') {
        if (!skip_escape()) return false;
      } else if (re_[i_] == '[' && i_ + 1 < re_.size() && re_[i_ + 1] == ':') {
        const auto close = re_.find(":]", i_ + 2);
        if (close == std::string_view::npos) return false;
        i_ = close + 2;
      } else {
        ++i_;
      }
    }
    if (!more()) return false;
    ++i_;  // ']'
    return true;
  }

  std::vector<std::string> fail() {
    ok = false;
    return {};
  }

  std::string_view re_;
  std::size_t limit_;
  std::size_t i_ = 0;
};

}  // namespace

std::optional<std::vector<std::string>> alternatives(std::string_view re, std::size_t limit) {
  Expander e(re, limit);
  auto out = e.alternation();
  if (!e.ok || !e.at_end() || out.size() < 2) return std::nullopt;
  return out;
}

}  // namespace grabli
