#include "input/input_stream.h"

#include <algorithm>

namespace grabli {

InputStreambuf::InputStreambuf(std::streambuf* source, std::size_t chunk) : source_(source), chunk_(chunk) {
  setg(nullptr, nullptr, nullptr);
}

std::size_t InputStreambuf::read_some(char* to, std::size_t max) {
  if (source_ == nullptr || traits_type::eq_int_type(source_->sgetc(), traits_type::eof())) {
    ended_ = true;
    return 0;
  }
  // in_avail(): the source's buffered bytes, else what it can tell without blocking (a file
  // buffer asks the kernel: FIONREAD on a pipe, the size left of a regular file)
  std::size_t got = 0;
  while (got < max) {
    const auto ready = source_->in_avail();
    if (ready <= 0) break;
    const auto want = std::min(static_cast<std::size_t>(ready), max - got);
    const auto n = source_->sgetn(to + got, static_cast<std::streamsize>(want));
    if (n <= 0) break;
    got += static_cast<std::size_t>(n);
  }
  return got;
}

std::string_view InputStreambuf::head(std::size_t n, const std::function<bool(std::string_view)>& enough) {
  // Only before reading starts: the whole head stays in the first buffer.
  if (delivered_ == 0 && gptr() == eback()) {
    while (buf_.size() < n && !(enough && !buf_.empty() && enough({buf_.data(), buf_.size()}))) {
      const std::size_t have = buf_.size();
      buf_.resize(n);
      const auto got = read_some(buf_.data() + have, n - have);
      buf_.resize(have + got);
      if (got == 0) break;
    }
    setg(buf_.data(), buf_.data(), buf_.data() + buf_.size());
  }
  return {buf_.data(), std::min(n, buf_.size())};
}

InputStreambuf::int_type InputStreambuf::underflow() {
  if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
  delivered_ += static_cast<std::uint64_t>(egptr() - eback());
  consumed_.store(delivered_, std::memory_order_relaxed);
  buf_.resize(chunk_);
  const auto got = read_some(buf_.data(), chunk_);
  if (got == 0) {
    buf_.clear();
    setg(nullptr, nullptr, nullptr);
    return traits_type::eof();
  }
  buf_.resize(got);
  setg(buf_.data(), buf_.data(), buf_.data() + buf_.size());
  return traits_type::to_int_type(*gptr());
}

}  // namespace grabli
