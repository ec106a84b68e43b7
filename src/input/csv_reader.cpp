#include "input/csv_reader.h"

#include <csv.h>

#include <algorithm>
#include <array>

namespace grabli {

namespace {

std::string header_key(std::string s) {
  if (s.starts_with("\xEF\xBB\xBF")) s.erase(0, 3);
  const auto b = s.find_first_not_of(" \t\r\n");
  const auto e = s.find_last_not_of(" \t\r\n");
  s = b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
  for (auto& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    else if (c == ' ' || c == '-') c = '_';
  return s;
}

int column(const std::vector<std::string>& keys, std::initializer_list<std::string_view> names) {
  for (auto name : names)  // the first name in the list wins, whatever the column order
    for (std::size_t i = 0; i < keys.size(); ++i)
      if (keys[i] == name) return static_cast<int>(i);
  return -1;
}

char guess_delimiter(std::string_view head) {
  const auto nl = head.find('\n');
  const auto first = head.substr(0, nl);
  char best = ',';
  std::size_t best_n = 0;
  for (char d : {',', ';', '\t'}) {
    const auto n = static_cast<std::size_t>(std::count(first.begin(), first.end(), d));
    if (n > best_n) best = d, best_n = n;
  }
  return best;
}

int no_space(unsigned char) { return 0; }

// libcsv calls these with the parse state.
struct Rows {
  std::vector<std::string> fields;
  bool record_done = false;
};

void on_field(void* data, std::size_t len, void* state) {
  auto* rows = static_cast<Rows*>(state);
  const char* p = static_cast<const char*>(data);
  rows->fields.emplace_back(p ? p : "", p ? len : 0);
}
void on_record(int, void* state) { static_cast<Rows*>(state)->record_done = true; }

class Parser {
 public:
  explicit Parser(char delim) : delim_(delim) { reset(); }
  ~Parser() { csv_free(&p_); }
  void reset() {
    if (live_) csv_free(&p_);
    csv_init(&p_, CSV_STRICT_FINI | CSV_APPEND_NULL);
    csv_set_delim(&p_, static_cast<unsigned char>(delim_));
    csv_set_space_func(&p_, no_space);
    live_ = true;
  }
  // Feeds bytes; `done` is called for every complete record with the state.
  template <class F>
  void feed(std::string_view s, Rows& rows, F&& done) {
    std::size_t at = 0;
    while (at < s.size()) {
      // feed line by line so each record end is seen with the line it ends on
      auto nl = s.find('\n', at);
      const std::size_t n = (nl == std::string_view::npos ? s.size() : nl + 1) - at;
      csv_parse(&p_, s.data() + at, n, on_field, on_record, &rows);
      at += n;
      if (rows.record_done) done();
    }
  }
  template <class F>
  int finish(Rows& rows, F&& done) {
    const int rc = csv_fini(&p_, on_field, on_record, &rows);
    if (rows.record_done) done();
    return rc;
  }
  std::size_t buffered() { return csv_get_buffer_size(&p_); }

 private:
  csv_parser p_{};
  char delim_;
  bool live_ = false;
};

}  // namespace

CsvColumns CsvColumns::from_header(const std::vector<std::string>& header) {
  std::vector<std::string> keys;
  for (const auto& h : header) keys.push_back(header_key(h));
  CsvColumns c;
  c.text = column(keys, {"text", "message", "content", "body", "post", "full_text", "post_text", "текст", "сообщение"});
  c.id = column(keys, {"id", "post_id", "message_id", "tweet_id", "id_str"});
  c.author = column(keys, {"author", "from", "user", "username", "screen_name", "account", "автор"});
  c.date = column(keys, {"created_at", "date", "time", "timestamp", "published", "published_at", "datetime", "дата"});
  c.role = column(keys, {"role", "роль"});
  c.channel = column(keys, {"channel", "network", "platform", "канал"});
  c.lang = column(keys, {"lang", "language", "язык"});
  c.reply_to = column(keys, {"reply_to", "reply_to_text", "in_reply_to_text"});
  c.reply_to_id = column(keys, {"reply_to_id", "in_reply_to", "in_reply_to_id", "in_reply_to_status_id", "parent_id"});
  return c;
}

ReadStatus CsvReader::read(const RecordSink& sink) {
  ReadStatus status;
  std::string line;
  std::uint64_t line_no = 0, record = 0;
  Rows rows;
  bool have_header = false, stop = false;
  std::vector<std::string> header;
  CsvColumns cols;
  // the delimiter comes from the header line, which is the first line we read
  if (!std::getline(in_, line)) return status;
  Parser parser(guess_delimiter(line));
  std::uint64_t start_line = 0;  // where the record being parsed began; 0 between records
  auto take = [&](std::uint64_t) {
    rows.record_done = false;
    if (!have_header) {
      header = std::move(rows.fields);
      cols = CsvColumns::from_header(header);
      have_header = true;
      if (cols.text < 0) {
        std::string names;
        for (const auto& h : header) names += (names.empty() ? "" : ", ") + header_key(h);
        status.fatal = "line 1: no text column in the header (" + names +
                       "); name it text, message, content, body or post";
        stop = true;
      }
    } else {
      InputRecord r;
      r.line = start_line;
      r.post.source.file = source_;
      r.post.source.record = static_cast<std::uint32_t>(++record);
      auto get = [&](int c) { return c >= 0 && c < static_cast<int>(rows.fields.size()) ? rows.fields[c] : std::string(); };
      if (rows.fields.size() != header.size()) {
        r.error = "line " + std::to_string(start_line) + ": " + std::to_string(rows.fields.size()) +
                  " field(s), the header has " + std::to_string(header.size());
        r.post.id = get(cols.id);
      } else {
        r.post.id = get(cols.id);
        if (r.post.id.empty()) r.post.id = std::to_string(record);
        r.post.text = get(cols.text);
        r.post.author = get(cols.author);
        r.post.created_at = get(cols.date);
        r.post.role = get(cols.role);
        r.post.channel = get(cols.channel);
        r.post.lang = get(cols.lang);
        r.post.reply_to_id = get(cols.reply_to_id);
        if (auto t = get(cols.reply_to); !t.empty()) r.post.reply_to = std::move(t);
        replies_.link(r.post);
      }
      if (!sink(std::move(r))) stop = true;
    }
    rows.fields.clear();
    start_line = 0;
  };
  do {
    ++line_no;
    if (start_line == 0 && line.find_first_not_of("\r") != std::string::npos) start_line = line_no;
    line.push_back('\n');
    parser.feed(line, rows, [&] { take(line_no); });
    if (!stop && parser.buffered() > max_record_) {
      // an unterminated quote would otherwise swallow the rest of the file into one field
      InputRecord r;
      r.line = start_line;
      r.post.source.file = source_;
      r.post.source.record = static_cast<std::uint32_t>(++record);
      r.error = "line " + std::to_string(r.line) + ": record longer than " + format_size(max_record_) +
                " (max_record_bytes; an unterminated quoted field?); reading resumes on the next line";
      rows = Rows{};
      start_line = 0;
      parser.reset();
      if (!sink(std::move(r))) stop = true;
    }
  } while (!stop && std::getline(in_, line));
  if (stop) return status;
  // every line was fed with its newline, so a record still open here is inside a quoted field
  if (start_line != 0) {
    InputRecord r;
    r.line = start_line;
    r.post.source.file = source_;
    r.post.source.record = static_cast<std::uint32_t>(++record);
    r.error = "line " + std::to_string(start_line) + ": a quoted field is not closed before the end of the input";
    sink(std::move(r));
  } else {
    parser.finish(rows, [&] { take(line_no); });
  }
  return status;
}

}  // namespace grabli
