#include "match/required_bytes.h"

#include <cctype>
#include <cstdint>
#include <cstring>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "text/utf8.h"

namespace grabli {

namespace {

ByteSet digits() {
  ByteSet b;
  for (char c = '0'; c <= '9'; ++c) b.set(static_cast<unsigned char>(c));
  return b;
}

// Characters an RE2 escape (`\*`, `\.`, `\ `) makes literal.
bool escaped_literal(char e) {
  return e != '\0' && std::string_view("*#%@&~!\"'`,;:/<>=-+.?()[]{}|^$\\ ").find(e) != std::string_view::npos;
}

// Non-ASCII punctuation a pattern may need: «» and „“ quotes, dashes, №. No case folds them, so
// a text that matches holds the character's own bytes, and its last byte is required (« is
// C2 AB: no lower-case Cyrillic or Latin letter of a normalised text ends in AB). Letters and
// everything else stay unfollowed.
bool folds_to_nothing(char32_t c) {
  return (c >= 0xA1 && c <= 0xBF && c != 0xAA && c != 0xB5 && c != 0xBA) || (c >= 0x2010 && c <= 0x205E) ||
         c == 0x2116;
}
// The last byte of the UTF-8 character at re[i] when it is such punctuation; `i` moves past it.
std::optional<unsigned char> punctuation_byte(std::string_view re, std::size_t& i) {
  const auto d = utf8::decode(re, i);
  i += d.len;
  if (!d.valid || !folds_to_nothing(d.cp)) return std::nullopt;
  return static_cast<unsigned char>(re[i - 1]);
}

// A recursive-descent reading of just enough RE2 syntax to find mandatory single bytes.
// Anything it does not follow makes `ok` false, and then nothing is required.
class Reader {
 public:
  explicit Reader(std::string_view re) : re_(re) {}
  bool ok = true;

  // alternation := sequence ('|' sequence)*  — requires the union of what each alternative requires
  std::optional<ByteSet> alternation() {
    std::optional<ByteSet> all = sequence();
    bool any_free = !all;
    ByteSet acc = all.value_or(ByteSet{});
    while (ok && i_ < re_.size() && re_[i_] == '|') {
      ++i_;
      auto r = sequence();
      if (!r) any_free = true;
      else acc |= *r;
    }
    if (any_free) return std::nullopt;
    return acc;
  }

  bool at_end() const { return i_ >= re_.size(); }

 private:
  // sequence := (item quantifier?)*  — requires what its most selective mandatory item requires:
  // the rarest, not the smallest («-\d+%» needs '%', which one post in 350 holds, not '-')
  std::optional<ByteSet> sequence() {
    std::optional<ByteSet> best;
    int best_weight = 0;
    while (ok && i_ < re_.size() && re_[i_] != '|' && re_[i_] != ')') {
      auto r = item();
      if (!ok) return std::nullopt;
      const bool mandatory = quantifier();
      if (!mandatory || !r) continue;
      const int w = byte_weight(*r);
      if (!best || w < best_weight || (w == best_weight && r->count() < best->count())) best = r, best_weight = w;
    }
    return best;
  }

  // Reads a quantifier if there is one; true when the item must occur at least once.
  bool quantifier() {
    if (i_ >= re_.size()) return true;
    bool mandatory = true;
    const char c = re_[i_];
    if (c == '*' || c == '?') {
      mandatory = false;
      ++i_;
    } else if (c == '+') {
      ++i_;
    } else if (c == '{') {
      const auto close = re_.find('}', i_);
      if (close == std::string_view::npos) return true;  // a literal '{' in RE2
      const std::string_view body = re_.substr(i_ + 1, close - i_ - 1);
      if (body.empty() || body.find_first_not_of("0123456789,") != std::string_view::npos) return true;
      mandatory = !(body[0] == '0' && (body.size() == 1 || body[1] == ','));
      i_ = close + 1;
    } else {
      return true;
    }
    if (i_ < re_.size() && re_[i_] == '?') ++i_;  // non-greedy
    return mandatory;
  }

  std::optional<ByteSet> item() {
    const char c = re_[i_];
    if (c == '(') {
      ++i_;
      if (i_ < re_.size() && re_[i_] == '?') {
        // (?:…), (?i:…), (?P<name>…); a bare flag group (?i) matches nothing
        const auto colon_or_close = re_.find_first_of(":)>", i_);
        if (colon_or_close == std::string_view::npos) return fail();
        if (re_[colon_or_close] == ')') {
          i_ = colon_or_close + 1;
          return std::nullopt;
        }
        i_ = colon_or_close + 1;
      }
      auto r = alternation();
      if (i_ >= re_.size() || re_[i_] != ')') return fail();
      ++i_;
      return r;
    }
    if (c == '[') return klass();
    if (c == '\\') {
      if (i_ + 1 >= re_.size()) return fail();
      const char e = re_[i_ + 1];
      i_ += 2;
      if (e == 'd') return digits();
      if (e == 'p' || e == 'P') {  // \pL, \p{Cyrillic}
        if (i_ < re_.size() && re_[i_] == '{') {
          const auto close = re_.find('}', i_);
          if (close == std::string_view::npos) return fail();
          i_ = close + 1;
        } else {
          ++i_;
        }
        return std::nullopt;
      }
      if (e == 'x' || e == 'Q' || e == 'C') return fail();  // hex escapes, quoting: not followed
      if (escaped_literal(e)) return single(e);
      return std::nullopt;  // \s \w \b \A \z …: no single byte
    }
    if (static_cast<unsigned char>(c) >= 0x80) {  // a non-ASCII literal: punctuation, or nothing known
      const auto b = punctuation_byte(re_, i_);
      return b ? single(static_cast<char>(*b)) : std::nullopt;
    }
    ++i_;
    if (c == '.' || c == '^' || c == '$') return std::nullopt;
    if (std::strchr("#%@&~!\"'`,;:/<>=-_0123456789", c)) return single(c);
    return std::nullopt;  // letters: the literal prefilter's business (and case may fold)
  }

  // [0-9], [*], [#№]: only classes of ASCII digits and punctuation are followed.
  std::optional<ByteSet> klass() {
    const auto start = i_;
    ++i_;
    bool negated = false;
    if (i_ < re_.size() && re_[i_] == '^') negated = true, ++i_;
    ByteSet set;
    bool plain = !negated;
    bool first = true;
    while (i_ < re_.size() && (re_[i_] != ']' || first)) {
      first = false;
      unsigned char a = static_cast<unsigned char>(re_[i_]);
      if (a == '\\') {
        if (i_ + 1 >= re_.size()) return fail();
        const char e = re_[i_ + 1];
        i_ += 2;
        if (e == 'd') set |= digits();
        else if (escaped_literal(e)) set.set(static_cast<unsigned char>(e));
        else plain = false;
        continue;
      }
      if (a == '[' && i_ + 1 < re_.size() && re_[i_ + 1] == ':') {  // [:alpha:]
        const auto close = re_.find(":]", i_ + 2);
        if (close == std::string_view::npos) return fail();
        i_ = close + 2;
        plain = false;
        continue;
      }
      if (a >= 0x80) {
        // a non-ASCII member: punctuation adds its last byte; a letter or a range is not followed
        std::size_t j = i_;
        const auto b = punctuation_byte(re_, j);
        const bool range = j + 1 < re_.size() && re_[j] == '-' && re_[j + 1] != ']';
        i_ = j;
        if (b && !range) {
          set.set(*b);
          continue;
        }
        plain = false;
        if (range) {
          ++i_;
          i_ += utf8::decode(re_, i_).len;
        }
        continue;
      }
      ++i_;
      if (std::isalpha(a) || std::isspace(a)) plain = false;  // letters may fold; spaces vary
      if (i_ + 1 < re_.size() && re_[i_] == '-' && re_[i_ + 1] != ']') {
        const unsigned char b = static_cast<unsigned char>(re_[i_ + 1]);
        i_ += 2;
        if (b >= 0x80 || b < a) {
          plain = false;
          while (i_ < re_.size() && (static_cast<unsigned char>(re_[i_]) & 0xC0) == 0x80) ++i_;
          continue;
        }
        for (unsigned x = a; x <= b; ++x) {
          if (std::isalpha(static_cast<int>(x))) plain = false;
          set.set(x);
        }
        continue;
      }
      if (a < 0x80) set.set(a);
    }
    if (i_ >= re_.size()) return fail();
    ++i_;  // ']'
    (void)start;
    if (!plain || set.none()) return std::nullopt;
    return set;
  }

  static std::optional<ByteSet> single(char c) {
    ByteSet b;
    b.set(static_cast<unsigned char>(c));
    return b;
  }
  std::optional<ByteSet> fail() {
    ok = false;
    return std::nullopt;
  }

  std::string_view re_;
  std::size_t i_ = 0;
};

}  // namespace

int byte_weight(const ByteSet& bytes) {
  int w = 0;
  for (std::size_t b = 0; b < bytes.size(); ++b) {
    if (!bytes[b]) continue;
    // a byte past ASCII is the last of a Cyrillic letter too: 80–8F and B0–BF end а–я, the
    // letters of every Russian post; 90–AF end А–Я and rarer letters (and «, №)
    const bool lower_cyrillic = (b >= 0x80 && b <= 0x8F) || (b >= 0xB0 && b <= 0xBF) || b >= 0xC0;
    if (lower_cyrillic || (b != 0 && b < 0x80 && std::strchr(".-,\n\t '\":", static_cast<int>(b)))) w += kCommonByte;
    else if (b >= 0x80) w += 30;
    else if (b >= '0' && b <= '9') w += 30;
    else w += 1;
  }
  return w;
}

std::optional<ByteSet> required_bytes(std::string_view re) {
  Reader r(re);
  auto out = r.alternation();
  if (!r.ok || !r.at_end()) return std::nullopt;
  return out;
}

std::string required_literal(std::string_view re) {
  // a flag group may fold case; only (?: and (?P< are plain (an escaped "\(?" is let go too)
  for (std::size_t at = re.find("(?"); at != std::string_view::npos; at = re.find("(?", at + 2))
    if (re.substr(at, 3) != "(?:" && re.substr(at, 4) != "(?P<") return {};
  std::string best, run;
  auto end_run = [&] {
    if (run.size() > best.size()) best = run;
    run.clear();
  };
  std::size_t last_char = 0;  // bytes of the last character added to `run` (0: the last item was no literal)
  for (std::size_t i = 0; i < re.size();) {
    const char c = re[i];
    if (c == '*' || c == '?' || c == '+' || c == '{') {
      // a quantifier applies to the item before it
      bool optional = c == '*' || c == '?';
      std::size_t next = i + 1;
      if (c == '{') {
        const auto close = re.find('}', i);
        const std::string_view body = close == std::string_view::npos ? std::string_view() : re.substr(i + 1, close - i - 1);
        if (body.empty() || body.find_first_not_of("0123456789,") != std::string_view::npos) {
          // a literal '{' in RE2
          end_run();
          last_char = 0;
          ++i;
          continue;
        }
        optional = body[0] == '0' && (body.size() == 1 || body[1] == ',');
        next = close + 1;
      }
      if (optional && last_char && last_char <= run.size()) run.erase(run.size() - last_char);
      end_run();  // a repeated character may be followed by itself, not by the next one
      last_char = 0;
      i = next;
      if (i < re.size() && (re[i] == '?' || re[i] == '+')) ++i;  // lazy or possessive
      continue;
    }
    if (c == '|') return {};
    if (c == '(' || c == '[') {
      // skip the group or class whole, minding escapes and nested groups
      end_run();
      last_char = 0;
      int depth = 0;
      bool in_class = false;
      std::size_t class_start = 0;  // of the class being read: a ']' first in it is a member
      for (; i < re.size(); ++i) {
        const char d = re[i];
        if (d == '\\') {
          ++i;
          continue;
        }
        if (in_class) {
          if (d == '[' && i + 1 < re.size() && re[i + 1] == ':') {  // [:alpha:]
            const auto close = re.find(":]", i + 2);
            if (close == std::string_view::npos) return {};
            i = close + 1;
            continue;
          }
          const bool first = i == class_start + 1 || (i == class_start + 2 && re[class_start + 1] == '^');
          if (d == ']' && !first) in_class = false;
          if (!in_class && depth == 0) break;
          continue;
        }
        if (d == '[') in_class = true, class_start = i;
        else if (d == '(') ++depth;
        else if (d == ')' && --depth == 0) break;
      }
      if (i >= re.size()) return {};  // unclosed
      ++i;
      continue;
    }
    if (c == ')') return {};
    if (c == '\\') {
      if (i + 1 >= re.size()) return {};
      const char e = re[i + 1];
      if (escaped_literal(e)) {
        run += e;
        last_char = 1;
        i += 2;
        continue;
      }
      if (e == 'Q' || e == 'E' || e == 'x' || e == 'C') return {};  // quoting, hex: not followed
      end_run();
      last_char = 0;
      i += 2;
      if ((e == 'p' || e == 'P') && i < re.size()) {
        if (re[i] == '{') {
          const auto close = re.find('}', i);
          if (close == std::string_view::npos) return {};
          i = close + 1;
        } else {
          ++i;
        }
      }
      continue;
    }
    if (c == '.' || c == '^' || c == '$') {
      end_run();
      last_char = 0;
      ++i;
      continue;
    }
    const std::size_t len = static_cast<unsigned char>(c) < 0x80 ? 1 : utf8::decode(re, i).len;
    run.append(re.substr(i, len));
    last_char = len;
    i += len;
  }
  end_run();
  return best;
}

ByteSet bytes_of(std::string_view text) {
  // A byte's flag is stored, not or-ed into a word: consecutive bytes then wait on no earlier
  // step (an or into one of four words was a load-modify-store chain, ~10 instructions a byte).
  alignas(16) unsigned char seen[256] = {};
  for (unsigned char c : text) seen[c] = 0x80;
  std::uint64_t w[4];
  for (int k = 0; k < 4; ++k) {
    std::uint64_t bits = 0;
#if defined(__SSE2__)
    for (int j = 0; j < 4; ++j) {
      const __m128i v = _mm_load_si128(reinterpret_cast<const __m128i*>(seen + 64 * k + 16 * j));
      bits |= static_cast<std::uint64_t>(static_cast<unsigned>(_mm_movemask_epi8(v))) << (16 * j);
    }
#else
    for (int j = 0; j < 64; ++j) bits |= static_cast<std::uint64_t>(seen[64 * k + j] >> 7) << j;
#endif
    w[k] = bits;
  }
  ByteSet b;
  for (int k = 3; k >= 0; --k) {
    b <<= 64;
    b |= ByteSet(w[k]);
  }
  return b;
}

}  // namespace grabli
