#include "text/normalize.h"

#include "text/analyzer.h"
#include "text/utf8.h"

namespace grabli {

std::string normalize_words(std::string_view text, std::string_view separator) {
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
