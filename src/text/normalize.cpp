#include "text/normalize.h"

#include "text/analyzer.h"
#include "text/utf8.h"

namespace grabli {

bool is_cyrillic(char32_t c) { return c >= 0x0400 && c <= 0x04FF; }
bool is_latin(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7);
}
bool is_letter(char32_t c) {
  return is_latin(c) || is_cyrillic(c) || (c >= 0x370 && c <= 0x3FF) ||  // Greek
         (c >= 0x531 && c <= 0x587) ||                                    // Armenian
         (c >= 0x5D0 && c <= 0x5EA) || (c >= 0x620 && c <= 0x64A) ||      // Hebrew, Arabic
         (c >= 0x10A0 && c <= 0x10FF) || (c >= 0x3040 && c <= 0x9FFF) ||  // Georgian, CJK
         (c >= 0xAC00 && c <= 0xD7A3);
}
bool is_ignorable(char32_t c) {
  return c == 0x00AD || c == 0x200B || c == 0x200C || c == 0x200D || c == 0x2060 || c == 0xFEFF;
}
bool is_combining(char32_t c) { return c >= 0x0300 && c <= 0x036F; }

char32_t fold_case(char32_t c) {
  if (c >= 'A' && c <= 'Z') return c + 32;
  if (c < 0x80) return c;
  if (c >= 0x0410 && c <= 0x042F) return c + 32;
  if (c == 0x0401 || c == 0x0451) return 0x0435;  // Ё, ё → е
  if (c >= 0x0400 && c <= 0x040F) return c + 80;
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 32;
  return c;
}

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

}  // namespace grabli
