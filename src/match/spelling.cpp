// kind: spelling — Hunspell, with company vocabulary accepted.
#include <cstring>

#include "match/spans.h"
#include "text/normalize.h"
#include "text/utf8.h"

namespace grabli {
namespace {

// Suggestions per post, and the longest word (bytes) that gets them.
constexpr std::size_t kMaxSuggestedPerPost = 8;
constexpr std::size_t kMaxSuggestedBytes = 48;

// «Есть» for «есть», "The" for "the": the first letter in upper case, the rest the same bytes.
// Not «Ёлка» for «елка», nor a Latin look-alike first letter: those are other spellings.
bool is_capitalised_of(std::string_view form, std::string_view norm) {
  if (form.empty() || norm.empty()) return false;
  const auto f = utf8::decode(form, 0), n = utf8::decode(norm, 0);
  if (f.len != n.len || form.size() != norm.size() ||
      std::memcmp(form.data() + f.len, norm.data() + n.len, form.size() - f.len) != 0)
    return false;
  const char32_t c = n.cp;
  const char32_t upper = (c >= 'a' && c <= 'z') || (c >= 0x0430 && c <= 0x044F) ? c - 32 : 0;
  return upper && f.cp == upper;
}

class SpellingMatcher : public Matcher {
 public:
  // The policy's vocabulary is accepted: the checker's lemmatizer holds it (in_vocabulary).
  explicit SpellingMatcher(std::size_t min_length) : min_length_(min_length) {}

  void match(const MatchContext& ctx, const Rule& rule, std::vector<Finding>& out) const override {
    const auto& text = ctx.text;
    const std::string_view o = text.original;
    std::size_t suggested = 0;
    for (std::size_t i = 0; i < text.tokens.size(); ++i) {
      const auto& t = text.tokens[i];
      if (t.script != Script::cyrillic && t.script != Script::latin) continue;
      if (t.flags & (kHasMask | kHasDigit | kJoined | kAllCaps | kMasked)) continue;
      if (t.norm_len < min_length_ * (t.script == Script::cyrillic ? 2 : 1)) continue;
      // proper names inside a sentence, hashtags, mentions, links and e-mail parts are not prose
      const bool sentence_start = i == 0 || text.tokens[i - 1].sentence != t.sentence;
      if ((t.flags & kCapitalised) && !sentence_start) continue;
      const char before = t.start > 0 ? o[t.start - 1] : ' ';
      const char after = t.end < o.size() ? o[t.end] : ' ';
      if (before == '#' || before == '@' || before == '/' || before == '.' || before == '_' || after == '@' ||
          after == '/' || after == '_' || (after == '.' && t.end + 1 < o.size() && std::isalnum(static_cast<unsigned char>(o[t.end + 1]))))
        continue;
      const auto form = text.original_of(t);
      if (form.size() != t.norm_len) continue;  // look-alikes and masks: other rules judge those
      // most words are written as their normalised form, or capitalised at a sentence's start:
      // then the analyser's cache slot answers, without a string-keyed lookup
      const auto norm = text.norm_of(t);
      if (ctx.lemmatizer.in_vocabulary(t.form, norm)) continue;
      // the sizes are equal (above): memcmp, where string_view's == called an out-of-line compare
      const bool as_normalised = std::memcmp(form.data(), norm.data(), form.size()) == 0;
      auto ok = as_normalised                  ? ctx.lemmatizer.spelled_right(t.form, form, t.script)
                : is_capitalised_of(form, norm) ? ctx.lemmatizer.spelled_right_capitalised(t.form, form, t.script)
                                                : ctx.lemmatizer.spelled_right(form, t.script);
      if (!ok || *ok) continue;
      auto f = make_finding(rule, t.start, t.end);
      // Hunspell's suggest() takes up to half a second on a long or garbled word: a post full
      // of such words would take minutes, so only the first few short ones get suggestions.
      if (suggested >= kMaxSuggestedPerPost || form.size() > kMaxSuggestedBytes) {
        out.push_back(std::move(f));
        continue;
      }
      ++suggested;
      const auto sugg = ctx.spelling_suggestions ? ctx.lemmatizer.suggest(form, t.script) : std::vector<std::string>{};
      if (!sugg.empty()) {
        std::string s;
        for (std::size_t k = 0; k < sugg.size() && k < 3; ++k) s += (k ? ", " : "") + sugg[k];
        f.suggestion = (ctx.text.lang == Lang::ru ? "Возможно: " : "Did you mean: ") + s;
      }
      out.push_back(std::move(f));
    }
  }

 private:
  std::size_t min_length_;
};

const KindRegistrar reg({"spelling", {"min_length"},
                         [](const YamlNode& n, Rule&, PolicyBuilder&) -> std::unique_ptr<Matcher> {
                           std::size_t min_len = 3;
                           if (n["min_length"]) min_len = n["min_length"].as<std::size_t>(3);
                           return std::make_unique<SpellingMatcher>(min_len);
                         }});

}  // namespace
}  // namespace grabli
