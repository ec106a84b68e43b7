#include "match/pattern_bank.h"

#include <algorithm>

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

int PatternBank::add(const std::string& regex, bool on_original, std::string& error) {
  if (!norm_set_) {
    norm_set_ = std::make_unique<RE2::Set>(options(limits_.per_set), RE2::UNANCHORED);
    orig_set_ = std::make_unique<RE2::Set>(options(limits_.per_set), RE2::UNANCHORED);
  }
  // RE2::Set::Add parses the pattern and reports RE2's own error message
  auto& set = on_original ? *orig_set_ : *norm_set_;
  auto& ids = on_original ? orig_ids_ : norm_ids_;
  const std::string pattern = narrow_letter_classes(regex, on_original);
  if (set.Add(pattern, &error) < 0) return -1;
  entries_.push_back({pattern, on_original, nullptr, std::make_unique<std::once_flag>()});
  const int id = static_cast<int>(entries_.size() - 1);
  ids.push_back(id);
  return id;
}

const RE2& PatternBank::re(int id) const {
  const Entry& e = entries_[static_cast<std::size_t>(id)];
  std::call_once(*e.once, [&] { e.re = std::make_unique<RE2>(e.pattern, options(limits_.per_pattern)); });
  return *e.re;
}

bool PatternBank::compile(std::string& error) {
  if (!norm_ids_.empty() && !norm_set_->Compile()) {
    error = "the combined pattern set exceeds its memory limit";
    return false;
  }
  if (!orig_ids_.empty() && !orig_set_->Compile()) {
    error = "the combined pattern set exceeds its memory limit";
    return false;
  }
  return true;
}

void PatternBank::scan(const AnalyzedText& text, std::vector<int>& fired) const {
  fired.clear();
  thread_local std::vector<int> got;
  got.clear();
  if (!norm_ids_.empty() && norm_set_->Match(text.norm, &got))
    for (int i : got) fired.push_back(norm_ids_[static_cast<std::size_t>(i)]);
  got.clear();
  if (!orig_ids_.empty() && orig_set_->Match(re2::StringPiece(text.original.data(), text.original.size()), &got))
    for (int i : got) fired.push_back(orig_ids_[static_cast<std::size_t>(i)]);
  std::sort(fired.begin(), fired.end());
}

}  // namespace grabli
