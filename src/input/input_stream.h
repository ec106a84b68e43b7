#pragma once
#include <atomic>
#include <cstdint>
#include <streambuf>
#include <string_view>
#include <vector>

namespace grabli {

// Reads another streambuf in large chunks, lets format detection look at the first bytes
// without consuming them (stdin cannot be rewound), and counts the bytes handed out so a
// progress bar can show how far the input has been read.
class InputStreambuf : public std::streambuf {
 public:
  explicit InputStreambuf(std::streambuf* source, std::size_t chunk = 1 << 16);
  // Up to `n` bytes from the start of the input; valid before anything has been read.
  std::string_view head(std::size_t n);
  std::uint64_t consumed() const { return consumed_.load(std::memory_order_relaxed); }

 protected:
  int_type underflow() override;

 private:
  std::streambuf* source_;
  std::vector<char> buf_;
  std::size_t chunk_;
  std::uint64_t delivered_ = 0;  // bytes of earlier chunks
  std::atomic<std::uint64_t> consumed_{0};
};

}  // namespace grabli
