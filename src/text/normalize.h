#pragma once
#include <string>
#include <string_view>

#include "text/lemmatizer.h"

namespace grabli {

// Character classes the tokenizer and normaliser agree on. Inline: the analyser asks them for
// every code point of every post.
inline bool is_cyrillic(char32_t c) { return c >= 0x0400 && c <= 0x04FF; }
inline bool is_latin(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7);
}
inline bool is_letter(char32_t c) {
  return is_latin(c) || is_cyrillic(c) || (c >= 0x370 && c <= 0x3FF) ||  // Greek
         (c >= 0x531 && c <= 0x587) ||                                    // Armenian
         (c >= 0x5D0 && c <= 0x5EA) || (c >= 0x620 && c <= 0x64A) ||      // Hebrew, Arabic
         (c >= 0x10A0 && c <= 0x10FF) || (c >= 0x3040 && c <= 0x9FFF) ||  // Georgian, CJK
         (c >= 0xAC00 && c <= 0xD7A3);
}
// zero-width characters and the soft hyphen
inline bool is_ignorable(char32_t c) {
  return c == 0x00AD || c == 0x200B || c == 0x200C || c == 0x200D || c == 0x2060 || c == 0xFEFF;
}
inline bool is_combining(char32_t c) { return c >= 0x0300 && c <= 0x036F; }

// Lower case, ё→е; Cyrillic and Latin case folding.
inline char32_t fold_case(char32_t c) {
  if (c >= 'A' && c <= 'Z') return c + 32;
  if (c < 0x80) return c;
  if (c >= 0x0410 && c <= 0x042F) return c + 32;
  if (c == 0x0401 || c == 0x0451) return 0x0435;  // Ё, ё → е
  if (c >= 0x0400 && c <= 0x040F) return c + 80;
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 32;
  return c;
}

// The matching form of one word written by a human (a rule word, a Hunspell stem):
// the same normalisation a post's word goes through.
std::string normalize_word(std::string_view word);
// The matching forms of the words in `text` («интернет-провайдер» is two), joined by `separator`.
std::string normalize_words(std::string_view text, std::string_view separator = " ");
// «есть» → «Есть», "the" → "The": a normalised word with its first letter upper case; empty when
// that letter has no upper case here (Latin and Russian letters do).
std::string capitalised(std::string_view norm_word);

}  // namespace grabli
