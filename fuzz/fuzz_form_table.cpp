// libFuzzer target: form tables (text/form_table.h), made, damaged and read back.
// Input: lines "form<TAB>flags<TAB>stem|stem" up to a NUL byte; after it, (offset, byte) pairs of
// three bytes each that overwrite the written file. With no pair, every form must read back
// with exactly its answers; with pairs, lookups may miss or answer anything, but must stay
// inside the file (ASan) and end, mapped or read with pread().
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "text/form_table.h"

using grabli::FormTable;

namespace {

struct Entry {
  std::uint8_t flags;
  std::vector<std::string> stems;
};

std::vector<std::string> split(std::string_view s, char by) {
  std::vector<std::string> out;
  while (true) {
    const auto at = s.find(by);
    out.emplace_back(s.substr(0, at));
    if (at == std::string_view::npos) return out;
    s.remove_prefix(at + 1);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  const auto nul = in.find('\0');
  const std::string_view forms = in.substr(0, nul);
  const std::string_view damage = nul == std::string_view::npos ? std::string_view{} : in.substr(nul + 1);

  FormTable::Writer w;
  std::map<std::string, Entry> expected;  // the first answer of each encodable form
  std::string enc;
  for (const auto& line : split(forms, '\n')) {
    const auto f = split(line, '\t');
    if (f[0].empty()) continue;
    const std::uint8_t flags = f.size() > 1 && !f[1].empty() ? static_cast<std::uint8_t>(f[1][0]) & 15 : 0;
    std::vector<std::string> stems;
    if (f.size() > 2)
      for (auto& s : split(f[2], '|'))
        if (s.size() <= 255) stems.push_back(std::move(s));
    if (stems.size() > 255) stems.resize(255);
    w.add(f[0], flags, stems);
    if (grabli::encode_form_key(f[0], enc)) expected.try_emplace(f[0], Entry{flags, stems});
  }
  const FormTable::Signature sig{1, 2, 3, 4};
  static const std::string path = (std::filesystem::temp_directory_path() /
                                   ("grabli-fuzz-" + std::to_string(::getpid()) + ".forms")).string();
  std::string error;
  if (!w.write(path, sig, error)) std::abort();  // a table of any forms can be written

  std::string bytes;
  {
    std::ifstream f(path, std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    bytes = ss.str();
  }
  for (std::size_t i = 0; i + 3 <= damage.size(); i += 3) {
    const std::size_t off = (static_cast<std::uint8_t>(damage[i]) << 8 | static_cast<std::uint8_t>(damage[i + 1])) % bytes.size();
    bytes[off] = damage[i + 2];
  }
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;

  // both ways of reading a table: mapped (check) and with pread() (audit)
  for (const auto access : {FormTable::Access::map, FormTable::Access::read}) {
    const auto t = FormTable::open(path, sig, error, access);
    if (damage.size() < 3) {
      if (!t) std::abort();  // an undamaged table opens
      for (const auto& [form, e] : expected) {
        const auto ok = t->spelled(form);
        if (!ok || *ok != ((e.flags & FormTable::kSpelled) != 0)) std::abort();
        std::vector<std::string> stems;
        const bool known = t->stems(form, stems);
        if (known != ((e.flags & FormTable::kStemsKnown) != 0) || (known && stems != e.stems)) std::abort();
      }
      continue;
    }
    if (!t) continue;
    std::vector<std::string> stems;
    for (const auto& [form, e] : expected) {
      (void)t->spelled(form);
      (void)t->stems(form, stems);
    }
    for (const auto& piece : split(damage, ' ')) {
      (void)t->spelled(piece);
      (void)t->stems(piece, stems);
    }
  }
  return 0;
}
