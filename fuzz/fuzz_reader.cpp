// libFuzzer target: one audit reader (GRABLI_FUZZ_FORMAT: jsonl, csv, telegram, vk, twitter) on
// arbitrary bytes. A reader never throws for bad input: a bad record becomes an error record.
#include <cstdint>
#include <sstream>
#include <string>

#include "input/record.h"

#ifndef GRABLI_FUZZ_FORMAT
#error define GRABLI_FUZZ_FORMAT
#endif

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace grabli;
  static const InputFormat format = *parse_input_format(GRABLI_FUZZ_FORMAT);
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  auto reader = make_reader(format, in, "fuzz");
  std::size_t n = 0;
  reader->read([&](InputRecord&& r) {
    if (r.error.empty()) (void)r.post.original_text();
    return ++n < 100000;
  });
  return 0;
}
