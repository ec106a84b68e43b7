#include "policy/stem_table.h"

#include <algorithm>

namespace grabli {

std::optional<std::vector<std::string>> table_stems(std::string_view word, const DictionaryPaths& paths) {
  static const bool valid = [&] {
    const auto a = embedded_stem_table_info();
    const auto b = dictionary_signature(paths);
    return !embedded_stem_table().empty() && a.ru_aff == b.ru_aff && a.ru_dic == b.ru_dic && a.en_aff == b.en_aff &&
           a.en_dic == b.en_dic;
  }();
  if (!valid) return std::nullopt;
  const auto& t = embedded_stem_table();
  auto it = std::lower_bound(t.begin(), t.end(), word, [](const StemTableEntry& e, std::string_view w) { return e.word < w; });
  if (it == t.end() || it->word != word) return std::nullopt;
  std::vector<std::string> out;
  std::string_view s = it->stems;
  while (!s.empty()) {
    const auto bar = s.find('|');
    out.emplace_back(s.substr(0, bar));
    if (bar == std::string_view::npos) break;
    s.remove_prefix(bar + 1);
  }
  return out;
}

}  // namespace grabli
