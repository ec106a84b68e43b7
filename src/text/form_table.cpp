#include "text/form_table.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <mutex>

#include "text/utf8.h"

namespace grabli {
namespace fs = std::filesystem;

namespace {

constexpr char kMagic[8] = {'G', 'R', 'B', 'F', 'O', 'R', 'M', '1'};
constexpr std::uint32_t kVersion = 1;
constexpr std::size_t kHeaderBytes = 80;

struct Header {
  char magic[8];
  std::uint32_t version, slot_count;
  std::uint64_t aff_size, dic_size;
  std::int64_t aff_mtime, dic_mtime;
  std::uint64_t records_size, pool_size, entries, reserved;
};
static_assert(sizeof(Header) == kHeaderBytes);

std::uint32_t hash_key(std::string_view k) {
  std::uint32_t h = 2166136261u;
  for (unsigned char c : k) h = (h ^ c) * 16777619u;
  return h;
}

std::uint32_t read_u32(const unsigned char* p) {
  std::uint32_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

}  // namespace

bool encode_form_key(std::string_view form, std::string& out) {
  out.clear();
  if (form.size() > 2 * 255) return false;
  for (std::size_t i = 0; i < form.size();) {
    const auto c = static_cast<unsigned char>(form[i]);
    if (c < 0x80) {
      out += static_cast<char>(c);
      ++i;
      continue;
    }
    const auto d = utf8::decode(form, i);
    if (d.len != 2 || d.cp < 0x400 || d.cp > 0x47F) return false;
    out += static_cast<char>(0x80 + (d.cp - 0x400));
    i += d.len;
  }
  return !out.empty() && out.size() <= 255;
}

std::optional<FormTable::Signature> FormTable::signature_of(const fs::path& dictionary) {
  Signature s;
  struct stat st{};
  if (::stat((dictionary.string() + ".aff").c_str(), &st) != 0) return std::nullopt;
  s.aff_size = static_cast<std::uint64_t>(st.st_size);
  s.aff_mtime = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
  if (::stat((dictionary.string() + ".dic").c_str(), &st) != 0) return std::nullopt;
  s.dic_size = static_cast<std::uint64_t>(st.st_size);
  s.dic_mtime = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
  return s;
}

std::unique_ptr<FormTable> FormTable::open(const fs::path& file, const Signature& expected, std::string& error) {
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    error = "cannot open " + file.string() + ": " + std::strerror(errno);
    return nullptr;
  }
  struct stat st{};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || static_cast<std::size_t>(st.st_size) < kHeaderBytes) {
    ::close(fd);
    error = file.string() + " is not a form table";
    return nullptr;
  }
  const auto length = static_cast<std::size_t>(st.st_size);
  void* map = ::mmap(nullptr, length, PROT_READ, MAP_PRIVATE, fd, 0);
  ::close(fd);
  if (map == MAP_FAILED) {
    error = "cannot map " + file.string() + ": " + std::strerror(errno);
    return nullptr;
  }
  std::unique_ptr<FormTable> t(new FormTable);
  t->base_ = static_cast<const unsigned char*>(map);
  t->length_ = length;
  Header h;
  std::memcpy(&h, t->base_, sizeof h);
  const std::uint64_t slots_bytes = std::uint64_t{h.slot_count} * 4;
  if (std::memcmp(h.magic, kMagic, sizeof kMagic) != 0 || h.version != kVersion) {
    error = file.string() + " is not a form table of this grabli";
    return nullptr;
  }
  if (h.slot_count == 0 || (h.slot_count & (h.slot_count - 1)) != 0 || h.records_size > length ||
      h.pool_size > length || kHeaderBytes + slots_bytes + h.records_size + h.pool_size != length) {
    error = file.string() + " is damaged (its sections do not add up to its size)";
    return nullptr;
  }
  const Signature got{h.aff_size, h.dic_size, h.aff_mtime, h.dic_mtime};
  if (!(got == expected)) {
    error = file.string() + " was made from other dictionary files";
    return nullptr;
  }
  ::madvise(map, length, MADV_RANDOM);  // a lookup touches two pages; read-ahead would only grow RSS
  t->slots_ = reinterpret_cast<const std::uint32_t*>(t->base_ + kHeaderBytes);
  t->slot_mask_ = h.slot_count - 1;
  t->records_ = t->base_ + kHeaderBytes + slots_bytes;
  t->records_size_ = h.records_size;
  t->pool_ = t->records_ + h.records_size;
  t->pool_size_ = h.pool_size;
  t->entries_ = static_cast<std::size_t>(h.entries);
  return t;
}

FormTable::~FormTable() {
  if (base_) ::munmap(const_cast<unsigned char*>(base_), length_);
}

const FormTable* FormTable::for_dictionary(const fs::path& dictionary) {
  static std::mutex m;
  static std::map<std::string, std::unique_ptr<FormTable>> opened;  // null: none for it
  std::lock_guard lock(m);
  const std::string key = dictionary.string();
  if (auto it = opened.find(key); it != opened.end()) return it->second.get();
  auto& slot = opened[key];
  std::vector<fs::path> dirs;
  if (const char* env = std::getenv("GRABLI_FORMS_DIR"); env && *env) {
    if (std::string_view(env) == "off") return nullptr;
    dirs.emplace_back(env);
  } else {
    std::error_code ec;
    const auto exe = fs::read_symlink("/proc/self/exe", ec);
    if (ec) return nullptr;
    dirs = {exe.parent_path() / "share" / "grabli", exe.parent_path().parent_path() / "share" / "grabli"};
  }
  const auto sig = signature_of(dictionary);
  if (!sig) return nullptr;
  for (const auto& d : dirs) {
    std::string error;
    const auto file = d / (dictionary.filename().string() + ".forms");
    std::error_code ec;
    if (!fs::exists(file, ec)) continue;
    // a stale or damaged table only costs the time it would have saved: Hunspell answers instead
    slot = open(file, *sig, error);
    if (slot) break;
  }
  return slot.get();
}

const std::uint8_t* FormTable::find(std::string_view k) const {
  std::uint32_t i = hash_key(k) & slot_mask_;
  for (std::uint32_t probes = 0; probes <= slot_mask_; ++probes, i = (i + 1) & slot_mask_) {
    const std::uint32_t v = read_u32(reinterpret_cast<const unsigned char*>(slots_ + i));
    if (v == 0) return nullptr;
    const std::uint64_t off = v - 1;
    if (off >= records_size_) return nullptr;
    const unsigned char* rec = records_ + off;
    const std::uint64_t len = rec[0];
    if (off + 1 + len + 2 > records_size_) return nullptr;
    if (len == k.size() && std::memcmp(rec + 1, k.data(), len) == 0) return rec + 1 + len;
  }
  return nullptr;
}

std::optional<bool> FormTable::spelled(std::string_view form) const {
  thread_local std::string k;
  if (!encode_form_key(form, k)) return std::nullopt;
  if (const auto* f = find(k)) return (*f & kSpelled) != 0;
  // «Есть», "The": Hunspell's answer for the capitalised form is kept with the lower-case one
  auto& c = reinterpret_cast<unsigned char&>(k[0]);
  if (c >= 'A' && c <= 'Z') c += 32;
  else if (c >= 0x90 && c <= 0xAF) c += 0x20;  // А–Я
  else if (c == 0x81) c = 0xD1;                // Ё
  else return std::nullopt;
  if (const auto* f = find(k); f && (*f & kCapitalisedKnown)) return (*f & kCapitalisedSpelled) != 0;
  return std::nullopt;
}

bool FormTable::stems(std::string_view norm_form, std::vector<std::string>& out) const {
  thread_local std::string k;
  if (!encode_form_key(norm_form, k)) return false;
  const auto* f = find(k);
  if (!f || !(*f & kStemsKnown)) return false;
  const std::size_t n = f[1];
  const unsigned char* refs = f + 2;
  if (static_cast<std::uint64_t>(refs + 4 * n - records_) > records_size_) return false;
  std::vector<std::string> got;
  got.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint64_t off = read_u32(refs + 4 * i);
    if (off >= pool_size_ || off + 1 + pool_[off] > pool_size_) return false;
    got.emplace_back(reinterpret_cast<const char*>(pool_ + off + 1), pool_[off]);
  }
  out = std::move(got);
  return true;
}

void FormTable::Writer::add(std::string_view form, std::uint8_t flags, const std::vector<std::string>& stems) {
  std::string k;
  if (!encode_form_key(form, k)) return;
  records_.push_back(static_cast<std::uint32_t>(records_bytes_.size()));
  records_bytes_ += static_cast<char>(k.size());
  records_bytes_ += k;
  records_bytes_ += static_cast<char>(flags);
  std::size_t n = 0;
  std::string refs;
  for (const auto& s : stems) {
    if (s.size() > 255 || n == 255) continue;
    auto [it, fresh] = pool_index_.emplace(s, static_cast<std::uint32_t>(pool_.size()));
    if (fresh) {
      pool_ += static_cast<char>(s.size());
      pool_ += s;
    }
    char b[4];
    std::memcpy(b, &it->second, 4);
    refs.append(b, 4);
    ++n;
  }
  records_bytes_ += static_cast<char>(n);
  records_bytes_ += refs;
  keys_.push_back(std::move(k));
}

bool FormTable::Writer::write(const fs::path& file, const Signature& sig, std::string& error) const {
  std::uint32_t slot_count = 16;
  while (slot_count < keys_.size() + keys_.size() / 4) slot_count *= 2;  // at most 80 % full
  std::vector<std::uint32_t> slots(slot_count, 0);
  const std::uint32_t mask = slot_count - 1;
  std::size_t entries = 0;
  for (std::size_t i = 0; i < keys_.size(); ++i) {
    std::uint32_t s = hash_key(keys_[i]) & mask;
    while (slots[s] != 0 && keys_[slots[s] - 1] != keys_[i]) s = (s + 1) & mask;  // key index + 1, for now
    if (slots[s] != 0) continue;  // the same form twice: the first answer stays
    slots[s] = static_cast<std::uint32_t>(i + 1);
    ++entries;
  }
  for (auto& v : slots)
    if (v) v = records_[v - 1] + 1;
  Header h{};
  std::memcpy(h.magic, kMagic, sizeof kMagic);
  h.version = kVersion;
  h.slot_count = slot_count;
  h.aff_size = sig.aff_size;
  h.dic_size = sig.dic_size;
  h.aff_mtime = sig.aff_mtime;
  h.dic_mtime = sig.dic_mtime;
  h.records_size = records_bytes_.size();
  h.pool_size = pool_.size();
  h.entries = entries;
  const fs::path tmp = file.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(&h), sizeof h);
    out.write(reinterpret_cast<const char*>(slots.data()), static_cast<std::streamsize>(slots.size() * 4));
    out.write(records_bytes_.data(), static_cast<std::streamsize>(records_bytes_.size()));
    out.write(pool_.data(), static_cast<std::streamsize>(pool_.size()));
    out.flush();
    if (!out) {
      error = "cannot write " + tmp.string();
      return false;
    }
  }
  std::error_code ec;
  fs::rename(tmp, file, ec);
  if (ec) {
    error = "cannot rename " + tmp.string() + ": " + ec.message();
    return false;
  }
  return true;
}

}  // namespace grabli
