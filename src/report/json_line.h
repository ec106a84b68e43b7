#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "engine/finding.h"
#include "engine/post.h"

namespace grabli {

// Compact JSON written straight into one reused buffer: the bytes nlohmann's dump() writes for
// the same object (keys in its sorted order), without building the object. A finding as an
// object of std::map nodes cost ~29 000 instructions, most of them in the initializer-list
// constructor; the audit writes one per finding. Strings still go through nlohmann's own
// serializer, so escaping and the replacement of invalid UTF-8 are the library's, not ours.
class JsonLine {
 public:
  JsonLine();
  JsonLine(const JsonLine&) = delete;
  JsonLine& operator=(const JsonLine&) = delete;

  std::string& text() { return buf_; }
  void clear() { buf_.clear(); }
  void raw(std::string_view s) { buf_.append(s); }
  void string(std::string_view s);
  void number(std::uint64_t n);
  // The finding as design.md's JSON contract (finding_json() is this, parsed).
  void finding(const Finding& f, const Post& post);

 private:
  std::string buf_;
  nlohmann::json scratch_;  // a string value the serializer escapes from
  nlohmann::detail::serializer<nlohmann::json> ser_;
};

}  // namespace grabli
