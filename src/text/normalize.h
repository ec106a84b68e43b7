#pragma once
#include <string>
#include <string_view>

#include "text/lemmatizer.h"

namespace grabli {

// Character classes the tokenizer and normaliser agree on.
bool is_cyrillic(char32_t c);
bool is_latin(char32_t c);
bool is_letter(char32_t c);
bool is_ignorable(char32_t c);  // zero-width characters and the soft hyphen
bool is_combining(char32_t c);

// Lower case, ё→е; Cyrillic and Latin case folding.
char32_t fold_case(char32_t c);

// The matching form of one word written by a human (a rule word, a Hunspell stem):
// the same normalisation a post's word goes through.
std::string normalize_word(std::string_view word);
// The matching forms of the words in `text` («интернет-провайдер» is two), joined by `separator`.
std::string normalize_words(std::string_view text, std::string_view separator = " ");

}  // namespace grabli
