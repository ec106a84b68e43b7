#include "text/stem_filter.h"

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <map>
#include <sstream>

#include "text/normalize.h"
#include "text/utf8.h"

namespace grabli {

namespace {
// Case and ё folded per code point: the same map a post's words and Hunspell's stems go through,
// without dropping anything (an affix may hold an apostrophe).
std::string fold(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    const auto d = utf8::decode(s, i);
    utf8::append(out, fold_case(d.cp));
    i += d.len;
  }
  return out;
}
std::string_view affix_text(std::string_view field) {
  field = field.substr(0, field.find('/'));  // continuation flags
  return field == "0" ? std::string_view() : field;
}
std::size_t chars(std::string_view s) { return utf8::length(s); }
// Shorter bases («на» of «наш») would let too many words through: their forms are listed instead.
constexpr std::size_t kMinBase = 3;
}  // namespace

StemFilter StemFilter::build(const std::filesystem::path& aff, const KeyTable& keys) {
  StemFilter f;
  std::ifstream in(aff);
  if (!in) return f;
  std::map<std::string, std::vector<std::string>> suffixes;  // strip → appends
  bool twofold = false, digits = false, short_base = false;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::istringstream ls(line);
    std::vector<std::string> w;
    for (std::string t; ls >> t && w.size() < 5;) w.push_back(t);
    if (w.empty()) continue;
    const std::string& d = w[0];
    // Compound words start with another word: nothing to say about their first letters.
    if (d.starts_with("COMPOUNDFLAG") || d.starts_with("COMPOUNDBEGIN") || d.starts_with("COMPOUNDMIDDLE") ||
        d.starts_with("COMPOUNDEND") || d == "COMPLEXPREFIXES")
      return f;
    if (d == "COMPOUNDRULE") digits = true;  // en_US: numerals such as 21st
    if (d == "ICONV" && w.size() >= 3) f.bypass_.push_back(fold(w[1]));
    if (d == "IGNORE" && w.size() >= 2)
      for (std::size_t i = 0; i < w[1].size();) {
        const auto c = utf8::decode(w[1], i);
        f.bypass_.push_back(w[1].substr(i, c.len));
        i += c.len;
      }
    if ((d != "SFX" && d != "PFX") || w.size() < 4) continue;
    const bool header = (w[2] == "Y" || w[2] == "N") && w[3].find_first_not_of("0123456789") == std::string::npos;
    if (header) continue;
    twofold |= w[3].find('/') != std::string::npos;
    const std::string strip = fold(affix_text(w[2])), append = fold(affix_text(w[3]));
    if (d == "SFX") suffixes[strip].push_back(append);
    else f.prefixes_.emplace_back(strip, append);
  }
  if (suffixes.empty()) return f;
  suffixes[""].push_back("");  // a root is its own form
  f.bypass_.push_back("-");  // Hunspell checks the parts of a hyphenated word
  if (digits)
    for (char c = '0'; c <= '9'; ++c) f.bypass_.emplace_back(1, c);
  // A key meets the strips it ends with: one probe per ending length, not a test of every strip
  // (ru_RU has hundreds, a large lexicon tens of thousands of keys).
  struct Strip {
    const std::vector<std::string>* appends;
    std::uint8_t longest;  // the longest of the appends, in characters
  };
  std::unordered_map<std::string_view, Strip> by_strip;
  std::size_t longest_strip = 0;
  for (const auto& [strip, appends] : suffixes) {
    std::size_t longest = 0;
    for (const auto& a : appends) longest = std::max(longest, std::min<std::size_t>(chars(a), 255));
    by_strip.emplace(strip, Strip{&appends, static_cast<std::uint8_t>(longest)});
    longest_strip = std::max(longest_strip, strip.size());
  }
  keys.for_each_word([&](std::string_view key) {
    for (std::size_t len = 0; len <= std::min(longest_strip, key.size()); ++len) {
      const auto found = by_strip.find(key.substr(key.size() - len));
      if (found == by_strip.end()) continue;
      const Strip& strip = found->second;
      const std::string_view base = key.substr(0, key.size() - len);
      if (chars(base) >= kMinBase) {
        auto it = f.bases_.find(base);
        if (it == f.bases_.end()) it = f.bases_.emplace(std::string(base), 0).first;
        it->second = std::max(it->second, strip.longest);
      } else if (twofold) {
        short_base = true;  // a second suffix may follow any listed form
      } else {
        for (const auto& a : *strip.appends) f.exact_.insert(std::string(base) + a);
      }
    }
  });
  f.usable_ = !short_base;
  return f;
}

bool StemFilter::base_prefix(std::string_view x) const {
  if (exact_.contains(x)) return true;
  // every prefix of kMinBase characters or more, followed by no more than its longest ending
  const std::size_t total = chars(x);
  std::size_t i = 0, n = 0;
  while (i < x.size()) {
    i += utf8::decode(x, i).len;
    if (++n < kMinBase) continue;
    if (auto it = bases_.find(x.substr(0, i)); it != bases_.end() && total - n <= it->second) return true;
  }
  return false;
}

bool StemFilter::may_reach_key(std::string_view form) const {
  if (!usable_) return true;
  for (const auto& b : bypass_)
    if (form.find(b) != std::string_view::npos) return true;
  if (base_prefix(form)) return true;
  for (const auto& [strip, append] : prefixes_)
    if (form.starts_with(append) && base_prefix(strip + std::string(form.substr(append.size())))) return true;
  return false;
}

}  // namespace grabli
