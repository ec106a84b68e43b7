#pragma once
#include <istream>
#include <string>

#include <nlohmann/json.hpp>

#include "input/record.h"
#include "input/reply_index.h"

namespace grabli {

// Telegram Desktop's "Export chat history" (result.json with one chat's `messages`) and
// "Export Telegram data" (`chats.list[].messages`, `left_chats.list[].messages`), streamed.
// `text` is a string or an array of strings and {type, text} entities; service messages
// (joins, pins, calls) are skipped; reply_to_message_id gives the text answered. In a full export
// ids are unique only within a chat, so records are named "<chat id>/<message id>".
class TelegramReader : public PostReader {
 public:
  TelegramReader(std::istream& in, std::string source) : in_(in), source_(std::move(source)) {}
  ReadStatus read(const RecordSink& sink) override;

 private:
  std::istream& in_;
  std::string source_;
  ReplyIndex replies_;
};

// The plain text of a message's `text`: a string, or an array of strings and {type, text}.
// Returns false when it is neither.
bool telegram_text(const nlohmann::json& text, std::string& out);

}  // namespace grabli
