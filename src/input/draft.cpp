#include "input/draft.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace grabli {
namespace fs = std::filesystem;

bool read_text_file(const std::string& path, std::string& content, std::string& error, std::size_t max_bytes) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    error = "is a directory";
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = fs::exists(path, ec) ? "cannot open (permission denied?)" : "no such file";
    return false;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  content = ss.str();
  if (content.size() > max_bytes) {
    error = "file is " + std::to_string(content.size()) + " bytes; the limit is " + std::to_string(max_bytes);
    return false;
  }
  if (content.find('\0') != std::string::npos) {
    error = "binary file (contains NUL bytes); not checked";
    return false;
  }
  return true;
}

Post make_draft(const std::string& name, std::string content, const Config& config, const DraftMeta& cli) {
  Post p;
  p.id = name;
  p.source.file = name;
  p.text = std::move(content);
  const PathRule* pr = nullptr;
  if (!config.dir.empty() && name != "-") {
    std::error_code ec;
    auto rel = fs::relative(fs::absolute(name, ec), config.dir, ec).generic_string();
    if (!ec) pr = config.rule_for(rel);
  }
  auto pick = [](const std::string& a, const std::string& b, const std::string& c) { return !a.empty() ? a : !b.empty() ? b : c; };
  p.role = pick(cli.role, pr ? pr->role : "", config.role);
  p.channel = pick(cli.channel, pr ? pr->channel : "", config.channel);
  p.lang = pick(cli.lang == "auto" ? "" : cli.lang, pr ? pr->lang : "", config.lang);
  p.reply_to = cli.reply_to;
  return p;
}

}  // namespace grabli
