#include "match/pattern_bank.h"

#include <algorithm>
#include <array>

#include <re2/filtered_re2.h>

#include "match/alternatives.h"
#include "match/literal_set.h"
#include "match/required_bytes.h"

namespace grabli {

namespace {
RE2::Options options(std::int64_t max_mem) {
  RE2::Options o;
  o.set_log_errors(false);
  o.set_max_mem(max_mem);
  o.set_encoding(RE2::Options::EncodingUTF8);
  return o;
}
// The normalised text is lower case and holds only the letters the normaliser makes, so
// `\pL` there means Latin, Greek and Cyrillic. Spelled as a few ranges instead of Unicode's
// whole letter table, it compiles the shared set about fifteen times faster.
constexpr std::string_view kNormLetters = "a-z\u00DF-\u024F\u0370-\u03FF\u0400-\u052F";
// On the original text the same scripts in both cases; other scripts' letters are not \pL there.
constexpr std::string_view kOriginalLetters = "A-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u052F";

// The original text's atoms are found case-insensitively. When every atom is ASCII or basic
// lower-case Cyrillic (U+0430–U+045F), that is an exact byte match in a copy of the text folded
// to lower case, by the same Aho–Corasick automaton as the normalised text's atoms, instead of
// an RE2::Set with case folding. The fold must cover whatever RE2's folding equates with those
// letters: upper case ASCII and Cyrillic, the Kelvin sign (K), long s (ſ) and the old Cyrillic
// letter shapes of U+1C80–U+1C88 (ᲀ is в, ᲂ is о…). A folded copy may find more atoms than the
// set would, never fewer, and each pattern still runs on the original itself.
bool foldable_atom(std::string_view atom) {
  for (std::size_t i = 0; i < atom.size(); ++i) {
    const auto c = static_cast<unsigned char>(atom[i]);
    if (c < 0x80) {
      if (c >= 'A' && c <= 'Z') return false;
      continue;
    }
    if (i + 1 >= atom.size()) return false;
    const auto d = static_cast<unsigned char>(atom[i + 1]);
    const bool lower_cyrillic = (c == 0xD0 && d >= 0xB0 && d <= 0xBF) || (c == 0xD1 && d >= 0x80 && d <= 0x9F);
    if (!lower_cyrillic) return false;
    ++i;
  }
  return true;
}

// Bytes that may start something fold_for_atoms changes: A–Z and the lead bytes below.
constexpr std::array<bool, 256> kFoldLead = [] {
  std::array<bool, 256> t{};
  for (int c = 'A'; c <= 'Z'; ++c) t[static_cast<std::size_t>(c)] = true;
  for (int c : {0xD0, 0xC5, 0xE2, 0xE1}) t[static_cast<std::size_t>(c)] = true;
  return t;
}();

void fold_for_atoms(std::string_view text, std::string& out) {
  out.resize(text.size());
  char* o = out.data();
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* end = p + text.size();
  while (p < end) {
    const unsigned char c = *p;
    if (!kFoldLead[c]) {  // most bytes: lower-case ASCII, lower-case Cyrillic, spaces, digits
      *o++ = static_cast<char>(c);
      ++p;
    } else if (c < 0x80) {
      *o++ = static_cast<char>(c + 32);  // A–Z
      ++p;
    } else if (c == 0xD0) {
      const unsigned char d = p + 1 < end ? p[1] : 0;  // Ѐ–Џ → ѐ–џ, А–П → а–п, Р–Я → р–я
      if (d < 0x80 || d > 0xAF) {
        *o++ = static_cast<char>(c);  // а–п, or not a character: as it is
        ++p;
        continue;
      }
      if (d <= 0x8F) *o++ = static_cast<char>(0xD1), *o++ = static_cast<char>(d + 0x10);
      else if (d <= 0x9F) *o++ = static_cast<char>(0xD0), *o++ = static_cast<char>(d + 0x20);
      else *o++ = static_cast<char>(0xD1), *o++ = static_cast<char>(d - 0x20);
      p += 2;
    } else if (c == 0xC5 && p + 1 < end && p[1] == 0xBF) {  // ſ
      *o++ = 's';
      p += 2;
    } else if (c == 0xE2 && p + 2 < end && p[1] == 0x84 && p[2] == 0xAA) {  // K (Kelvin)
      *o++ = 'k';
      p += 3;
    } else if (c == 0xE1 && p + 2 < end && p[1] == 0xB2 && p[2] >= 0x80 && p[2] <= 0x86) {
      static constexpr char32_t kShapes[] = {0x432, 0x434, 0x43E, 0x441, 0x442, 0x442, 0x44A};
      const char32_t cp = kShapes[p[2] - 0x80];  // all in U+0430–U+044F: D0 B0–D1 8F
      *o++ = static_cast<char>(0xC0 | (cp >> 6));
      *o++ = static_cast<char>(0x80 | (cp & 0x3F));
      p += 3;
    } else {
      *o++ = static_cast<char>(c);
      ++p;
    }
  }
  out.resize(static_cast<std::size_t>(o - out.data()));
}

}  // namespace

std::string narrow_letter_classes(const std::string& re, bool original) {
  const std::string_view letters = original ? kOriginalLetters : kNormLetters;
  std::string out;
  int bracket = 0;
  for (std::size_t i = 0; i < re.size(); ++i) {
    const char c = re[i];
    if (c == '\\' && i + 1 < re.size()) {
      const std::string_view rest = std::string_view(re).substr(i);
      const std::size_t len = rest.starts_with("\\pL") ? 3 : rest.starts_with("\\p{L}") ? 5 : 0;
      if (len) {
        if (bracket) out += letters;
        else out += "[" + std::string(letters) + "]";
        i += len - 1;
        continue;
      }
      out += c;
      out += re[++i];
      continue;
    }
    if (c == '[') {
      if (bracket == 0 && i + 1 < re.size() && re[i + 1] == ']') {  // "[]...]": ']' first is literal
        out += "[]";
        ++i;
        ++bracket;
        continue;
      }
      ++bracket;
    } else if (c == ']' && bracket > 0) {
      --bracket;
    }
    out += c;
  }
  return out;
}

namespace {
bool upper_ascii(unsigned char c) { return c >= 'A' && c <= 'Z'; }
// Ѐ–Я: D0 80–D0 AF
bool upper_cyrillic_at(std::string_view s, std::size_t i) {
  return i + 1 < s.size() && static_cast<unsigned char>(s[i]) == 0xD0 && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
         static_cast<unsigned char>(s[i + 1]) <= 0xAF;
}
// Index past an escape at i (a backslash): \x{..}, \p{..}, \Q…\E, or one character.
std::size_t past_escape(std::string_view re, std::size_t i) {
  if (i + 1 >= re.size()) return re.size();
  const char n = re[i + 1];
  if ((n == 'x' || n == 'p' || n == 'P') && i + 2 < re.size() && re[i + 2] == '{') {
    const auto close = re.find('}', i + 3);
    return close == std::string_view::npos ? re.size() : close + 1;
  }
  if (n == 'p' || n == 'P') return std::min(i + 3, re.size());  // \pL: a one-letter class name
  if (n == 'Q') {
    const auto end = re.find("\\E", i + 2);
    return end == std::string_view::npos ? re.size() : end + 2;
  }
  std::size_t k = i + 1;
  k += static_cast<unsigned char>(re[k]) >= 0xC0 ? (static_cast<unsigned char>(re[k]) >= 0xE0 ? 3 : 2) : 1;
  return std::min(k, re.size());
}
}  // namespace

std::string capital_for_lower_case_text(std::string_view re) {
  if (re.find("(?i") != std::string_view::npos) return "";
  for (std::size_t i = 0; i < re.size();) {
    const char c = re[i];
    if (c == '\\') {
      i = past_escape(re, i);
    } else if (c == '(' && i + 1 < re.size() && re[i + 1] == '?') {
      // flags such as (?s) or (?U:…), a name (?P<Name>…)
      std::size_t k = i + 2;
      if (k < re.size() && re[k] == 'P' && k + 1 < re.size() && re[k + 1] == '<') k = re.find('>', k);
      else
        while (k < re.size() && re[k] != ')' && re[k] != ':') ++k;
      i = k == std::string_view::npos ? re.size() : k + 1;
    } else if (c == '[') {
      // a class of capitals only; a negated class or one with anything else can match
      const std::size_t start = i;
      std::size_t k = i + 1;
      const bool negated = k < re.size() && re[k] == '^';
      if (negated) ++k;
      bool capitals = false, other = false;
      for (bool first = true; k < re.size() && (re[k] != ']' || first); first = false) {
        if (re[k] == '\\') {
          other = true;
          k = past_escape(re, k);
        } else if (re[k] == '[' && k + 1 < re.size() && re[k + 1] == ':') {
          other = true;
          const auto close = re.find(":]", k + 2);
          k = close == std::string_view::npos ? re.size() : close + 2;
        } else if (upper_ascii(static_cast<unsigned char>(re[k]))) {
          capitals = true;
          ++k;
        } else if (upper_cyrillic_at(re, k)) {
          capitals = true;
          k += 2;
        } else if (re[k] == '-') {
          ++k;
        } else {
          other = true;
          ++k;
        }
      }
      const std::size_t end = std::min(k + 1, re.size());
      if (capitals && !other && !negated) return std::string(re.substr(start, end - start));
      i = end;
    } else if (upper_ascii(static_cast<unsigned char>(c)) || upper_cyrillic_at(re, i)) {
      const std::size_t len = upper_ascii(static_cast<unsigned char>(c)) ? 1 : 2;
      // «X?», «X*» and «X{0,…}» can match without it
      const std::string_view after = re.substr(i + len);
      if (!after.starts_with("?") && !after.starts_with("*") && !after.starts_with("{0")) return std::string(re.substr(i, len));
      i += len;
    } else {
      ++i;
    }
  }
  return "";
}

struct PatternBank::Form {
  explicit Form(bool original) : original(original), filter(kMinAtomBytes) {}
  // Shorter atoms (one Cyrillic letter, two Latin ones, ", ") occur in nearly every post: as atoms
  // they only made the literal set slower and sent most patterns to run anyway. Patterns left with
  // no atom are gated by a byte they need, or share the small unfiltered set.
  static constexpr int kMinAtomBytes = 3;
  bool original;
  re2::FilteredRE2 filter;
  std::vector<int> ids;                // filter index → pattern id
  LiteralSet literal_atoms;            // the literals the filter asks for (normalised text, or folded)
  bool folds_text = false;             // literal_atoms scan the original folded (fold_for_atoms)
  std::unique_ptr<RE2::Set> atoms;     // else the same, case-insensitive (original text)
  // Patterns with no atom: always run, together, one set per language mask (index mask - 1).
  std::array<std::unique_ptr<RE2::Set>, 3> unfiltered;
  std::array<std::vector<int>, 3> unfiltered_index;  // unfiltered set index → filter index
  // A set none of whose patterns can match without one of these strings (each pattern's
  // required_literal, shorter than an atom) runs only where the text holds one: the English
  // set («ad» as a word, the «fk» of a swear word) found one in a fifth of the English posts.
  std::array<std::vector<std::string>, 3> unfiltered_literals;
  std::array<bool, 3> unfiltered_always{};  // a pattern of the set has no such string
  std::vector<char> is_unfiltered;     // by filter index
  std::vector<std::optional<ByteSet>> required;  // by filter index: bytes one of which must occur
  std::vector<std::uint8_t> languages;  // by filter index
  std::vector<int> gated;              // atom-less patterns that need a byte: run on their own
  // Atom-less patterns spelled out as their alternatives (match/alternatives.h), which mostly
  // have atoms: each piece runs for its pattern (`parent`, a filter index) when its atoms occur.
  // Pieces with no atom are gated by a byte, or go into the unfiltered set for their pattern.
  struct Piece {
    int parent = -1;  // -1: its pattern was not spelled out after all
    std::optional<ByteSet> required;
    bool filtered = true;  // false: no atom (gated or in the unfiltered set)
  };
  re2::FilteredRE2 piece_filter{kMinAtomBytes};
  std::vector<Piece> pieces;
  std::vector<int> gated_pieces;
  std::size_t main_atoms = 0;  // literal indices below this are `filter`'s atoms, the rest piece_filter's

  bool compiled = false;

  // A gate on bytes nearly every post holds ('.' or '*' for «х*й|е.ать»): the pattern ran on
  // most posts. Such a pattern is better spelled out when each piece has an atom or a rare byte.
  bool weakly_gated(int i) const {
    const auto& need = required[static_cast<std::size_t>(i)];
    return need && common_bytes(*need);
  }

  // Spells out the atom-less patterns that are not gated by a byte, or only by common ones;
  // returns the ones spelled out.
  std::vector<char> spell_out(const std::vector<int>& always, std::vector<std::string>& piece_literals) {
    std::vector<char> split(ids.size(), 0);
    for (int i : always) {
      if (required[static_cast<std::size_t>(i)] && !weakly_gated(i)) continue;
      const auto alts = alternatives(filter.GetRE2(i).pattern());
      if (!alts) continue;
      const std::size_t first = pieces.size();
      bool added = true;
      for (const auto& a : *alts) {
        int index = -1;
        if (piece_filter.Add(a, options(filter.GetRE2(i).options().max_mem()), &index) != RE2::NoError) {
          added = false;
          break;
        }
        pieces.push_back({i, required_bytes(a), true});
      }
      if (!added)
        for (std::size_t k = first; k < pieces.size(); ++k) pieces[k].parent = -1;
      else split[static_cast<std::size_t>(i)] = 1;
    }
    if (pieces.empty()) return split;
    piece_filter.Compile(&piece_literals);
    std::vector<int> piece_always;
    piece_filter.AllPotentials({}, &piece_always);
    for (int k : piece_always) pieces[static_cast<std::size_t>(k)].filtered = false;
    // a pattern none of whose pieces has an atom or a byte gains nothing from being spelled out;
    // a weakly gated one gains only when every piece has an atom or a rare byte
    for (int i : always) {
      if (!split[static_cast<std::size_t>(i)]) continue;
      bool any_narrowed = false, all_narrowed_well = true;
      for (const auto& pc : pieces) {
        if (pc.parent != i) continue;
        any_narrowed |= pc.filtered || pc.required;
        all_narrowed_well &= pc.filtered || (pc.required && !common_bytes(*pc.required));
      }
      if (weakly_gated(i) ? all_narrowed_well : any_narrowed) continue;
      split[static_cast<std::size_t>(i)] = 0;
      for (auto& pc : pieces)
        if (pc.parent == i) pc.parent = -1;
    }
    return split;
  }

  bool compile(std::int64_t set_mem) {
    if (ids.empty() || compiled) return true;
    compiled = true;
    std::vector<std::string> literals;
    filter.Compile(&literals);
    main_atoms = literals.size();
    std::vector<int> always;
    filter.AllPotentials({}, &always);
    std::vector<std::string> piece_literals;
    const std::vector<char> split = spell_out(always, piece_literals);
    literals.insert(literals.end(), piece_literals.begin(), piece_literals.end());
    const bool foldable = original && std::all_of(literals.begin(), literals.end(), foldable_atom);
    if (!literals.empty() && (!original || foldable)) {
      // the normalised text is lower case already, the original is folded for the scan: an
      // exact, byte-wise automaton will do
      literal_atoms = LiteralSet(literals, static_cast<std::size_t>(set_mem));
      if (!literal_atoms.ok()) return false;
      folds_text = original;
    } else if (!literals.empty()) {
      RE2::Options o = options(set_mem);
      o.set_literal(true);
      // Atoms are lower case; the original text is not, and RE2's case folding covers every script.
      o.set_case_sensitive(!original);
      atoms = std::make_unique<RE2::Set>(o, RE2::UNANCHORED);
      for (const auto& a : literals)
        if (atoms->Add(a, nullptr) < 0) return false;
      if (!atoms->Compile()) return false;
    }
    is_unfiltered.assign(ids.size(), 0);
    auto run_always = [&](const std::string& pattern, int parent) {
      const std::size_t set = languages[static_cast<std::size_t>(parent)] - 1u;
      if (!unfiltered[set]) unfiltered[set] = std::make_unique<RE2::Set>(options(set_mem), RE2::UNANCHORED);
      if (unfiltered[set]->Add(pattern, nullptr) < 0) return false;
      unfiltered_index[set].push_back(parent);
      if (auto lit = required_literal(pattern); !lit.empty()) unfiltered_literals[set].push_back(std::move(lit));
      else unfiltered_always[set] = true;
      return true;
    };
    for (int i : always) {
      is_unfiltered[static_cast<std::size_t>(i)] = 1;
      if (split[static_cast<std::size_t>(i)]) continue;  // its pieces run for it
      if (required[static_cast<std::size_t>(i)]) gated.push_back(i);
      else if (!run_always(filter.GetRE2(i).pattern(), i)) return false;
    }
    for (std::size_t k = 0; k < pieces.size(); ++k) {
      const Piece& pc = pieces[k];
      if (pc.parent < 0 || pc.filtered) continue;
      if (pc.required) gated_pieces.push_back(static_cast<int>(k));
      else if (!run_always(piece_filter.GetRE2(static_cast<int>(k)).pattern(), pc.parent)) return false;
    }
    for (auto& u : unfiltered)
      if (u && !u->Compile()) return false;
    for (auto& lits : unfiltered_literals) {
      std::sort(lits.begin(), lits.end());
      lits.erase(std::unique(lits.begin(), lits.end()), lits.end());
    }
    return true;
  }

  void scan(std::string_view text, std::vector<int>& fired, std::uint8_t language) const {
    if (ids.empty()) return;
    const re2::StringPiece hay(text.data(), text.size());
    thread_local std::vector<int> got, potential;
    got.clear();
    std::optional<ByteSet> present;  // computed on first need
    auto may_match = [&](int i) {
      if (!(languages[static_cast<std::size_t>(i)] & language)) return false;
      const auto& need = required[static_cast<std::size_t>(i)];
      if (!need) return true;
      if (!present) present = bytes_of(text);
      return (*need & *present).any();
    };
    thread_local std::string folded;
    bool any_atom = false;
    if (folds_text) {
      fold_for_atoms(text, folded);
      any_atom = literal_atoms.match(folded, got);
    } else {
      any_atom = atoms ? atoms->Match(hay, &got) : literal_atoms.match(text, got);
    }
    // a piece runs unless its pattern has fired already (pieces of a pattern are neighbours)
    int last_parent = -1;
    auto run_piece = [&](int k) {
      const Piece& pc = pieces[static_cast<std::size_t>(k)];
      if (pc.parent < 0 || pc.parent == last_parent || !(languages[static_cast<std::size_t>(pc.parent)] & language)) return;
      if (pc.required) {
        if (!present) present = bytes_of(text);
        if (!(*pc.required & *present).any()) return;
      }
      if (!RE2::PartialMatch(hay, piece_filter.GetRE2(k))) return;
      fired.push_back(ids[static_cast<std::size_t>(pc.parent)]);
      last_parent = pc.parent;
    };
    if (any_atom) {
      // the atoms of filter, then those of piece_filter, each set ascending
      const auto mid = std::partition(got.begin(), got.end(), [&](int a) { return static_cast<std::size_t>(a) < main_atoms; });
      thread_local std::vector<int> piece_atoms;
      piece_atoms.clear();
      for (auto it = mid; it != got.end(); ++it) piece_atoms.push_back(*it - static_cast<int>(main_atoms));
      got.erase(mid, got.end());
      std::sort(got.begin(), got.end());
      if (!got.empty()) {
        filter.AllPotentials(got, &potential);
        for (int i : potential)
          if (!is_unfiltered[static_cast<std::size_t>(i)] && may_match(i) && RE2::PartialMatch(hay, filter.GetRE2(i)))
            fired.push_back(ids[static_cast<std::size_t>(i)]);
      }
      if (!piece_atoms.empty()) {
        std::sort(piece_atoms.begin(), piece_atoms.end());
        piece_filter.AllPotentials(piece_atoms, &potential);
        for (int k : potential)
          if (pieces[static_cast<std::size_t>(k)].filtered) run_piece(k);
      }
    }
    for (int i : gated)
      if (may_match(i) && RE2::PartialMatch(hay, filter.GetRE2(i))) fired.push_back(ids[static_cast<std::size_t>(i)]);
    last_parent = -1;
    for (int k : gated_pieces) run_piece(k);
    for (std::size_t set = 0; set < unfiltered.size(); ++set) {
      if (!((set + 1) & language) || !unfiltered[set]) continue;
      if (!unfiltered_always[set] &&
          std::none_of(unfiltered_literals[set].begin(), unfiltered_literals[set].end(),
                       [&](const std::string& lit) { return text.find(lit) != std::string_view::npos; }))
        continue;
      got.clear();
      if (unfiltered[set]->Match(hay, &got))
        for (int k : got) fired.push_back(ids[static_cast<std::size_t>(unfiltered_index[set][static_cast<std::size_t>(k)])]);
    }
  }
};

PatternBank::PatternBank(RegexLimits limits) : limits_(limits) {}
PatternBank::PatternBank(PatternBank&&) noexcept = default;
PatternBank& PatternBank::operator=(PatternBank&&) noexcept = default;
PatternBank::~PatternBank() = default;

int PatternBank::add(const std::string& regex, bool on_original, std::string& error, std::uint8_t languages) {
  if (!(languages & kAnyLanguage)) languages = kAnyLanguage;
  auto& form = on_original ? orig_ : norm_;
  if (!form) form = std::make_unique<Form>(on_original);
  const std::string pattern = narrow_letter_classes(regex, on_original);
  int index = -1;
  if (form->filter.Add(pattern, options(limits_.per_pattern), &index) != RE2::NoError) {
    // FilteredRE2 keeps only the code; RE2 itself says what is wrong, and where
    RE2 failed(pattern, options(limits_.per_pattern));
    error = failed.error().empty() ? "RE2 could not compile it" : failed.error();
    return -1;
  }
  form->required.push_back(required_bytes(pattern));
  form->languages.push_back(languages & kAnyLanguage);
  entries_.push_back({pattern, on_original, index});
  const int id = static_cast<int>(entries_.size() - 1);
  form->ids.push_back(id);
  return id;
}

const RE2& PatternBank::re(int id) const {
  const Entry& e = entries_[static_cast<std::size_t>(id)];
  return (e.original ? orig_ : norm_)->filter.GetRE2(e.index);
}

PatternBank::Cost PatternBank::cost(int id) const {
  const Entry& e = entries_[static_cast<std::size_t>(id)];
  const Form& form = *(e.original ? orig_ : norm_);
  Cost c;
  c.program = form.filter.GetRE2(e.index).ProgramSize();
  for (std::size_t k = 0; k < form.pieces.size(); ++k) {
    if (form.pieces[k].parent != e.index) continue;
    ++c.pieces;
    c.piece_program += form.piece_filter.GetRE2(static_cast<int>(k)).ProgramSize();
  }
  return c;
}

bool PatternBank::compile(std::string& error) {
  for (auto* form : {norm_.get(), orig_.get()})
    if (form && !form->compile(limits_.per_set)) {
      error = "the combined pattern set exceeds its memory limit";
      return false;
    }
  return true;
}

void PatternBank::scan(const AnalyzedText& text, std::vector<int>& fired, std::uint8_t language) const {
  fired.clear();
  if (!(language & kAnyLanguage)) language = kAnyLanguage;
  if (norm_) norm_->scan(text.norm, fired, language);
  if (orig_) orig_->scan(text.original, fired, language);
  std::sort(fired.begin(), fired.end());
  fired.erase(std::unique(fired.begin(), fired.end()), fired.end());  // two pieces of one pattern
}

}  // namespace grabli
