#include "text/form_table.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <mutex>
#include <unordered_map>

#include "text/utf8.h"

namespace grabli {
namespace fs = std::filesystem;

namespace {

constexpr char kMagic[8] = {'G', 'R', 'B', 'F', 'O', 'R', 'M', '1'};
constexpr std::uint32_t kVersion = 3;  // 3: records grouped in buckets
// A thread's buffer for the bucket it reads (grown for a larger one).
constexpr std::size_t kBucketBuffer = 2048;
// No bucket the writer makes is longer (a few records of tens of bytes each); a longer one is
// damage, and a lookup in it a miss rather than a read of megabytes.
constexpr std::size_t kMaxBucket = 64 * 1024;
constexpr std::size_t kHeaderBytes = 80;

struct Header {
  char magic[8];
  std::uint32_t version, bucket_count;
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

std::unique_ptr<FormTable> FormTable::open(const fs::path& file, const Signature& expected, std::string& error,
                                           Access access) {
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    error = "cannot open " + file.string() + ": " + std::strerror(errno);
    return nullptr;
  }
  std::unique_ptr<FormTable> t(new FormTable);
  t->fd_ = fd;  // closed by the destructor, or below once mapped
  struct stat st{};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || static_cast<std::size_t>(st.st_size) < kHeaderBytes) {
    error = file.string() + " is not a form table";
    return nullptr;
  }
  const auto length = static_cast<std::size_t>(st.st_size);
  t->length_ = length;
  Header h;
  if (::pread(fd, &h, sizeof h, 0) != static_cast<ssize_t>(sizeof h)) {
    error = "cannot read " + file.string() + ": " + std::strerror(errno);
    return nullptr;
  }
  const std::uint64_t directory_bytes = (std::uint64_t{h.bucket_count} + 1) * 4;
  if (std::memcmp(h.magic, kMagic, sizeof kMagic) != 0 || h.version != kVersion) {
    error = file.string() + " is not a form table of this grabli";
    return nullptr;
  }
  if (h.bucket_count == 0 || (h.bucket_count & (h.bucket_count - 1)) != 0 || h.records_size > length ||
      h.pool_size > length || kHeaderBytes + directory_bytes + h.records_size + h.pool_size != length) {
    error = file.string() + " is damaged (its sections do not add up to its size)";
    return nullptr;
  }
  const Signature got{h.aff_size, h.dic_size, h.aff_mtime, h.dic_mtime};
  if (!(got == expected)) {
    error = file.string() + " was made from other dictionary files";
    return nullptr;
  }
  if (access == Access::map) {
    void* map = ::mmap(nullptr, length, PROT_READ, MAP_PRIVATE, fd, 0);
    if (map == MAP_FAILED) {
      error = "cannot map " + file.string() + ": " + std::strerror(errno);
      return nullptr;
    }
    ::madvise(map, length, MADV_RANDOM);  // a lookup touches two pages; read-ahead would only grow RSS
    t->base_ = static_cast<const unsigned char*>(map);
    ::close(fd);
    t->fd_ = -1;
  } else {
    // read: the directory is kept in memory (4 bytes a bucket), so a lookup is one pread()
    t->directory_.resize(h.bucket_count + std::size_t{1});
    const auto want = static_cast<ssize_t>(directory_bytes);
    if (::pread(fd, t->directory_.data(), directory_bytes, kHeaderBytes) != want) {
      error = "cannot read " + file.string() + ": " + std::strerror(errno);
      return nullptr;
    }
  }
  t->directory_at_ = kHeaderBytes;
  t->bucket_mask_ = h.bucket_count - 1;
  t->records_at_ = kHeaderBytes + directory_bytes;
  t->records_size_ = h.records_size;
  t->pool_at_ = t->records_at_ + h.records_size;
  t->pool_size_ = h.pool_size;
  t->entries_ = static_cast<std::size_t>(h.entries);
  t->path_ = file;
  return t;
}

FormTable::~FormTable() {
  if (base_) ::munmap(const_cast<unsigned char*>(base_), length_);
  if (fd_ >= 0) ::close(fd_);
}

const FormTable* FormTable::for_dictionary(const fs::path& dictionary, Access access) {
  static std::mutex m;
  static std::map<std::pair<std::string, Access>, std::unique_ptr<FormTable>> opened;  // null: none for it
  std::lock_guard lock(m);
  const std::pair key{dictionary.string(), access};
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
    slot = open(file, *sig, error, access);
    if (slot) break;
  }
  return slot.get();
}

const unsigned char* FormTable::bytes(std::uint64_t offset, std::size_t len, unsigned char* buf) const {
  if (base_) return base_ + offset;
  std::size_t got = 0;
  while (got < len) {
    const ssize_t n = ::pread(fd_, buf + got, len - got, static_cast<off_t>(offset + got));
    if (n > 0) got += static_cast<std::size_t>(n);
    else if (n < 0 && errno == EINTR) continue;
    else return nullptr;  // the file shrank under us: a miss
  }
  return buf;
}

bool FormTable::find(std::string_view k, Record& out) const {
  const std::uint32_t b = hash_key(k) & bucket_mask_;
  std::uint32_t begin, end;
  if (base_) {
    begin = read_u32(base_ + directory_at_ + 4 * std::uint64_t{b});
    end = read_u32(base_ + directory_at_ + 4 * (std::uint64_t{b} + 1));
  } else {
    begin = directory_[b];
    end = directory_[b + 1];
  }
  if (begin >= end || end > records_size_ || end - begin > kMaxBucket) return false;  // empty, or damaged
  const std::size_t len = end - begin;
  thread_local std::vector<unsigned char> buf;  // unmapped: the bucket read, which `out` points into
  if (!base_ && buf.size() < len) buf.resize(std::max(len, kBucketBuffer));
  const unsigned char* bucket = bytes(records_at_ + begin, len, buf.data());
  if (!bucket) return false;
  for (std::size_t p = 0; p < len;) {
    const std::size_t key_len = bucket[p], head = 1 + key_len + 2;
    if (p + head > len) return false;
    const std::size_t stem_count = bucket[p + head - 1], size = head + 4 * stem_count;
    if (p + size > len) return false;
    if (key_len == k.size() && std::memcmp(bucket + p + 1, k.data(), key_len) == 0) {
      out.flags = bucket[p + 1 + key_len];
      out.stem_count = stem_count;
      out.stem_offsets = bucket + p + head;
      return true;
    }
    p += size;
  }
  return false;
}

std::optional<bool> FormTable::spelled(std::string_view form) const {
  thread_local std::string k;
  if (!encode_form_key(form, k)) return std::nullopt;
  Record r;
  if (find(k, r)) return (r.flags & kSpelled) != 0;
  // «Есть», "The": Hunspell's answer for the capitalised form is kept with the lower-case one
  auto& c = reinterpret_cast<unsigned char&>(k[0]);
  if (c >= 'A' && c <= 'Z') c += 32;
  else if (c >= 0x90 && c <= 0xAF) c += 0x20;  // А–Я
  else if (c == 0x81) c = 0xD1;                // Ё
  else return std::nullopt;
  if (find(k, r) && (r.flags & kCapitalisedKnown)) return (r.flags & kCapitalisedSpelled) != 0;
  return std::nullopt;
}

bool FormTable::stems(std::string_view norm_form, std::vector<std::string>& out) const {
  thread_local std::string k;
  if (!encode_form_key(norm_form, k)) return false;
  Record r;
  if (!find(k, r) || !(r.flags & kStemsKnown)) return false;
  std::vector<std::string> got;
  got.reserve(r.stem_count);
  unsigned char stem[256];
  for (std::size_t i = 0; i < r.stem_count; ++i) {
    const std::uint64_t off = read_u32(r.stem_offsets + 4 * i);
    if (off >= pool_size_) return false;
    const std::size_t avail = static_cast<std::size_t>(std::min<std::uint64_t>(256, pool_size_ - off));
    const unsigned char* s = bytes(pool_at_ + off, avail, stem);
    if (!s || 1 + std::size_t{s[0]} > avail) return false;
    got.emplace_back(reinterpret_cast<const char*>(s + 1), s[0]);
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
  std::uint32_t bucket_count = 16;
  while (bucket_count < keys_.size() / 2) bucket_count *= 2;  // one to four keys a bucket
  const std::uint32_t mask = bucket_count - 1;
  // one record per distinct key (the same form twice: the first answer stays), by bucket
  std::vector<std::size_t> order;
  std::vector<std::uint32_t> bucket_of(keys_.size());
  {
    std::unordered_map<std::string_view, std::size_t> first;
    for (std::size_t i = 0; i < keys_.size(); ++i)
      if (first.emplace(keys_[i], i).second) {
        order.push_back(i);
        bucket_of[i] = hash_key(keys_[i]) & mask;
      }
  }
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return bucket_of[a] < bucket_of[b]; });
  std::vector<std::uint32_t> directory(bucket_count + std::size_t{1}, 0);
  std::string records;
  records.reserve(records_bytes_.size());
  std::size_t next = 0;
  for (std::uint32_t bucket = 0; bucket <= bucket_count; ++bucket) {
    if (records.size() > 0xFFFFFFFFu) {
      error = "too many forms for one table (" + std::to_string(order.size()) + ")";
      return false;
    }
    directory[bucket] = static_cast<std::uint32_t>(records.size());
    if (bucket == bucket_count) break;
    for (; next < order.size() && bucket_of[order[next]] == bucket; ++next) {
      const std::size_t i = order[next];
      const std::size_t from = records_[i], to = i + 1 < records_.size() ? records_[i + 1] : records_bytes_.size();
      records.append(records_bytes_, from, to - from);
    }
    if (records.size() - directory[bucket] > kMaxBucket) {
      error = "a bucket of the table is over " + std::to_string(kMaxBucket) + " bytes";
      return false;
    }
  }
  const std::size_t entries = order.size();
  Header h{};
  std::memcpy(h.magic, kMagic, sizeof kMagic);
  h.version = kVersion;
  h.bucket_count = bucket_count;
  h.aff_size = sig.aff_size;
  h.dic_size = sig.dic_size;
  h.aff_mtime = sig.aff_mtime;
  h.dic_mtime = sig.dic_mtime;
  h.records_size = records.size();
  h.pool_size = pool_.size();
  h.entries = entries;
  const fs::path tmp = file.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(&h), sizeof h);
    out.write(reinterpret_cast<const char*>(directory.data()),
              static_cast<std::streamsize>(directory.size() * sizeof directory[0]));
    out.write(records.data(), static_cast<std::streamsize>(records.size()));
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
