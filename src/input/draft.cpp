#include "input/draft.h"

#include <filesystem>
#include <fstream>

#include <yaml-cpp/yaml.h>

#include "input/markdown.h"
#include "policy/taxonomy.h"

namespace grabli {
namespace fs = std::filesystem;

namespace {

// Reads at most max_bytes + 1 bytes, so input past the limit is never held in memory.
bool read_bounded(std::istream& in, std::string& content, std::size_t max_bytes, bool& over) {
  content.clear();
  over = false;
  char buf[1 << 16];
  while (in) {
    in.read(buf, sizeof buf);
    const auto got = static_cast<std::size_t>(in.gcount());
    if (content.size() + got > max_bytes) {
      over = true;
      return true;
    }
    content.append(buf, got);
  }
  return !in.bad();
}

bool check_text(const std::string& content, std::string& error, const char* what) {
  if (content.find('\0') == std::string::npos) return true;
  error = std::string("binary ") + what + " (contains NUL bytes); not checked";
  return false;
}

}  // namespace

bool read_text_file(const std::string& path, std::string& content, std::string& error, std::size_t max_bytes) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    error = "is a directory";
    return false;
  }
  // a regular file over the limit is refused by its size, before a byte of it is read
  if (const auto size = fs::is_regular_file(path, ec) ? fs::file_size(path, ec) : 0; !ec && size > max_bytes) {
    error = "file is " + std::to_string(size) + " bytes; the limit for a post is " + format_size(max_bytes) +
            " (max_post_bytes)";
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = fs::exists(path, ec) ? "cannot open (permission denied?)" : "no such file";
    return false;
  }
  bool over = false;
  if (!read_bounded(in, content, max_bytes, over)) {
    error = "cannot read";
    return false;
  }
  if (over) {  // a pipe, a device, or a file that grew while being read
    content.clear();
    error = "more than " + format_size(max_bytes) + " to read; the limit for a post is " + format_size(max_bytes) +
            " (max_post_bytes)";
    return false;
  }
  return check_text(content, error, "file");
}

bool read_text_stream(std::istream& in, std::string& content, std::string& error, std::size_t max_bytes) {
  bool over = false;
  if (!read_bounded(in, content, max_bytes, over)) {
    error = "cannot read";
    return false;
  }
  if (over) {
    content.clear();
    error = "more than " + format_size(max_bytes) + " of input; the limit for a post is " + format_size(max_bytes) +
            " (max_post_bytes)";
    return false;
  }
  return check_text(content, error, "input");
}

namespace {

struct FrontMatterMeta {
  std::string role, channel, lang, author;
  std::optional<std::string> reply_to;
};

// Front matter keys; anything else (title, date, tags of a site generator) is left alone.
FrontMatterMeta read_front_matter(const std::string& name, std::string_view yaml, std::uint32_t first_line,
                                  std::vector<PolicyError>& errors) {
  FrontMatterMeta m;
  auto error_at = [&](const YAML::Mark& mark, std::string msg) {
    errors.push_back({name, first_line + static_cast<std::uint32_t>(mark.line),
                      static_cast<std::uint32_t>(mark.column + 1), "", "front matter: " + std::move(msg)});
  };
  YAML::Node doc;
  try {
    doc = YAML::Load(std::string(yaml));
  } catch (const YAML::Exception& e) {
    error_at(e.mark, e.msg);
    return m;
  }
  if (!doc || doc.IsNull()) return m;
  if (!doc.IsMap()) {
    error_at(doc.Mark(), "expected a map such as 'role: support'");
    return m;
  }
  auto choice = [&](const char* key, std::span<const std::string_view> set, const char* what, std::string& out) {
    const auto n = doc[key];
    if (!n) return;
    if (!n.IsScalar()) return error_at(n.Mark(), std::string(key) + " must be a string");
    std::string v = n.Scalar();
    if (set.data() == taxonomy::channels().data()) v = std::string(taxonomy::canonical_channel(v));
    if (set.data() == taxonomy::roles().data()) v = taxonomy::canonical_role(v);
    if (set.data() == taxonomy::languages().data() && v == "auto") return;
    if (!taxonomy::known(set, v)) {
      const auto near = taxonomy::closest(set, v);
      return error_at(n.Mark(), "unknown " + std::string(what) + " '" + v + "'" +
                                    (near.empty() ? "" : " (did you mean '" + std::string(near) + "'?)") +
                                    "; expected one of " + taxonomy::join(set));
    }
    out = v;
  };
  choice("role", taxonomy::roles(), "role", m.role);
  choice("channel", taxonomy::channels(), "channel", m.channel);
  choice("lang", taxonomy::languages(), "language", m.lang);
  if (const auto n = doc["author"]; n && n.IsScalar()) m.author = n.Scalar();
  if (const auto n = doc["reply_to"]) {
    if (n.IsScalar())
      m.reply_to = n.Scalar();
    else if (n.IsMap() && n["text"] && n["text"].IsScalar())
      m.reply_to = n["text"].Scalar();
    else
      error_at(n.Mark(), "reply_to must be the customer's message as a string");
  }
  return m;
}

}  // namespace

Post make_draft(const std::string& name, std::string content, const Config& config, const DraftMeta& cli,
                std::vector<PolicyError>& errors) {
  Post p;
  p.id = name;
  p.source.file = name;
  FrontMatterMeta fm;
  if (const auto found = markdown::find_front_matter(content)) {
    fm = read_front_matter(name, std::string_view(content).substr(found->yaml.begin, found->yaml.end - found->yaml.begin),
                           2, errors);
    p.source.first_line = 1 + found->lines;
    content.erase(0, found->end);
  }
  const auto scan = markdown::scan(content);
  if (!scan.skipped.empty()) {
    p.original = content;
    markdown::blank(content, scan.skipped);
  }
  p.text = std::move(content);

  const PathRule* pr = nullptr;
  if (!config.dir.empty() && name != "-") {
    std::error_code ec;
    auto rel = fs::relative(fs::absolute(name, ec), config.dir, ec).generic_string();
    if (!ec) pr = config.rule_for(rel);
  }
  auto pick = [](std::initializer_list<std::string_view> v) {
    for (auto s : v)
      if (!s.empty()) return std::string(s);
    return std::string();
  };
  p.role = pick({cli.role, fm.role, pr ? pr->role : "", config.role});
  p.channel = pick({cli.channel, fm.channel, pr ? pr->channel : "", config.channel});
  p.lang = pick({cli.lang == "auto" ? "" : cli.lang, fm.lang, pr ? pr->lang : "", config.lang});
  p.author = fm.author;
  p.reply_to = cli.reply_to ? cli.reply_to : fm.reply_to;
  return p;
}

std::optional<Finding> unclosed_front_matter(const Post& draft) {
  if (draft.source.first_line != 1) return std::nullopt;  // front matter was found and closed
  const auto at = markdown::unclosed_front_matter(draft.original_text());
  if (!at) return std::nullopt;
  Finding f;
  f.rule = std::string(kUnclosedFrontMatter);
  f.category = "input";
  f.level = Level::warning;
  f.start = static_cast<std::uint32_t>(*at);
  f.end = f.start + 3;
  f.message = "Front matter opened here is never closed, so none of its keys (role, channel, lang, reply_to) "
              "were read; its lines were checked as text.";
  f.suggestion = "Close it with a line '---' after its last key; if the '---' is a horizontal rule, start the "
                 "draft with a blank line instead.";
  return f;
}

Post make_draft(const std::string& name, std::string content, const Config& config, const DraftMeta& cli) {
  std::vector<PolicyError> ignored;
  return make_draft(name, std::move(content), config, cli, ignored);
}

}  // namespace grabli
