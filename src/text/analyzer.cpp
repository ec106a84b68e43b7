#include "text/analyzer.h"

#include <algorithm>
#include <array>

#include "text/normalize.h"
#include "text/utf8.h"

namespace grabli {

std::string_view lang_name(Lang l) { return l == Lang::ru ? "ru" : "en"; }

std::uint8_t lang_bits(const std::vector<std::string>& names) {
  if (names.empty()) return kBothLanguages;
  std::uint8_t bits = 0;
  for (const Lang l : {Lang::ru, Lang::en})
    if (std::find(names.begin(), names.end(), lang_name(l)) != names.end()) bits |= lang_bit(l);
  return bits;
}

namespace {

enum Cls : std::uint8_t {  // is_letter_cls and is_wordish rely on this order
  kCyr, kLat, kOtherLetter, kDigit, kMask, kIgnorable, kCombining, kApostrophe, kDot,
  kTerminator, kSpace, kNewline, kPunct
};

Cls classify_slow(char32_t c) {
  if (is_cyrillic(c)) return kCyr;
  if (is_latin(c)) return kLat;
  if (c >= '0' && c <= '9') return kDigit;
  if (c == '*' || c == '@' || c == '$' || c == 0x20AC) return kMask;  // € for е: «ох*€нно»
  if (is_ignorable(c)) return kIgnorable;
  if (is_combining(c)) return kCombining;
  if (c == '\'' || c == 0x2019 || c == 0x02BC) return kApostrophe;
  if (c == '.') return kDot;
  if (c == '!' || c == '?' || c == 0x2026 || c == ';') return kTerminator;
  if (c == '\n' || c == 0x2028 || c == 0x2029) return kNewline;
  if (c == ' ' || c == '\t' || c == '\r' || c == 0xA0 || c == 0x202F || (c >= 0x2000 && c <= 0x200A))
    return kSpace;
  if (is_letter(c)) return kOtherLetter;
  return kPunct;
}

// Most of a post is ASCII or Cyrillic: those classes come from a table, the rest is asked.
const std::array<std::uint8_t, 128> kAsciiClass = [] {
  std::array<std::uint8_t, 128> t{};
  for (char32_t c = 0; c < 128; ++c) t[c] = classify_slow(c);
  return t;
}();
inline Cls classify(char32_t c) {
  if (c < 128) return static_cast<Cls>(kAsciiClass[c]);
  if (c >= 0x0400 && c <= 0x04FF) return kCyr;
  return classify_slow(c);
}

// the letter classes come first, then kDigit: one comparison each
inline bool is_letter_cls(std::uint8_t c) { return c <= kOtherLetter; }
inline bool is_wordish(std::uint8_t c) { return c <= kDigit; }

// Latin letters that look Cyrillic, read as Cyrillic inside a Cyrillic word (and back).
char32_t latin_to_cyrillic(char32_t c) {
  switch (c) {
    case 'a': case 'A': return 0x0430;
    case 'B': return 0x0432;
    case 'c': case 'C': return 0x0441;
    case 'e': case 'E': return 0x0435;
    case 'H': return 0x043D;
    case 'k': case 'K': return 0x043A;
    case 'M': return 0x043C;
    case 'o': case 'O': return 0x043E;
    case 'p': case 'P': return 0x0440;
    case 'T': return 0x0442;
    case 'x': case 'X': return 0x0445;
    case 'y': case 'Y': return 0x0443;
    case 'z': case 'Z': return 0x0437;  // not a look-alike but a stand-in: «пиzдец»
    default: return 0;
  }
}
char32_t cyrillic_to_latin(char32_t c) {
  switch (fold_case(c)) {
    case 0x0430: return 'a';
    case 0x0441: return 'c';
    case 0x0435: return 'e';
    case 0x043E: return 'o';
    case 0x0440: return 'p';
    case 0x0445: return 'x';
    case 0x0443: return 'y';
    case 0x043A: return 'k';
    case 0x0456: return 'i';
    default: return 0;
  }
}
// Digits and symbols used to mask letters («х3р», "sh1t", «п@зда»).
char32_t unmask(char32_t c, Script s) {
  if (s == Script::cyrillic) {
    switch (c) {
      case '0': return 0x043E;
      case '1': return 0x0438;  // «сп1здил»
      case '3': return 0x0437;
      case '4': return 0x0447;
      case '6': return 0x0431;
      case '@': return 0x0430;
      case 0x20AC: return 0x0435;
      case '$': return 0x0441;
      default: return 0;
    }
  }
  switch (c) {
    case '0': return 'o';
    case '1': return 'i';
    case '3': return 'e';
    case '4': return 'a';
    case '5': return 's';
    case '7': return 't';
    case '@': return 'a';
    case 0x20AC: return 'e';
    case '$': return 's';
    default: return 0;
  }
}

// Writes the normalised text and its map to the original through pointers, growing both
// together; finish() cuts them to what was written.
class NormWriter {
 public:
  NormWriter(std::string& text, std::vector<std::uint32_t>& map, std::size_t room) : text_(text), map_(map) {
    grow(room);
  }
  std::size_t size() const { return n_; }
  // Room for what `bytes` bytes of the original become: at most three bytes each (an invalid
  // byte is U+FFFD; a Latin look-alike or a masking digit read as Cyrillic is two), and four
  // map entries past the last. Asked once per word or gap, not per code point.
  void ensure(std::size_t bytes) {
    const std::size_t need = 3 * bytes + 4;
    if (text_.size() - n_ < need) grow(std::max(text_.size() * 2, n_ + need));
  }
  // A code point of U+0400–U+07FF (two bytes), without utf8::encode's tests.
  void put2(char32_t c, std::uint32_t orig) {
    text_[n_] = static_cast<char>(0xC0 | (c >> 6));
    text_[n_ + 1] = static_cast<char>(0x80 | (c & 0x3F));
    map_[n_] = map_[n_ + 1] = orig;
    n_ += 2;
  }
  // An ASCII byte.
  void put1(char c, std::uint32_t orig) {
    text_[n_] = c;
    map_[n_] = orig;
    ++n_;
  }
  void put(char32_t c, std::uint32_t orig) {
    const std::size_t k = utf8::encode(c, text_.data() + n_);
    // room for 4 is there: four stores without a loop, the ones past k are overwritten later
    std::uint32_t* m = map_.data() + n_;
    m[0] = m[1] = m[2] = m[3] = orig;
    n_ += k;
  }
  bool ends_with(std::string_view s) const {
    return n_ >= s.size() && std::string_view(text_.data() + n_ - s.size(), s.size()) == s;
  }
  void drop(std::size_t bytes) { n_ -= std::min(bytes, n_); }
  void finish() {
    text_.resize(n_);
    map_.resize(n_);
  }

 private:
  void grow(std::size_t bytes) {
    bytes = std::max<std::size_t>(bytes, 64);
    text_.resize(bytes);
    map_.resize(bytes);
  }
  std::string& text_;
  std::vector<std::uint32_t>& map_;
  std::size_t n_ = 0;
};

// fold_case of a letter of U+0400–U+04FF (Ё and ё to е), inline in the analyser's word loop
inline char32_t fold_cyrillic(char32_t c) {
  if (c - 0x0410 < 0x20u) return c + 32;
  if (c == 0x0401 || c == 0x0451) return 0x0435;
  if (c < 0x0410) return c + 80;
  return c;
}

// A–Z, À–Þ but ×, Ѐ–Я; asked once per code point (pass 1 keeps the answer)
inline bool is_upper(char32_t c) {
  if (c < 0x80) return c - U'A' < 26u;
  if (c < 0x400) return c >= 0xC0 && c <= 0xDE && c != 0xD7;
  return c <= 0x042F;
}

}  // namespace

std::pair<std::uint32_t, std::uint32_t> AnalyzedText::to_original(std::size_t nb, std::size_t ne) const {
  nb = std::min(nb, norm.size());
  ne = std::min(ne, norm.size());
  const std::uint32_t s = norm_to_orig[nb];
  if (ne <= nb) return {s, s};
  const std::uint32_t last = norm_to_orig[ne - 1];
  const std::uint32_t e = last + utf8::decode(original, last).len;
  return {s, std::max(e, s)};
}

std::size_t AnalyzedText::token_at_norm(std::size_t norm_pos) const {
  std::size_t lo = 0, hi = tokens.size();
  while (lo < hi) {
    const std::size_t mid = (lo + hi) / 2;
    if (tokens[mid].norm_begin + tokens[mid].norm_len <= norm_pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

void Analyzer::analyze(std::string_view text, AnalyzedText& out, bool lemmatise) {
  out.original = text;
  out.norm.clear();
  out.norm_to_orig.clear();
  out.tokens.clear();
  out.sentences.clear();
  out.invalid_utf8.clear();
  out.cyrillic_letters = out.latin_letters = out.upper_letters = 0;
  lem_.trim_caches();

  // 1. decode and classify, written through a pointer into room for one code point a byte. ASCII
  // and the two-byte Cyrillic letters (U+0400–U+047F) are most of every post: each is one table
  // load or a shift, where utf8::decode, classify and is_upper each tested its ranges per code point.
  if (cps_.size() < text.size()) cps_.resize(text.size());
  Cp* cp_out = cps_.data();
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  std::uint32_t cyrillic = 0, latin = 0, uppers = 0;
  for (std::size_t i = 0; i < text.size();) {
    const unsigned char b0 = bytes[i];
    if (b0 < 0x80) {
      const auto cls = kAsciiClass[b0];
      const bool upper = static_cast<unsigned>(b0 - 'A') < 26u;
      latin += cls == kLat;
      uppers += upper;
      *cp_out++ = {b0, static_cast<std::uint32_t>(i), 1, cls, upper};
      ++i;
      continue;
    }
    if ((b0 & 0xFE) == 0xD0 && i + 1 < text.size() && (bytes[i + 1] & 0xC0) == 0x80) {
      const char32_t c = static_cast<char32_t>((b0 & 0x1F) << 6 | (bytes[i + 1] & 0x3F));
      const bool upper = c <= 0x042F;
      ++cyrillic;
      uppers += upper;
      *cp_out++ = {c, static_cast<std::uint32_t>(i), 2, kCyr, upper};
      i += 2;
      continue;
    }
    const auto d = utf8::decode(text, i);
    if (!d.valid) out.invalid_utf8.push_back(static_cast<std::uint32_t>(i));
    const auto cls = classify(d.cp);
    cyrillic += cls == kCyr;
    latin += cls == kLat;
    const bool upper = is_upper(d.cp);
    uppers += upper;
    *cp_out++ = {d.cp, static_cast<std::uint32_t>(i), d.len, cls, upper};
    i += d.len;
  }
  out.cyrillic_letters = cyrillic;
  out.latin_letters = latin;
  out.upper_letters = uppers;
  const std::size_t n = static_cast<std::size_t>(cp_out - cps_.data());
  auto cls_at = [&](std::size_t j) -> std::uint8_t { return j < n ? cps_[j].cls : static_cast<std::uint8_t>(kSpace); };

  // 2. word spans (in code points)
  spans_.clear();
  for (std::size_t i = 0; i < n;) {
    if (!is_wordish(cps_[i].cls)) {
      ++i;
      continue;
    }
    std::size_t j = i, seg = 0;  // seg: letters since the last internal dot
    while (j < n) {
      const auto c = cps_[j].cls;
      if (is_wordish(c)) {
        ++j, ++seg;
      } else if (c == kIgnorable || c == kCombining) {
        ++j;
      } else if (c == kMask) {
        std::size_t k = j;
        while (cls_at(k) == kMask) ++k;
        if (!is_wordish(cls_at(k)) && k - j > 0 && j > i && cls_at(k) != kIgnorable) {
          // masks at the end of a word: "бл**" keeps them only when they stand for letters
          // ("a$$" too: a '$' after a letter, where "100$" is a price)
          if (k - j <= 3 && (cls_at(k) == kSpace || cls_at(k) == kNewline || cls_at(k) == kTerminator ||
                             cls_at(k) == kDot || cls_at(k) == kPunct) &&
              (cps_[j].cp == '*' || (cps_[j].cp == '$' && is_letter_cls(cps_[j - 1].cls)))) {
            j = k;
          }
          break;
        }
        j = k;
      } else if (c == kApostrophe && is_letter_cls(cls_at(j + 1)) && j > i) {
        ++j;
      } else if ((cps_[j].cp == '!' || cps_[j].cp == '#') && j > i && is_letter_cls(cps_[j - 1].cls) &&
                 (is_letter_cls(cls_at(j + 1)) ||
                  ((cls_at(j + 1) == kMask || cls_at(j + 1) == kDigit) && is_letter_cls(cls_at(j + 2))))) {
        // a mask between letters: "sh!t", «х#й», "f#@k", «п!3дец» (a '!' that ends a sentence has
        // a space after it; "Bug#25" has no letter after the digit)
        ++j;
      } else if (c == kDot && seg == 1 && is_letter_cls(cls_at(j + 1)) &&
                 (cls_at(j + 2) == kDot || !is_letter_cls(cls_at(j + 2)))) {
        ++j, seg = 0;  // «х.у.й»: dots between single letters
      } else {
        break;
      }
    }
    spans_.emplace_back(static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(j));
    i = j;
  }

  // 3. join spaced-out single letters («п и з д е ц», "f u c k")
  {
    std::size_t w = 0;
    for (std::size_t r = 0; r < spans_.size();) {
      auto single = [&](std::size_t k) {
        return spans_[k].second - spans_[k].first == 1 && is_letter_cls(cps_[spans_[k].first].cls);
      };
      std::size_t e = r;
      if (single(r)) {
        e = r + 1;
        while (e < spans_.size() && single(e) && spans_[e].first == spans_[e - 1].second + 1 &&
               (cps_[spans_[e - 1].second].cls == kSpace || cps_[spans_[e - 1].second].cls == kPunct))
          ++e;
        if (e - r < 3) e = r;
        else --e;
      }
      if (e > r) {
        spans_[w++] = {spans_[r].first, spans_[e].second | 0x80000000u};  // high bit: joined
        r = e + 1;
      } else {
        spans_[w++] = spans_[r++];
      }
    }
    spans_.resize(w);
  }

  // 4. emit normalised text and tokens. The text and its offset map are written through
  // pointers into room made ahead (the normalised text is about as long as the original) and cut
  // to length at the end: a push_back per byte was a call per byte.
  NormWriter w(out.norm, out.norm_to_orig, text.size() + 16);
  std::size_t cp_i = 0;
  std::uint32_t sentence = 0;
  bool pending_break = false;
  auto offset_of = [&](std::size_t j) -> std::size_t { return j < n ? cps_[j].off : text.size(); };
  auto emit_between = [&](std::size_t upto) {
    if (cp_i < upto) w.ensure(offset_of(upto) - cps_[cp_i].off);
    for (; cp_i < upto; ++cp_i) {
      const auto& c = cps_[cp_i];
      if (c.cls == kIgnorable) continue;
      if (c.cls == kTerminator || c.cls == kNewline) pending_break = true;
      if (c.cls == kDot) {
        // a dot ends a sentence only before a space or the end: not in 2.5, Банки.ру or site.com
        const auto next = cls_at(cp_i + 1);
        if (next == kSpace || next == kNewline || next == kPunct || next == kTerminator || cp_i + 1 >= n)
          pending_break = true;
      }
      if (c.cp < 0x80) w.put1(static_cast<char>(c.cp - U'A' < 26u ? c.cp | 0x20 : c.cp), c.off);
      else w.put(fold_case(c.cp), c.off);
    }
  };
  for (const auto& [b, e_raw] : spans_) {
    const bool joined = e_raw & 0x80000000u;
    const std::uint32_t e = e_raw & 0x7FFFFFFFu;
    emit_between(b);
    if (pending_break && !out.tokens.empty()) ++sentence;
    pending_break = false;
    unsigned cyr = 0, lat = 0, letters = 0, digits = 0, upper = 0;
    for (std::uint32_t k = b; k < e; ++k) {
      const auto c = cps_[k].cls;
      if (c == kCyr) ++cyr;
      else if (c == kLat) ++lat;
      else if (c == kDigit) ++digits;
      if (is_letter_cls(c)) ++letters;
      upper += cps_[k].upper;
    }
    Token t;
    t.start = cps_[b].off;
    t.end = cps_[e - 1].off + cps_[e - 1].len;
    t.sentence = sentence;
    t.script = letters == 0 ? Script::none : cyr >= lat && cyr > 0 ? Script::cyrillic
             : lat > 0 ? Script::latin : Script::other;
    if (cyr && lat > cyr) {
      // More Latin letters than Cyrillic, yet Cyrillic when every Latin one has a Cyrillic twin
      // and some Cyrillic one has no Latin twin: «oхyeннo» (o, y, e, o Latin) is no English word.
      bool all_twins = true, cyr_only = false;
      for (std::uint32_t k = b; k < e; ++k) {
        const auto c = cps_[k].cls;
        if (c == kLat) all_twins &= latin_to_cyrillic(cps_[k].cp) != 0;
        else if (c == kCyr) cyr_only |= cyrillic_to_latin(cps_[k].cp) == 0;
      }
      if (all_twins && cyr_only) t.script = Script::cyrillic;
    }
    if (joined) t.flags |= kJoined;
    if (digits) t.flags |= kHasDigit;
    if (digits && letters == 0) t.flags |= kAllDigits;
    if (upper && cps_[b].upper) t.flags |= kCapitalised;
    if (letters >= 2 && upper == letters) t.flags |= kAllCaps;
    const bool read_digits = letters > digits && letters > 0;
    // a star, or a '!' or '#' kept inside the word (only a mask is: see the spans above)
    auto is_star = [&](std::uint32_t k) {
      const char32_t c = cps_[k].cp;
      return c == '*' || (!joined && (c == '!' || c == '#'));
    };
    // clang before 16 cannot capture a structured binding, so the word's start is copied
    auto star_beside = [&, first = b](std::uint32_t k) {
      return (k > first && is_star(k - 1)) || (k + 1 < e && is_star(k + 1));
    };
    t.norm_begin = static_cast<std::uint32_t>(w.size());
    w.ensure(t.end - t.start);
    for (std::uint32_t k = b; k < e; ++k) {
      const auto& c = cps_[k];
      char32_t o = 0;
      switch (c.cls) {
        case kCyr:
          if (t.script == Script::latin) {
            o = fold_case(c.cp);
            if (auto m = cyrillic_to_latin(c.cp)) o = m;
            break;
          }
          // most letters of a post: U+0400–U+04FF fold within two bytes
          w.put2(fold_cyrillic(c.cp), c.off);
          continue;
        case kLat:
          if (t.script == Script::cyrillic) {
            o = fold_case(c.cp);
            if (auto m = latin_to_cyrillic(c.cp)) o = m;
            break;
          }
          if (c.cp < 0x80) {
            w.put1(static_cast<char>(c.cp | 0x20), c.off);  // an ASCII letter, lower case
            continue;
          }
          o = fold_case(c.cp);
          break;
        case kOtherLetter: o = fold_case(c.cp); break;
        case kDigit:
          o = c.cp;
          if (read_digits) {
            if (auto m = unmask(c.cp, t.script)) o = m, t.flags |= kMasked;
          }
          break;
        case kMask:
          if (c.cp == '*' || star_beside(k)) {
            o = '*';  // "f#@k": beside a star, '@' is one more star, not an «а»
            t.flags |= kHasMask;
          } else if (auto m = unmask(c.cp, t.script == Script::none ? Script::latin : t.script)) {
            o = m;
            t.flags |= kMasked;
          } else {
            o = c.cp;
          }
          break;
        case kApostrophe: o = '\''; break;
        case kTerminator:
        case kPunct:
          if (joined || (c.cp != '!' && c.cp != '#')) continue;  // the spaces of joined letters
          o = '*';
          t.flags |= kHasMask;
          break;
        case kCombining:
          // и + combining breve is й; other marks only decorate
          if (c.cp == 0x0306 && w.ends_with("и")) {
            w.drop(2);
            w.put(0x0439, cps_[k - 1].off);
          }
          continue;
        default: continue;  // ignorable, internal dots, spaces of joined words
      }
      w.put(o, c.off);
    }
    t.norm_len = static_cast<std::uint32_t>(w.size() - t.norm_begin);
    cp_i = e;
    if (t.norm_len == 0) continue;
    out.tokens.push_back(t);
  }
  emit_between(n);
  w.finish();
  out.norm_to_orig.push_back(static_cast<std::uint32_t>(text.size()));

  // 5. lemma keys, from the lemmatizer's cache of forms; the cache slot of the form a few tokens
  // ahead is prefetched, so the misses of rare words overlap instead of stalling one by one
  if (lemmatise) {
    constexpr std::size_t kAhead = 8;  // a power of two: the hashes of the forms ahead, in a ring
    std::array<std::uint64_t, kAhead> hashes;
    for (std::size_t i = 0; i < std::min(kAhead, out.tokens.size()); ++i)
      hashes[i] = lem_.prefetch_lookup(out.norm_of(out.tokens[i]));
    for (std::size_t i = 0; i < out.tokens.size(); ++i) {
      const std::uint64_t hash = hashes[i % kAhead];
      if (i + kAhead < out.tokens.size()) hashes[i % kAhead] = lem_.prefetch_lookup(out.norm_of(out.tokens[i + kAhead]));
      Token& t = out.tokens[i];
      const bool stemmable = !(t.flags & (kHasMask | kAllDigits)) && t.norm_len <= 100;
      const auto found = lem_.lookup(out.norm_of(t), hash, t.script, stemmable);
      t.keys = found.keys;
      t.form = found.form;
    }
  }

  // 6. sentences
  for (std::uint32_t i = 0; i < out.tokens.size();) {
    std::uint32_t j = i;
    while (j < out.tokens.size() && out.tokens[j].sentence == out.tokens[i].sentence) ++j;
    out.sentences.push_back({i, j});
    i = j;
  }
  out.lang = out.cyrillic_letters >= out.latin_letters && out.cyrillic_letters > 0 ? Lang::ru
           : out.latin_letters > 0 ? Lang::en : Lang::ru;
}

}  // namespace grabli
