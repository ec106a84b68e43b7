#include "input/input_stream.h"

namespace grabli {

InputStreambuf::InputStreambuf(std::streambuf* source, std::size_t chunk) : source_(source), chunk_(chunk) {
  setg(nullptr, nullptr, nullptr);
}

std::string_view InputStreambuf::head(std::size_t n) {
  // Only before reading starts: the whole head stays in the first buffer.
  if (delivered_ == 0 && gptr() == eback()) {
    while (buf_.size() < n) {
      const std::size_t have = buf_.size();
      buf_.resize(n);
      const auto got = source_ ? source_->sgetn(buf_.data() + have, static_cast<std::streamsize>(n - have)) : 0;
      buf_.resize(have + static_cast<std::size_t>(got > 0 ? got : 0));
      if (got <= 0) break;
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
  const auto got = source_ ? source_->sgetn(buf_.data(), static_cast<std::streamsize>(chunk_)) : 0;
  if (got <= 0) {
    buf_.clear();
    setg(nullptr, nullptr, nullptr);
    return traits_type::eof();
  }
  buf_.resize(static_cast<std::size_t>(got));
  setg(buf_.data(), buf_.data(), buf_.data() + buf_.size());
  return traits_type::to_int_type(*gptr());
}

}  // namespace grabli
