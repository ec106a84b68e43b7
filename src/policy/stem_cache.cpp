#include "policy/stem_cache.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <unistd.h>

namespace grabli {
namespace fs = std::filesystem;

StemCache::StemCache(fs::path dir, const DictionaryPaths& paths, std::string_view policy_key) {
  const auto sig = dictionary_signature(paths);
  header_ = "grabli-stems 1 " + std::to_string(sig.ru_aff) + " " + std::to_string(sig.ru_dic) + " " +
            std::to_string(sig.en_aff) + " " + std::to_string(sig.en_dic);
  std::string key = header_;
  if (!policy_key.empty()) key.append("\n").append(policy_key);
  file_ = dir / ("stems-" + std::to_string(std::hash<std::string>{}(key)) + ".tsv");
}

std::string StemCache::policy_key(const std::vector<std::string>& source_paths) {
  std::vector<std::string> keys;
  keys.reserve(source_paths.size());
  for (const auto& p : source_paths) {
    std::error_code ec;
    // "<embedded>/…" names a shipped pack, not a file
    const auto abs = p.empty() || p.front() == '<' ? fs::path(p) : fs::absolute(p, ec);
    keys.push_back(ec ? p : abs.lexically_normal().string());
  }
  std::sort(keys.begin(), keys.end());
  std::string key;
  for (const auto& k : keys) key.append(k).push_back('\n');
  return key;
}

std::optional<fs::path> StemCache::default_dir() {
  auto env = [](const char* name) -> std::optional<std::string> {
    const char* v = std::getenv(name);
    if (!v) return std::nullopt;
    return std::string(v);
  };
  if (auto d = env("GRABLI_CACHE_DIR")) {
    if (d->empty() || *d == "off") return std::nullopt;
    return fs::path(*d);
  }
  if (auto d = env("XDG_CACHE_HOME"); d && !d->empty() && fs::path(*d).is_absolute()) return fs::path(*d) / "grabli";
  if (auto h = env("HOME"); h && !h->empty()) return fs::path(*h) / ".cache" / "grabli";
  return std::nullopt;
}

void StemCache::load() {
  loaded_ = true;
  std::error_code ec;
  const auto size = fs::file_size(file_, ec);
  if (ec || size > kMaxFileBytes) return;
  std::ifstream in(file_, std::ios::binary);
  std::string line;
  if (!std::getline(in, line) || line != header_) return;
  decltype(stems_) read;
  while (std::getline(in, line) && read.size() < kMaxEntries) {
    // word TAB stem|stem…   (no stems: nothing after the tab)
    const auto tab = line.find('\t');
    if (tab == std::string::npos || tab == 0) return;  // not ours, or cut short: ignore the file
    Entry entry;
    std::string_view rest = std::string_view(line).substr(tab + 1);
    while (!rest.empty()) {
      const auto bar = rest.find('|');
      if (bar == 0) return;
      entry.stems.emplace_back(rest.substr(0, bar));
      if (bar == std::string_view::npos) break;
      rest.remove_prefix(bar + 1);
    }
    read.emplace(line.substr(0, tab), std::move(entry));
  }
  if (!in.eof() && read.size() < kMaxEntries) return;  // a read error
  stems_ = std::move(read);
}

const std::vector<std::string>* StemCache::find(std::string_view word) {
  if (!loaded_) load();
  const auto it = stems_.find(word);
  if (it == stems_.end()) return nullptr;
  it->second.used = true;
  return &it->second.stems;
}

void StemCache::add(std::string word, std::vector<std::string> stems) {
  if (!loaded_) load();
  // words and stems are normalised words: no tabs, bars or new lines, but a policy is input
  auto plain = [](std::string_view s) { return !s.empty() && s.find_first_of("\t|\n\r") == std::string_view::npos; };
  if (!plain(word) || stems_.size() >= kMaxEntries) return;
  for (const auto& s : stems)
    if (!plain(s)) return;
  dirty_ |= stems_.emplace(std::move(word), Entry{std::move(stems), true}).second;
}

void StemCache::save() {
  std::size_t used = 0;
  for (const auto& [word, entry] : stems_) used += entry.used;
  if (!dirty_ && used == stems_.size()) return;
  dirty_ = false;
  std::error_code ec;
  fs::create_directories(file_.parent_path(), ec);
  const fs::path tmp = file_.string() + "." + std::to_string(::getpid()) + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return;
    out << header_ << '\n';
    for (const auto& [word, entry] : stems_) {
      if (!entry.used) continue;
      out << word << '\t';
      for (std::size_t i = 0; i < entry.stems.size(); ++i) out << (i ? "|" : "") << entry.stems[i];
      out << '\n';
    }
    out.flush();
    if (!out) {
      fs::remove(tmp, ec);
      return;
    }
  }
  fs::rename(tmp, file_, ec);
  if (ec) fs::remove(tmp, ec);
}

}  // namespace grabli
