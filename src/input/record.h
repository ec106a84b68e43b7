#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "config/limits.h"
#include "engine/post.h"

namespace grabli {

// One record of a batch input: a post, or the reason it could not be read.
struct InputRecord {
  Post post;                // id, text and metadata; source.record is the 1-based record number
  std::string author_id;    // the platform's id of the author (Telegram user123, VK club42), if any
  std::string error;        // non-empty: the record could not be read ("line N: …")
  std::uint64_t line = 0;   // line of the input where the record starts (0: not known)
};

// Where a reader hands its records, in input order. Returning false stops the reader.
using RecordSink = std::function<bool(InputRecord&&)>;

// How a whole read went: `fatal` is set when the input could not be read to its end
// (not the expected format, a syntax error that leaves no way to resynchronise).
struct ReadStatus {
  std::string fatal;
  std::uint64_t skipped = 0;  // records that are not posts (Telegram service messages)
};

// One per source format. A reader streams: memory stays bounded by the largest single record.
// A reader never prints and never throws for bad input; a bad record becomes an error record.
class PostReader {
 public:
  virtual ~PostReader() = default;
  virtual ReadStatus read(const RecordSink& sink) = 0;
};

enum class InputFormat { automatic, jsonl, csv, telegram, vk, twitter };
std::optional<InputFormat> parse_input_format(std::string_view name);
std::string_view input_format_name(InputFormat f);

// Guesses the format from the file name (may be empty or "-") and the first bytes of the input.
// Returns nullopt with `why` set when neither says.
std::optional<InputFormat> detect_input_format(std::string_view name, std::string_view head, std::string& why);
// Whether the first bytes of an input decide its format as all of the input would: a pipe's
// head is read only that far, so one JSONL record written to stdin is audited at once.
bool input_format_head_settled(std::string_view head);

// `source` names the input in records' Post::source.file. JSONL lines and CSV records over
// limits.max_record_bytes, and posts of any format whose text is over limits.max_post_bytes,
// become error records; the reading goes on.
std::unique_ptr<PostReader> make_reader(InputFormat format, std::istream& in, std::string source,
                                        const Limits& limits = {});

}  // namespace grabli
