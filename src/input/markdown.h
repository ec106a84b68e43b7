#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// What of a Markdown draft is not prose: front matter, code, comments, link targets. Offsets are
// bytes of the file's own text so that masking never moves a line or a column.
namespace grabli::markdown {

struct Range {
  std::size_t begin = 0, end = 0;  // [begin, end) bytes
  bool operator==(const Range&) const = default;
};

// YAML front matter: `---` as the very first line (after an optional BOM), closed by a line
// that is `---` or `...`.
struct FrontMatter {
  Range yaml;               // the YAML between the fences
  std::size_t end = 0;      // first byte after the closing fence's line
  std::uint32_t lines = 0;  // lines it occupies, fences included
};
std::optional<FrontMatter> find_front_matter(std::string_view text);
// Where front matter was opened and never closed: the offset of the opening `---` when the text
// starts with one, has more lines after it, and no line closes it (find_front_matter gives none).
std::optional<std::size_t> unclosed_front_matter(std::string_view text);

struct Scan {
  std::vector<Range> skipped;   // sorted, not overlapping: fenced code, inline code, comments, URLs
  std::vector<Range> comments;  // HTML comments outside code, `<!--` … `-->` inclusive
};
// Finds what is not linted: fenced code blocks (``` and ~~~), inline code spans, HTML comments,
// URLs (http, https, ftp, www.) and the targets of Markdown links `[text](target)`.
Scan scan(std::string_view text);

// Replaces every byte of the ranges except line breaks with a space.
void blank(std::string& text, const std::vector<Range>& ranges);

}  // namespace grabli::markdown
