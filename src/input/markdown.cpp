#include "input/markdown.h"

#include <algorithm>
#include <array>

#include "text/utf8.h"

namespace grabli::markdown {
namespace {

constexpr auto npos = std::string_view::npos;

std::string_view line_at(std::string_view t, std::size_t pos, std::size_t& next) {
  const std::size_t eol = t.find('\n', pos);
  next = eol == npos ? t.size() : eol + 1;
  std::string_view line = t.substr(pos, (eol == npos ? t.size() : eol) - pos);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

bool blank_line(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t'; });
}

// A fence line: up to three spaces, then three or more ` or ~ (CommonMark).
bool fence_of(std::string_view line, char& c, std::size_t& run, std::string_view& rest) {
  std::size_t k = 0;
  while (k < 3 && k < line.size() && line[k] == ' ') ++k;
  if (k >= line.size() || (line[k] != '`' && line[k] != '~')) return false;
  c = line[k];
  run = 0;
  while (k + run < line.size() && line[k + run] == c) ++run;
  if (run < 3) return false;
  rest = line.substr(k + run);
  return true;
}

std::vector<Range> fenced_blocks(std::string_view t) {
  std::vector<Range> out;
  bool open = false;
  char open_char = 0;
  std::size_t open_run = 0, open_at = 0;
  for (std::size_t pos = 0, next = 0; pos < t.size(); pos = next) {
    const auto line = line_at(t, pos, next);
    char c;
    std::size_t run;
    std::string_view rest;
    if (!fence_of(line, c, run, rest)) continue;
    if (!open) {
      // an info string after ``` may not itself contain a backtick
      if (c == '`' && rest.find('`') != npos) continue;
      open = true, open_char = c, open_run = run, open_at = pos;
    } else if (c == open_char && run >= open_run && blank_line(rest)) {
      out.push_back({open_at, next});
      open = false;
    }
  }
  // an unclosed fence runs to the end of the document, as Markdown renders it
  if (open) out.push_back({open_at, t.size()});
  return out;
}

// Whether the character ending just before `i` is part of a word (so "xhttp://" is no URL).
bool word_before(std::string_view t, std::size_t i) {
  if (i == 0) return false;
  const unsigned char c = t[i - 1];
  if (c < 0x80) return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c == '_';
  std::size_t b = i - 1;
  while (b > 0 && (static_cast<unsigned char>(t[b]) & 0xC0) == 0x80) --b;
  const auto d = utf8::decode(t, b);
  // letters of Latin-1/Extended, Greek and Cyrillic; quotes, dashes and spaces are not words
  return (d.cp >= 0xC0 && d.cp <= 0x2AF && d.cp != 0xD7 && d.cp != 0xF7) || (d.cp >= 0x370 && d.cp <= 0x52F);
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if ((s[i] | 0x20) != prefix[i]) return false;
  return true;
}

// End of a URL starting at `i`: up to whitespace or a bracket that closes Markdown around it,
// minus trailing punctuation that belongs to the sentence.
std::size_t url_end(std::string_view t, std::size_t i, std::size_t limit) {
  std::size_t e = i;
  while (e < limit) {
    const unsigned char c = t[e];
    if (c <= ' ' || c == '<' || c == '>' || c == '"' || c == '`') break;
    if (c == 0xC2 && e + 1 < limit && static_cast<unsigned char>(t[e + 1]) == 0xA0) break;  // no-break space
    ++e;
  }
  static constexpr std::array<std::string_view, 9> kTrailing = {".", ",", ":", ";", "!", "?", "'", "»", "…"};
  for (bool trimmed = true; trimmed && e > i;) {
    trimmed = false;
    for (auto p : kTrailing)
      if (e - i > p.size() && t.substr(e - p.size(), p.size()) == p) {
        e -= p.size();
        trimmed = true;
        break;
      }
    const char last = t[e - 1];
    if (!trimmed && (last == ')' || last == ']')) {
      const char open = last == ')' ? '(' : '[';
      const auto url = t.substr(i, e - i);
      if (std::count(url.begin(), url.end(), open) < std::count(url.begin(), url.end(), last)) {
        --e;
        trimmed = true;
      }
    }
  }
  return e;
}

// Inline code: a run of n backticks closed by a run of exactly n, within the paragraph.
std::size_t code_span_end(std::string_view t, std::size_t i, std::size_t n, std::size_t limit) {
  std::size_t para = t.find("\n\n", i);
  const std::size_t para_crlf = t.find("\n\r\n", i);
  para = std::min({para, para_crlf, limit});
  for (std::size_t j = i + n; j < para;) {
    if (t[j] != '`') {
      ++j;
      continue;
    }
    std::size_t run = 0;
    while (j + run < para && t[j + run] == '`') ++run;
    if (run == n) return j + n;
    j += run;
  }
  return npos;
}

void scan_prose(std::string_view t, std::size_t a, std::size_t b, Scan& s) {
  for (std::size_t i = a; i < b;) {
    const char c = t[i];
    if (c == '<' && t.substr(i, 4) == "<!--") {
      const std::size_t e = t.find("-->", i + 4);
      // an unclosed comment is linted as text: hiding the rest of a draft needs a real comment
      if (e != npos && e + 3 <= b) {
        s.skipped.push_back({i, e + 3});
        s.comments.push_back({i, e + 3});
        i = e + 3;
        continue;
      }
    } else if (c == '`') {
      std::size_t n = 0;
      while (i + n < b && t[i + n] == '`') ++n;
      const std::size_t e = code_span_end(t, i, n, b);
      if (e != npos) {
        s.skipped.push_back({i, e});
        i = e;
      } else {
        i += n;
      }
      continue;
    } else if (c == ']' && i + 1 < b && t[i + 1] == '(') {
      // a link target: up to the matching ')' on the same line
      int depth = 0;
      std::size_t j = i + 1;
      for (; j < b && t[j] != '\n'; ++j) {
        if (t[j] == '(') ++depth;
        else if (t[j] == ')' && --depth == 0) break;
      }
      if (j < b && t[j] == ')') {
        if (j > i + 2) s.skipped.push_back({i + 2, j});
        i = j + 1;
        continue;
      }
    } else if ((i == a || !word_before(t, i)) &&
               (starts_with_ci(t.substr(i), "http://") || starts_with_ci(t.substr(i), "https://") ||
                starts_with_ci(t.substr(i), "ftp://") || starts_with_ci(t.substr(i), "www."))) {
      const std::size_t e = url_end(t, i, b);
      const auto scheme_len = t.substr(i, 8).find("//");
      // "www." alone or "https://" alone is not a link
      if (e > i + (scheme_len == npos ? 4 : scheme_len + 2)) {
        s.skipped.push_back({i, e});
        i = e;
        continue;
      }
    }
    ++i;
  }
}

}  // namespace

std::optional<FrontMatter> find_front_matter(std::string_view t) {
  std::size_t pos = t.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  std::size_t next = 0;
  if (line_at(t, pos, next) != "---" || next >= t.size()) return std::nullopt;
  FrontMatter fm;
  fm.yaml.begin = next;
  fm.lines = 1;
  for (pos = next; pos < t.size(); pos = next) {
    const auto line = line_at(t, pos, next);
    ++fm.lines;
    if (line == "---" || line == "...") {
      fm.yaml.end = pos;
      fm.end = next;
      return fm;
    }
  }
  return std::nullopt;  // never closed: not front matter, just a thematic break
}

std::optional<std::size_t> unclosed_front_matter(std::string_view t) {
  const std::size_t pos = t.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  std::size_t next = 0;
  if (line_at(t, pos, next) != "---" || next >= t.size() || find_front_matter(t)) return std::nullopt;
  return pos;
}

Scan scan(std::string_view t) {
  Scan s;
  const auto fences = fenced_blocks(t);
  std::size_t at = 0;
  for (const auto& f : fences) {
    scan_prose(t, at, f.begin, s);
    s.skipped.push_back(f);
    at = f.end;
  }
  scan_prose(t, at, t.size(), s);
  std::sort(s.skipped.begin(), s.skipped.end(), [](const Range& x, const Range& y) { return x.begin < y.begin; });
  return s;
}

void blank(std::string& text, const std::vector<Range>& ranges) {
  for (const auto& r : ranges)
    for (std::size_t i = r.begin; i < r.end && i < text.size(); ++i)
      if (text[i] != '\n') text[i] = ' ';
}

}  // namespace grabli::markdown
