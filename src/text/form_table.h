#pragma once
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace grabli {

// Hunspell's answers for every word form of one dictionary, computed at build time
// (src/tools/gen_forms.cpp applies the .aff rules to the .dic words; Hunspell itself answers for
// each form). Loading ru_RU into Hunspell takes 150–200 ms; a `check` whose words are all in the
// table never loads it. A form the table does not hold is not a verdict: the caller asks
// Hunspell, so answers are the same with or without it.
//
// Two ways to read it (Access): mapped, a lookup is a few loads (`check`, `hook run` and `audit`).
// An audit meets tens of thousands of distinct forms, whose lookups touch most of the mapping's
// pages (~32 MiB of resident memory on the 24 MB benchmark corpus); read, only the bucket
// directory is kept in memory (4 MiB for ru_RU) and a lookup's bucket is one pread(). The audit
// used that until a pread() per new form measured 11 % of its worker's time on a VM where system
// calls are dear (docs/performance.md); the read mode stays for the fuzzer and the damage tests.
//
// File (little-endian): an 80-byte header (magic, version, the dictionary files' sizes and
// modification times, bucket count, section sizes, entry count); the bucket directory, u32 per
// bucket and one more (bucket b's records are [dir[b], dir[b + 1]) of the records section;
// a key's bucket is its hash's low bits, one to four keys a bucket); the records
// [u8 key length][key][u8 flags][u8 stem count][u32 stem offset…]; the stem strings
// [u8 length][UTF-8]. Keys are one byte per letter: ASCII as is, U+0400–U+047F as
// 0x80 + (cp − 0x400); a form with any other character is not in the table. Every read is
// bounds-checked: a damaged file can make lookups miss, never read outside it.
class FormTable {
 public:
  enum class Access : std::uint8_t { map, read };
  // The dictionary's files as the table records them.
  struct Signature {
    std::uint64_t aff_size = 0, dic_size = 0;
    std::int64_t aff_mtime = 0, dic_mtime = 0;
    bool operator==(const Signature&) const = default;
  };
  static std::optional<Signature> signature_of(const std::filesystem::path& dictionary);  // …/ru_RU

  // Opens a table; null with the reason in `error` when the file is missing, damaged, or made
  // from other dictionary files than `expected`.
  static std::unique_ptr<FormTable> open(const std::filesystem::path& file, const Signature& expected,
                                         std::string& error, Access access = Access::map);
  // The table for a dictionary (…/ru_RU), found once per process and access and shared by all
  // threads: $GRABLI_FORMS_DIR, else share/grabli beside the executable or above it. Null when
  // there is none or it does not match; GRABLI_FORMS_DIR=off turns tables off.
  static const FormTable* for_dictionary(const std::filesystem::path& dictionary, Access access = Access::map);

  ~FormTable();
  FormTable(const FormTable&) = delete;
  FormTable& operator=(const FormTable&) = delete;

  // Hunspell's spell() of the form as written; a capitalised form («Есть») is answered from its
  // lower-case entry. nullopt: not in the table.
  std::optional<bool> spelled(std::string_view form) const;
  // Hunspell's stems of a normalised form, normalised; false: not in the table (`out` untouched).
  bool stems(std::string_view norm_form, std::vector<std::string>& out) const;
  std::size_t size() const { return entries_; }
  const std::filesystem::path& path() const { return path_; }

  // Flags of a record.
  static constexpr std::uint8_t kSpelled = 1, kCapitalisedSpelled = 2, kCapitalisedKnown = 4, kStemsKnown = 8;

  // Builds a table file (used by gen_forms). Keys that cannot be encoded are skipped.
  class Writer {
   public:
    void add(std::string_view form, std::uint8_t flags, const std::vector<std::string>& stems);
    // Writes atomically (a temporary file renamed over `file`); false with the reason in `error`.
    bool write(const std::filesystem::path& file, const Signature& sig, std::string& error) const;
    std::size_t size() const { return keys_.size(); }

   private:
    std::vector<std::string> keys_;       // encoded
    std::vector<std::uint32_t> records_;  // offset of each key's record in records_bytes_
    std::string records_bytes_, pool_;
    std::unordered_map<std::string, std::uint32_t> pool_index_;  // stem → its offset in pool_
  };

 private:
  FormTable() = default;
  struct Record {
    std::uint8_t flags = 0;
    std::size_t stem_count = 0;
    const unsigned char* stem_offsets = nullptr;  // 4 bytes each
  };
  // The record of an encoded key; its bytes stay valid until this thread's next find().
  bool find(std::string_view encoded, Record& out) const;
  // `len` bytes at `offset` of the file (the caller keeps them inside it): a pointer into the
  // mapping, or `buf` after a pread(); null when the read comes up short.
  const unsigned char* bytes(std::uint64_t offset, std::size_t len, unsigned char* buf) const;
  int fd_ = -1;                          // Access::read
  const unsigned char* base_ = nullptr;  // Access::map
  std::size_t length_ = 0;
  std::vector<std::uint32_t> directory_;  // Access::read: the directory, read at open
  std::uint64_t directory_at_ = 0, records_at_ = 0, pool_at_ = 0;  // file offsets
  std::uint32_t bucket_mask_ = 0;
  std::uint64_t records_size_ = 0, pool_size_ = 0;
  std::size_t entries_ = 0;
  std::filesystem::path path_;
};

// The one-byte key of a UTF-8 form (see FormTable); false when a character has no such byte.
bool encode_form_key(std::string_view form, std::string& out);

}  // namespace grabli
