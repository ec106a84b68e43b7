#pragma once
#include <string>

#include "config/config.h"
#include "engine/post.h"

namespace grabli {

// Metadata given on the command line; empty fields are filled from the draft or the config.
struct DraftMeta {
  std::string role, channel, lang;
  std::optional<std::string> reply_to;
};

// Reads a NUL-free text file; returns false with a message that says why not.
bool read_text_file(const std::string& path, std::string& content, std::string& error,
                    std::size_t max_bytes = 64u << 20);

// Makes a Post of one draft: Markdown front matter (role, channel, lang, reply_to) and path
// rules give metadata; code blocks, URLs, HTML comments and the front matter itself are blanked
// with spaces so that offsets, lines and columns stay those of the file.
Post make_draft(const std::string& name, std::string content, const Config& config, const DraftMeta& cli);

}  // namespace grabli
