#include "policy/stem_cache.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include <unistd.h>

namespace grabli {
namespace fs = std::filesystem;

StemCache::StemCache(fs::path dir, const DictionaryPaths& paths) {
  const auto sig = dictionary_signature(paths);
  header_ = "grabli-stems 1 " + std::to_string(sig.ru_aff) + " " + std::to_string(sig.ru_dic) + " " +
            std::to_string(sig.en_aff) + " " + std::to_string(sig.en_dic);
  file_ = dir / ("stems-" + std::to_string(std::hash<std::string>{}(header_)) + ".tsv");
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
    std::vector<std::string> stems;
    std::string_view rest = std::string_view(line).substr(tab + 1);
    while (!rest.empty()) {
      const auto bar = rest.find('|');
      if (bar == 0) return;
      stems.emplace_back(rest.substr(0, bar));
      if (bar == std::string_view::npos) break;
      rest.remove_prefix(bar + 1);
    }
    read.emplace(line.substr(0, tab), std::move(stems));
  }
  if (!in.eof() && read.size() < kMaxEntries) return;  // a read error
  stems_ = std::move(read);
}

const std::vector<std::string>* StemCache::find(std::string_view word) {
  if (!loaded_) load();
  const auto it = stems_.find(word);
  return it == stems_.end() ? nullptr : &it->second;
}

void StemCache::add(std::string word, std::vector<std::string> stems) {
  if (!loaded_) load();
  // words and stems are normalised words: no tabs, bars or new lines, but a policy is input
  auto plain = [](std::string_view s) { return !s.empty() && s.find_first_of("\t|\n\r") == std::string_view::npos; };
  if (!plain(word) || stems_.size() >= kMaxEntries) return;
  for (const auto& s : stems)
    if (!plain(s)) return;
  dirty_ |= stems_.emplace(std::move(word), std::move(stems)).second;
}

void StemCache::save() {
  if (!dirty_) return;
  dirty_ = false;
  std::error_code ec;
  fs::create_directories(file_.parent_path(), ec);
  const fs::path tmp = file_.string() + "." + std::to_string(::getpid()) + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return;
    out << header_ << '\n';
    for (const auto& [word, stems] : stems_) {
      out << word << '\t';
      for (std::size_t i = 0; i < stems.size(); ++i) out << (i ? "|" : "") << stems[i];
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
