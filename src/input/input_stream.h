#pragma once
#include <atomic>
#include <cstdint>
#include <functional>
#include <streambuf>
#include <string_view>
#include <vector>

namespace grabli {

// Reads another streambuf in chunks of up to 64 KiB, lets format detection look at the first
// bytes without consuming them (stdin cannot be rewound), and counts the bytes handed out so a
// progress bar can show how far the input has been read. A chunk is what the source has ready
// (one read of a pipe), never a wait for a full chunk: a publishing tool that writes one JSONL
// record to `grabli audit -` gets that record's finding without closing the pipe.
class InputStreambuf : public std::streambuf {
 public:
  explicit InputStreambuf(std::streambuf* source, std::size_t chunk = 1 << 16);
  // Up to `n` bytes from the start of the input; valid before anything has been read. Reads
  // until there are `n`, the input ends, or `enough` (when given) says the bytes so far suffice.
  std::string_view head(std::size_t n, const std::function<bool(std::string_view)>& enough = {});
  std::uint64_t consumed() const { return consumed_.load(std::memory_order_relaxed); }
  // Whether the next read would wait for the source: nothing is buffered here, the source has
  // nothing ready, and its end has not been seen. For the reading thread only.
  bool would_wait() const { return !ended_ && gptr() == egptr() && source_ && source_->in_avail() <= 0; }

 protected:
  int_type underflow() override;

 private:
  // What the source has ready, up to `max` bytes; waits only for the first byte. 0 at the end.
  std::size_t read_some(char* to, std::size_t max);

  std::streambuf* source_;
  std::vector<char> buf_;
  std::size_t chunk_;
  std::uint64_t delivered_ = 0;  // bytes of earlier chunks
  bool ended_ = false;
  std::atomic<std::uint64_t> consumed_{0};
};

}  // namespace grabli
