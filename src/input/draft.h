#pragma once
#include <istream>
#include <optional>
#include <string>
#include <vector>

#include "config/config.h"
#include "engine/finding.h"
#include "engine/post.h"

namespace grabli {

// Metadata given on the command line; empty fields are filled from the draft or the config.
struct DraftMeta {
  std::string role, channel, lang;
  std::optional<std::string> reply_to;
};

// Reads a NUL-free text file of at most `max_bytes` (Limits::max_post_bytes); returns false with
// a message that says why not. A larger file is refused by its size, before it is read.
bool read_text_file(const std::string& path, std::string& content, std::string& error,
                    std::size_t max_bytes = Limits{}.max_post_bytes);
// The same for a stream (stdin): never holds more than `max_bytes` + 1 bytes of it.
bool read_text_stream(std::istream& in, std::string& content, std::string& error,
                      std::size_t max_bytes = Limits{}.max_post_bytes);

// Makes a Post of one draft. Metadata comes from the command line, else the Markdown front
// matter (role, channel, lang, reply_to, author), else the first matching path rule, else the
// config's defaults. The front matter is not part of the post's text: the text starts after it
// and Source::first_line says on which line, so lengths count only what is published. Code
// blocks, inline code, URLs, link targets and HTML comments are blanked with spaces in
// Post::text (Post::original keeps them), so offsets, lines and columns stay the file's own.
// Bad front matter (unknown role, YAML syntax) is reported in `errors` as file:line:column.
Post make_draft(const std::string& name, std::string content, const Config& config, const DraftMeta& cli,
                std::vector<PolicyError>& errors);
// A draft whose first line opens front matter (`---`) that no later line closes is checked as
// plain text, so the role or channel its author wrote there is silently not used. This is the
// warning that says so, at the opening `---`; callers add it to the draft's findings.
inline constexpr std::string_view kUnclosedFrontMatter = "grabli/unclosed-front-matter";
std::optional<Finding> unclosed_front_matter(const Post& draft);

// The same, for callers that have validated the draft already.
Post make_draft(const std::string& name, std::string content, const Config& config, const DraftMeta& cli);

}  // namespace grabli
