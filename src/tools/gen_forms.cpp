// Build-time tool: Hunspell's answers for every form of the installed ru_RU and en_US
// dictionaries, as form tables (see src/text/form_table.h).
// usage: gen_forms OUT_DIR
// The forms come from applying the .aff file's affix rules to the .dic words; Hunspell itself
// then answers for each one, so a table can only hold Hunspell's own answers. Forms the listing
// misses are simply not in the table, and grabli asks Hunspell for them at run time. (Debian's
// unmunch lists fewer: it compares conditions byte by byte and skips most Cyrillic ones.)
#include <hunspell/hunspell.hxx>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <unordered_map>
#include <thread>
#include <unordered_set>
#include <vector>

#include "text/form_table.h"
#include "text/lemmatizer.h"
#include "text/lemmatizer.h"
#include "text/normalize.h"
#include "text/utf8.h"

namespace {
namespace fs = std::filesystem;
using grabli::FormTable;

// One affix rule of a .aff file: strip that, add this, where the condition holds.
struct Affix {
  std::u32string strip, add;
  // the condition, one unit per character: the allowed characters, or (negated) the refused ones
  struct Unit {
    bool any = false, negated = false;
    std::u32string chars;
  };
  std::vector<Unit> condition;
};
struct AffixClass {
  bool prefix = false, cross = false;
  std::vector<Affix> rules;
};

std::u32string decode(std::string_view s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) {
    const auto d = grabli::utf8::decode(s, i);
    out += d.cp;
    i += d.len;
  }
  return out;
}
std::string encode(const std::u32string& s) {
  std::string out;
  for (char32_t c : s) grabli::utf8::append(out, c);
  return out;
}

std::vector<Affix::Unit> parse_condition(const std::u32string& c) {
  std::vector<Affix::Unit> out;
  for (std::size_t i = 0; i < c.size(); ++i) {
    Affix::Unit u;
    if (c[i] == U'.') {
      u.any = true;
    } else if (c[i] == U'[') {
      std::size_t j = i + 1;
      if (j < c.size() && c[j] == U'^') u.negated = true, ++j;
      for (; j < c.size() && c[j] != U']'; ++j) u.chars += c[j];
      i = j;
    } else {
      u.chars = c[i];
    }
    out.push_back(std::move(u));
  }
  return out;
}

bool unit_matches(const Affix::Unit& u, char32_t c) {
  if (u.any) return true;
  const bool in = u.chars.find(c) != std::u32string::npos;
  return u.negated ? !in : in;
}

// Whether a rule applies to a word: its strip and its condition at the word's end (suffixes) or
// start (prefixes), as Hunspell's affix rules read.
bool applies(const Affix& a, bool prefix, const std::u32string& w) {
  if (a.strip.size() >= w.size() || a.condition.size() > w.size()) return false;
  if (prefix) {
    if (w.compare(0, a.strip.size(), a.strip) != 0) return false;
    for (std::size_t i = 0; i < a.condition.size(); ++i)
      if (!unit_matches(a.condition[i], w[i])) return false;
  } else {
    if (w.compare(w.size() - a.strip.size(), a.strip.size(), a.strip) != 0) return false;
    const std::size_t off = w.size() - a.condition.size();
    for (std::size_t i = 0; i < a.condition.size(); ++i)
      if (!unit_matches(a.condition[i], w[off + i])) return false;
  }
  return true;
}

std::u32string apply(const Affix& a, bool prefix, const std::u32string& w) {
  return prefix ? a.add + w.substr(a.strip.size()) : w.substr(0, w.size() - a.strip.size()) + a.add;
}

// The forms the affix rules make of every dictionary word: each suffix, each prefix, and each
// prefix with each suffix where both allow it (Hunspell's cross product). Continuation classes
// (twofold affixes) are not followed: what that misses, Hunspell answers at run time. Only
// one-character flags (the .aff default, as ru_RU and en_US use) are read.
bool list_forms(const fs::path& dict, std::vector<std::string>& forms) {
  std::ifstream aff(dict.string() + ".aff"), dic(dict.string() + ".dic");
  if (!aff || !dic) return false;
  std::unordered_map<char32_t, AffixClass> classes;
  std::string line;
  while (std::getline(aff, line)) {
    std::istringstream in(line);
    std::string kind, flag, a, b, c;
    if (!(in >> kind >> flag >> a >> b)) continue;
    if (kind == "FLAG") return false;  // long or numeric flags
    if (kind != "SFX" && kind != "PFX") continue;
    const auto f = decode(flag);
    if (f.size() != 1) continue;
    auto [it, fresh] = classes.try_emplace(f[0]);
    AffixClass& cls = it->second;
    if (fresh) {
      cls.prefix = kind == "PFX";
      cls.cross = a == "Y";
      continue;
    }
    if (!(in >> c)) c = ".";
    Affix rule;
    rule.strip = a == "0" ? U"" : decode(a);
    const auto slash = b.find('/');
    const std::string add = b.substr(0, slash);
    rule.add = add == "0" ? U"" : decode(add);
    rule.condition = parse_condition(decode(c));
    cls.rules.push_back(std::move(rule));
  }
  std::getline(dic, line);  // the word count
  std::unordered_set<std::string> seen;
  auto put = [&](const std::u32string& w) {
    std::string s = encode(w);
    if (seen.insert(s).second) forms.push_back(std::move(s));
  };
  while (std::getline(dic, line)) {
    const auto end = line.find_first_of(" \t");  // morphological fields follow a space or tab
    std::string_view entry(line.data(), end == std::string::npos ? line.size() : end);
    if (entry.empty()) continue;
    const auto slash = entry.find('/');
    const std::u32string w = decode(entry.substr(0, slash));
    const std::u32string flags = slash == std::string_view::npos ? U"" : decode(entry.substr(slash + 1));
    put(w);
    std::vector<std::u32string> crossing;  // suffixed forms a prefix may join
    for (char32_t f : flags) {
      const auto it = classes.find(f);
      if (it == classes.end() || it->second.prefix) continue;
      for (const auto& r : it->second.rules)
        if (applies(r, false, w)) {
          auto form = apply(r, false, w);
          put(form);
          if (it->second.cross) crossing.push_back(std::move(form));
        }
    }
    for (char32_t f : flags) {
      const auto it = classes.find(f);
      if (it == classes.end() || !it->second.prefix) continue;
      for (const auto& r : it->second.rules) {
        if (!applies(r, true, w)) continue;  // the condition reads the root
        put(apply(r, true, w));
        if (it->second.cross)
          for (const auto& s : crossing)
            if (s.compare(0, r.strip.size(), r.strip) == 0) put(apply(r, true, s));
      }
    }
  }
  return !forms.empty();
}

struct Answer {
  std::uint8_t flags = 0;
  std::vector<std::string> stems;
};

Answer answer(Hunspell& h, const std::string& key) {
  Answer a;
  if (h.spell(key)) a.flags |= FormTable::kSpelled;
  if (const auto cap = grabli::capitalised(key); !cap.empty()) {
    a.flags |= FormTable::kCapitalisedKnown;
    if (h.spell(cap)) a.flags |= FormTable::kCapitalisedSpelled;
  }
  // what Lemmatizer::stems() asks Hunspell for a normalised form
  if (key.size() <= 100 && grabli::normalize_word(key) == key) {
    a.flags |= FormTable::kStemsKnown;
    a.stems = grabli::hunspell_stems(h, key);
  }
  return a;
}

bool make_table(const fs::path& dict, const fs::path& out_dir) {
  const auto name = dict.filename().string();
  const auto sig = FormTable::signature_of(dict);
  std::vector<std::string> forms;
  if (!sig || !list_forms(dict, forms)) {
    std::cerr << "gen_forms: cannot list the forms of " << dict << "; no table for " << name << "\n";
    return false;
  }
  std::unordered_set<std::string> seen;
  std::vector<std::string> keys;
  std::string enc;
  auto add = [&](std::string k) {
    if (grabli::encode_form_key(k, enc) && seen.insert(k).second) keys.push_back(std::move(k));
  };
  for (auto& f : forms) {
    std::string n = grabli::normalize_word(f);
    add(std::move(f));
    if (!n.empty()) add(std::move(n));
  }
  std::vector<Answer> answers(keys.size());
  const unsigned threads = std::max(1u, std::min(4u, std::thread::hardware_concurrency()));
  std::vector<std::unique_ptr<Hunspell>> spellers;
  for (unsigned t = 0; t < threads; ++t)  // constructed one after another: Hunspell 1.7 races
    spellers.push_back(std::make_unique<Hunspell>((dict.string() + ".aff").c_str(), (dict.string() + ".dic").c_str()));
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t)
    pool.emplace_back([&, t] {
      for (std::size_t i = t; i < keys.size(); i += threads) answers[i] = answer(*spellers[t], keys[i]);
    });
  for (auto& th : pool) th.join();
  FormTable::Writer w;
  for (std::size_t i = 0; i < keys.size(); ++i) w.add(keys[i], answers[i].flags, answers[i].stems);
  std::string error;
  if (!w.write(out_dir / (name + ".forms"), *sig, error)) {
    std::cerr << "gen_forms: " << error << "\n";
    return false;
  }
  std::cerr << "gen_forms: " << name << ": " << w.size() << " forms\n";
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: gen_forms OUT_DIR\n";
    return 2;
  }
  const fs::path out_dir = argv[1];
  std::error_code ec;
  fs::create_directories(out_dir, ec);
  const auto paths = grabli::DictionaryPaths::discover();
  // A missing dictionary or table is not a build failure: grabli then asks Hunspell at run time.
  for (const auto& d : {paths.ru, paths.en})
    if (d) make_table(*d, out_dir);
  std::ofstream(out_dir / "forms.stamp") << "made by gen_forms\n";
  return 0;
}
