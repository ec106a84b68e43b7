#include "text/stem_filter.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

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
  std::unordered_map<std::string, std::uint8_t> bases;  // base → the longest ending after it
  std::unordered_set<std::string> exact;                // forms of bases too short to list
  keys.for_each_word([&](std::string_view key) {
    for (std::size_t len = 0; len <= std::min(longest_strip, key.size()); ++len) {
      const auto found = by_strip.find(key.substr(key.size() - len));
      if (found == by_strip.end()) continue;
      const Strip& strip = found->second;
      const std::string_view base = key.substr(0, key.size() - len);
      if (chars(base) >= kMinBase) {
        auto& longest = bases[std::string(base)];
        longest = std::max(longest, strip.longest);
      } else if (twofold) {
        short_base = true;  // a second suffix may follow any listed form
      } else {
        for (const auto& a : *strip.appends) exact.insert(std::string(base) + a);
      }
    }
  });
  // one-byte bypasses ("-", digits) are looked up in a table, in one pass over the form
  std::erase_if(f.bypass_, [&](const std::string& b) {
    if (b.size() != 1) return false;
    f.bypass_bytes_[static_cast<unsigned char>(b[0])] = true;
    return true;
  });
  std::size_t slots = 16;
  while (slots < 2 * (bases.size() + exact.size())) slots *= 2;
  f.table_.assign(slots, Entry{});
  for (const auto& [base, longest] : bases) f.add(base, kBase, longest);
  for (const auto& form : exact) {
    if (form.empty()) f.exact_empty_ = true;
    else f.add(form, kExact, 0);
  }
  f.usable_ = !short_base;
  return f;
}

void StemFilter::add(std::string_view s, std::uint8_t kind, std::uint8_t longest) {
  if (s.empty() || s.size() > 0xFFFF) return;  // a key is a word: never empty, never that long
  std::uint64_t h = kHashStart;
  for (unsigned char c : s) h = step(h, c);
  h = finish(h);
  const std::size_t mask = table_.size() - 1;
  std::size_t i = h & mask;
  for (; table_[i].length; i = (i + 1) & mask) {
    Entry& e = table_[i];
    if (e.hash == h && std::string_view(text_).substr(e.offset, e.length) == s) {
      e.kinds |= kind;
      e.longest = std::max(e.longest, longest);
      return;
    }
  }
  table_[i] = {h, static_cast<std::uint32_t>(text_.size()), static_cast<std::uint16_t>(s.size()), longest, kind};
  text_.append(s);
  if (kind == kBase) longest_base_ = std::max(longest_base_, s.size());
}

const StemFilter::Entry* StemFilter::find(std::string_view s, std::uint64_t h) const {
  if (table_.empty()) return nullptr;
  const std::size_t mask = table_.size() - 1;
  for (std::size_t i = h & mask; table_[i].length; i = (i + 1) & mask) {
    const Entry& e = table_[i];
    if (e.hash == h && e.length == s.size() && std::memcmp(text_.data() + e.offset, s.data(), s.size()) == 0) return &e;
  }
  return nullptr;
}

bool StemFilter::base_prefix(std::string_view x) const {
  // every prefix of kMinBase characters or more, followed by no more than its longest ending;
  // then the whole form among the exact ones
  if (x.empty()) return exact_empty_;
  const std::size_t total = chars(x);
  std::uint64_t h = kHashStart;
  std::size_t i = 0, n = 0;
  while (i < x.size()) {
    const std::size_t next = i + utf8::decode(x, i).len;
    for (; i < next; ++i) h = step(h, static_cast<unsigned char>(x[i]));
    if (++n < kMinBase) continue;
    if (i > longest_base_) break;
    if (const Entry* e = find(x.substr(0, i), finish(h)); e && (e->kinds & kBase) && total - n <= e->longest) return true;
  }
  for (; i < x.size(); ++i) h = step(h, static_cast<unsigned char>(x[i]));
  const Entry* e = find(x, finish(h));
  return e && (e->kinds & kExact);
}

bool StemFilter::may_reach_key(std::string_view form) const {
  if (!usable_) return true;
  for (const unsigned char c : form)
    if (bypass_bytes_[c]) return true;
  for (const auto& b : bypass_)
    if (form.find(b) != std::string_view::npos) return true;
  if (base_prefix(form)) return true;
  for (const auto& [strip, append] : prefixes_)
    if (form.starts_with(append)) {
      thread_local std::string root;  // the form with the prefix rule undone
      root.assign(strip).append(form.substr(append.size()));
      if (base_prefix(root)) return true;
    }
  return false;
}

}  // namespace grabli
