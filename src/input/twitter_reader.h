#pragma once
#include <istream>
#include <string>

#include "input/record.h"
#include "input/reply_index.h"

namespace grabli {

// An X/Twitter archive's data/tweets.js: `window.YTD.tweets.part0 = [{"tweet": {...}}, ...]`
// (a bare JSON array and unwrapped tweet objects are read too). Uses id_str, full_text (its
// &amp; &lt; &gt; decoded), created_at and in_reply_to_status_id_str. The archive holds only the
// owner's tweets, so they are the company's voice and have no author.
class TwitterReader : public PostReader {
 public:
  TwitterReader(std::istream& in, std::string source) : in_(in), source_(std::move(source)) {}
  ReadStatus read(const RecordSink& sink) override;

 private:
  std::istream& in_;
  std::string source_;
  ReplyIndex replies_;
};

// full_text in archives escapes &, < and >.
std::string decode_twitter_entities(std::string_view s);

}  // namespace grabli
