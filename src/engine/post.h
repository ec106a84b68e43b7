#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace grabli {

// Where a post's text came from, so findings map back to the file's own lines.
struct Source {
  std::string file;             // path as the user gave it, "-" for stdin, empty for none
  std::uint32_t first_line = 1; // line of the file where `text` starts (1-based)
  std::uint32_t record = 0;     // 1-based record number in a batch input (0: not a batch)
};

// The unit of work: text plus the metadata rules are applied by.
struct Post {
  std::string id;
  std::string text;
  // The file's text before Markdown masking (empty: same as `text`). Same length as `text`, so
  // offsets agree; printers show it and count columns in it, matchers never see it.
  std::string original;
  std::string role;        // executive | press | support | employee; empty = unknown
  std::string channel;     // twitter, telegram, vk, …; empty = unknown
  std::string lang;        // ru | en | empty/auto = detect
  std::string author;
  std::string created_at;  // ISO 8601 as given
  std::optional<std::string> reply_to;  // the customer message being answered, if any
  std::string reply_to_id;              // id of that message when only the id is known
  Source source;

  std::string_view original_text() const { return original.empty() ? std::string_view(text) : std::string_view(original); }
  bool is_reply() const { return reply_to.has_value() || !reply_to_id.empty(); }
};

}  // namespace grabli
