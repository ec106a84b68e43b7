#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "text/lemmatizer.h"

namespace grabli {

enum class Lang : std::uint8_t { ru, en };
std::string_view lang_name(Lang l);
// Languages as bits, for rules and the patterns they own: one bit each, 3 for both.
constexpr std::uint8_t lang_bit(Lang l) { return l == Lang::ru ? 1 : 2; }
inline constexpr std::uint8_t kBothLanguages = 3;
// The bits of a rule's `languages` list; an empty list is both.
std::uint8_t lang_bits(const std::vector<std::string>& names);

enum TokenFlags : std::uint8_t {
  kHasMask = 1,      // a masking character such as '*' stayed in the word
  kHasDigit = 2,     // digits (kept or read as letters)
  kAllDigits = 4,
  kJoined = 8,       // spaced-out letters joined into one word («п и з д е ц»)
  kCapitalised = 16, // first letter upper case in the original
  kAllCaps = 32,
  kMasked = 64,      // masking characters or digits were read as letters
};

struct Token {
  std::uint32_t start = 0, end = 0;            // bytes in the original text
  std::uint32_t norm_begin = 0, norm_len = 0;  // bytes in AnalyzedText::norm
  Lemmatizer::KeyRange keys;                   // rule keys of this word
  std::uint32_t form = Lemmatizer::kNoForm;    // the lemmatizer's cache slot of the normalised form
  std::uint32_t sentence = 0;
  Script script = Script::none;
  std::uint8_t flags = 0;
};

struct Sentence {
  std::uint32_t first_token = 0, end_token = 0;  // [first, end)
};

// The result of the one pass over a post. Buffers are reused between posts.
struct AnalyzedText {
  std::string_view original;
  std::string norm;                        // normalised text, for pattern rules
  std::vector<std::uint32_t> norm_to_orig; // norm byte → original byte; size norm.size()+1
  std::vector<Token> tokens;
  std::vector<Sentence> sentences;
  std::vector<std::uint32_t> invalid_utf8;  // original offsets of invalid bytes
  std::uint32_t cyrillic_letters = 0, latin_letters = 0, upper_letters = 0;
  Lang lang = Lang::ru;

  std::string_view norm_of(const Token& t) const { return {norm.data() + t.norm_begin, t.norm_len}; }
  std::string_view original_of(const Token& t) const { return original.substr(t.start, t.end - t.start); }
  // Original byte span of a norm byte range.
  std::pair<std::uint32_t, std::uint32_t> to_original(std::size_t nb, std::size_t ne) const;
  // Index of the first token whose norm range ends after `norm_pos`.
  std::size_t token_at_norm(std::size_t norm_pos) const;
};

// Normalises, tokenises, splits sentences and looks up keys, in one pass per post.
class Analyzer {
 public:
  explicit Analyzer(Lemmatizer& lemmatizer) : lem_(lemmatizer) {}
  // Lemma lookups only for posts that some lexicon rule could match.
  void analyze(std::string_view text, AnalyzedText& out, bool lemmatise = true);
  Lemmatizer& lemmatizer() { return lem_; }

 private:
  struct Cp {
    char32_t cp;
    std::uint32_t off;
    std::uint8_t len;
    std::uint8_t cls;
    bool upper;
  };
  Lemmatizer& lem_;
  std::vector<Cp> cps_;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> spans_;  // token cp ranges
};

}  // namespace grabli
