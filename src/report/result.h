#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/finding.h"
#include "engine/post.h"

namespace grabli {

// One checked input: what printers render. A record that could not be read has an error.
struct CheckResult {
  Post post;
  std::vector<Finding> findings;
  std::string error;
  bool context = false;  // audit: a message from outside the company, read for context, not checked
};

// A finding as the public JSON contract of design.md, lines in the source file's numbering.
nlohmann::json finding_json(const Finding& f, const Post& post);
std::string display_name(const Post& post);  // file name, or the record id

// Lines start at Source::first_line; columns count code points.
struct Span {
  std::uint32_t line, column, end_line, end_column;
};
Span span_of(const Finding& f, const Post& post);

// Makes untrusted text safe for a terminal: control characters, bidi overrides and invalid
// UTF-8 become visible escapes.
std::string terminal_safe(std::string_view s);

// JSON text that never throws on invalid UTF-8 (it is replaced).
std::string dump_json(const nlohmann::json& j, int indent = -1);

class Printer {
 public:
  virtual ~Printer() = default;
  virtual void begin() {}
  virtual void add(const CheckResult& r) = 0;
  virtual void end() {}
};

}  // namespace grabli
