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

}  // namespace grabli
