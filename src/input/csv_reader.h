#pragma once
#include <istream>
#include <string>
#include <vector>

#include "input/record.h"
#include "input/reply_index.h"

namespace grabli {

// RFC 4180 CSV (libcsv) with a header row. Columns are found by name, case-insensitively:
// text|message|content|body|post|full_text, id, author|from|user|username, date|created_at|time,
// role, channel|network|platform, lang|language, reply_to (the text answered), reply_to_id.
// The delimiter (comma, semicolon or tab) is taken from the header line.
class CsvReader : public PostReader {
 public:
  CsvReader(std::istream& in, std::string source, std::size_t max_record = 16u << 20)
      : in_(in), source_(std::move(source)), max_record_(max_record) {}
  ReadStatus read(const RecordSink& sink) override;

 private:
  std::istream& in_;
  std::string source_;
  std::size_t max_record_;
  ReplyIndex replies_;
};

// Which column of a header row holds what; -1 when absent.
struct CsvColumns {
  int text = -1, id = -1, author = -1, date = -1, role = -1, channel = -1, lang = -1, reply_to = -1,
      reply_to_id = -1;
  static CsvColumns from_header(const std::vector<std::string>& header);
};

}  // namespace grabli
