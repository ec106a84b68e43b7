#include "text/normalize.h"

#include "text/analyzer.h"
#include "text/utf8.h"

namespace grabli {

namespace {
// Whether the analyser would give the text back as it is: one word of lower-case ASCII letters,
// or of Cyrillic а–я (ё folds to е), and nothing else. Most words of a policy's phrases are.
bool already_normal(std::string_view text) {
  if (text.empty()) return false;
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  if (p[0] < 0x80) {
    for (std::size_t i = 0; i < text.size(); ++i)
      if (p[i] < 'a' || p[i] > 'z') return false;
    return true;
  }
  if (text.size() % 2) return false;
  for (std::size_t i = 0; i < text.size(); i += 2) {
    const bool a_to_pe = p[i] == 0xD0 && p[i + 1] >= 0xB0 && p[i + 1] <= 0xBF;  // а–п
    const bool r_to_ya = p[i] == 0xD1 && p[i + 1] >= 0x80 && p[i + 1] <= 0x8F;  // р–я
    if (!a_to_pe && !r_to_ya) return false;
  }
  return true;
}
}  // namespace

std::string normalize_words(std::string_view text, std::string_view separator) {
  if (already_normal(text)) return std::string(text);
  // Human-written words go through the same analyser a post does; no dictionaries needed.
  static const KeyTable empty;
  thread_local Lemmatizer lem(empty, DictionaryPaths{});
  thread_local Analyzer an(lem);
  thread_local AnalyzedText t;
  an.analyze(text, t, false);
  std::string out;
  for (const auto& tok : t.tokens) {
    if (!out.empty()) out += separator;
    out += t.norm_of(tok);
  }
  return out;
}

std::string normalize_word(std::string_view word) { return normalize_words(word, ""); }

std::string capitalised(std::string_view norm_word) {
  if (norm_word.empty()) return {};
  const auto d = utf8::decode(norm_word, 0);
  char32_t up = 0;
  if (d.cp >= 'a' && d.cp <= 'z') up = d.cp - 32;
  else if (d.cp >= 0x430 && d.cp <= 0x44F) up = d.cp - 0x20;
  else if (d.cp == 0x451) up = 0x401;
  if (!up) return {};
  std::string out;
  utf8::append(out, up);
  out.append(norm_word.substr(d.len));
  return out;
}

}  // namespace grabli
