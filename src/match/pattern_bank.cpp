#include "match/pattern_bank.h"

#include <algorithm>

#include <re2/filtered_re2.h>

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

struct PatternBank::Form {
  explicit Form(bool original) : original(original), filter(kMinAtomBytes) {}
  // Shorter atoms (one Cyrillic letter, two Latin ones, ", ") occur in nearly every post: as atoms
  // they only made the literal set slower and sent most patterns to run anyway. Patterns left with
  // no atom are gated by a byte they need, or share the small unfiltered set.
  static constexpr int kMinAtomBytes = 3;
  bool original;
  re2::FilteredRE2 filter;
  std::vector<int> ids;                // filter index → pattern id
  LiteralSet literal_atoms;            // the literals the filter asks for (normalised text)
  std::unique_ptr<RE2::Set> atoms;     // the same, case-insensitive (original text)
  std::unique_ptr<RE2::Set> unfiltered;  // patterns with no atom: always run, together
  std::vector<int> unfiltered_index;   // unfiltered set index → filter index
  std::vector<char> is_unfiltered;     // by filter index
  std::vector<std::optional<ByteSet>> required;  // by filter index: bytes one of which must occur
  std::vector<int> gated;              // atom-less patterns that need a byte: run on their own

  bool compiled = false;

  bool compile(std::int64_t set_mem) {
    if (ids.empty() || compiled) return true;
    compiled = true;
    std::vector<std::string> literals;
    filter.Compile(&literals);
    if (!literals.empty() && !original) {
      // the normalised text is lower case already: an exact, byte-wise automaton will do
      literal_atoms = LiteralSet(literals, static_cast<std::size_t>(set_mem));
      if (!literal_atoms.ok()) return false;
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
    std::vector<int> always;
    filter.AllPotentials({}, &always);
    is_unfiltered.assign(ids.size(), 0);
    for (int i : always) {
      is_unfiltered[static_cast<std::size_t>(i)] = 1;
      if (required[static_cast<std::size_t>(i)]) {
        gated.push_back(i);
        continue;
      }
      if (!unfiltered) unfiltered = std::make_unique<RE2::Set>(options(set_mem), RE2::UNANCHORED);
      if (unfiltered->Add(filter.GetRE2(i).pattern(), nullptr) < 0) return false;
      unfiltered_index.push_back(i);
    }
    if (unfiltered && !unfiltered->Compile()) return false;
    return true;
  }

  void scan(std::string_view text, std::vector<int>& fired) const {
    if (ids.empty()) return;
    const re2::StringPiece hay(text.data(), text.size());
    thread_local std::vector<int> got, potential;
    got.clear();
    std::optional<ByteSet> present;  // computed on first need
    auto may_match = [&](int i) {
      const auto& need = required[static_cast<std::size_t>(i)];
      if (!need) return true;
      if (!present) present = bytes_of(text);
      return (*need & *present).any();
    };
    if (original ? atoms && atoms->Match(hay, &got) : literal_atoms.match(text, got)) {
      std::sort(got.begin(), got.end());
      filter.AllPotentials(got, &potential);
      for (int i : potential)
        if (!is_unfiltered[static_cast<std::size_t>(i)] && may_match(i) && RE2::PartialMatch(hay, filter.GetRE2(i)))
          fired.push_back(ids[static_cast<std::size_t>(i)]);
    }
    for (int i : gated)
      if (may_match(i) && RE2::PartialMatch(hay, filter.GetRE2(i))) fired.push_back(ids[static_cast<std::size_t>(i)]);
    got.clear();
    if (unfiltered && unfiltered->Match(hay, &got))
      for (int k : got) fired.push_back(ids[static_cast<std::size_t>(unfiltered_index[static_cast<std::size_t>(k)])]);
  }
};

PatternBank::PatternBank(RegexLimits limits) : limits_(limits) {}
PatternBank::PatternBank(PatternBank&&) noexcept = default;
PatternBank& PatternBank::operator=(PatternBank&&) noexcept = default;
PatternBank::~PatternBank() = default;

int PatternBank::add(const std::string& regex, bool on_original, std::string& error) {
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
  entries_.push_back({pattern, on_original, index});
  const int id = static_cast<int>(entries_.size() - 1);
  form->ids.push_back(id);
  return id;
}

const RE2& PatternBank::re(int id) const {
  const Entry& e = entries_[static_cast<std::size_t>(id)];
  return (e.original ? orig_ : norm_)->filter.GetRE2(e.index);
}

bool PatternBank::compile(std::string& error) {
  for (auto* form : {norm_.get(), orig_.get()})
    if (form && !form->compile(limits_.per_set)) {
      error = "the combined pattern set exceeds its memory limit";
      return false;
    }
  return true;
}

void PatternBank::scan(const AnalyzedText& text, std::vector<int>& fired) const {
  fired.clear();
  if (norm_) norm_->scan(text.norm, fired);
  if (orig_) orig_->scan(text.original, fired);
  std::sort(fired.begin(), fired.end());
}

}  // namespace grabli
