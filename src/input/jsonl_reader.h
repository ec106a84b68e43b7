#pragma once
#include <istream>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "input/record.h"
#include "input/reply_index.h"

namespace simdjson::dom {
class parser;
}

namespace grabli {

// One JSON object per line: id, text, role, channel, lang, author, created_at, and reply_to as an
// object {id, text, author} or as the id of an earlier record. Blank lines are not records.
class JsonlReader : public PostReader {
 public:
  JsonlReader(std::istream& in, std::string source, std::size_t max_line = 16u << 20);
  ~JsonlReader() override;
  ReadStatus read(const RecordSink& sink) override;

 private:
  std::istream& in_;
  std::string source_;
  std::size_t max_line_;
  ReplyIndex replies_;
  // simdjson reads the ordinary lines; nlohmann the rest, for its messages (see read()).
  std::unique_ptr<simdjson::dom::parser> fast_;
};

// Fills a record from one parsed JSONL object; returns an error message when it is not a post.
std::string post_from_json(const nlohmann::json& j, Post& post, ReplyIndex* replies);

}  // namespace grabli
