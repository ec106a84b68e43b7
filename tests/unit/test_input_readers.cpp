#include <catch2/catch.hpp>

#include <sstream>
#include <vector>

#include "input/csv_reader.h"
#include "input/jsonl_reader.h"
#include "input/record.h"
#include "input/telegram_reader.h"
#include "input/twitter_reader.h"
#include "input/vk_reader.h"

using namespace grabli;

namespace {
struct Read {
  std::vector<InputRecord> records;
  ReadStatus status;
};
Read read_all(InputFormat f, const std::string& text) {
  std::istringstream in(text);
  auto reader = make_reader(f, in, "test");
  Read r;
  r.status = reader->read([&](InputRecord&& rec) {
    r.records.push_back(std::move(rec));
    return true;
  });
  return r;
}
}  // namespace

TEST_CASE("jsonl: reads the design.md record schema") {
  auto r = read_all(InputFormat::jsonl,
                    R"({"id": "a1", "text": "Hello", "role": "press", "channel": "vk", "lang": "ru", "author": "Ann", "created_at": "2024-01-02T03:04:05Z"})"
                    "\n");
  REQUIRE(r.records.size() == 1);
  const auto& p = r.records[0].post;
  CHECK(p.id == "a1");
  CHECK(p.text == "Hello");
  CHECK(p.role == "press");
  CHECK(p.channel == "vk");
  CHECK(p.lang == "ru");
  CHECK(p.author == "Ann");
  CHECK(p.created_at == "2024-01-02T03:04:05Z");
  CHECK(r.records[0].error.empty());
}

TEST_CASE("jsonl: a broken line becomes an error record naming the line, and reading goes on") {
  auto r = read_all(InputFormat::jsonl, "{\"id\": 1, \"text\": \"ok\"}\n{\"id\": \"b\", \"text\": \"oops}\n{\"id\": 3, \"text\": \"fine\"}\n");
  REQUIRE(r.records.size() == 3);
  CHECK(r.records[1].error.rfind("line 2: invalid JSON", 0) == 0);
  CHECK(r.records[1].post.id == "b");  // salvaged for joining
  CHECK(r.records[2].post.text == "fine");
}

TEST_CASE("jsonl: numeric ids become strings, records without id are named by line") {
  auto r = read_all(InputFormat::jsonl, "{\"id\": 42, \"text\": \"x\"}\n\n{\"text\": \"y\"}\n");
  REQUIRE(r.records.size() == 2);
  CHECK(r.records[0].post.id == "42");
  CHECK(r.records[1].post.id == "3");
  CHECK(r.records[1].line == 3);
}

TEST_CASE("jsonl: blank lines are not records") {
  auto r = read_all(InputFormat::jsonl, "\n  \n{\"text\": \"x\"}\n\n");
  CHECK(r.records.size() == 1);
}

TEST_CASE("jsonl: a record without text is an error record") {
  auto r = read_all(InputFormat::jsonl, "{\"id\": \"n\", \"body\": 1}\n");
  REQUIRE(r.records.size() == 1);
  CHECK(r.records[0].error == "line 1: no \"text\" field");
}

TEST_CASE("jsonl: text that is not a string is an error record") {
  auto r = read_all(InputFormat::jsonl, "{\"text\": [1, 2]}\n");
  CHECK(r.records[0].error.find("\"text\" must be a string") != std::string::npos);
}

TEST_CASE("jsonl: reply_to as an object gives the customer's text") {
  auto r = read_all(InputFormat::jsonl, R"({"id": "r", "text": "Sorry!", "reply_to": {"id": "c1", "text": "It broke."}})" "\n");
  REQUIRE(r.records[0].post.reply_to);
  CHECK(*r.records[0].post.reply_to == "It broke.");
  CHECK(r.records[0].post.reply_to_id == "c1");
}

TEST_CASE("jsonl: reply_to as an id finds the text of an earlier record") {
  auto r = read_all(InputFormat::jsonl, "{\"id\": \"c\", \"text\": \"Где мой заказ?\"}\n{\"id\": \"r\", \"text\": \"Уже едет\", \"reply_to\": \"c\"}\n");
  REQUIRE(r.records[1].post.reply_to);
  CHECK(*r.records[1].post.reply_to == "Где мой заказ?");
  CHECK(r.records[1].post.is_reply());
}

TEST_CASE("jsonl: reply_to an unknown id keeps the id only") {
  auto r = read_all(InputFormat::jsonl, "{\"id\": \"r\", \"text\": \"Hi\", \"reply_to\": 77}\n");
  CHECK_FALSE(r.records[0].post.reply_to);
  CHECK(r.records[0].post.reply_to_id == "77");
}

TEST_CASE("jsonl: CRLF line endings are read") {
  auto r = read_all(InputFormat::jsonl, "{\"text\": \"a\"}\r\n{\"text\": \"b\"}\r\n");
  REQUIRE(r.records.size() == 2);
  CHECK(r.records[1].error.empty());
  CHECK(r.records[1].post.text == "b");
}

TEST_CASE("jsonl: an overlong line is an error record, not a crash") {
  std::istringstream in("{\"text\": \"" + std::string(3000, 'a') + "\"}\n{\"text\": \"b\"}\n");
  JsonlReader reader(in, "t", 1000);
  std::vector<InputRecord> out;
  reader.read([&](InputRecord&& r) {
    out.push_back(std::move(r));
    return true;
  });
  REQUIRE(out.size() == 2);
  CHECK(out[0].error.find("line 1: longer than") == 0);
  CHECK(out[1].post.text == "b");
}

TEST_CASE("jsonl: the sink can stop the reader") {
  std::istringstream in("{\"text\": \"a\"}\n{\"text\": \"b\"}\n{\"text\": \"c\"}\n");
  JsonlReader reader(in, "t");
  int n = 0;
  reader.read([&](InputRecord&&) { return ++n < 2; });
  CHECK(n == 2);
}

TEST_CASE("csv: a quoted multi-line field keeps its record whole") {
  auto r = read_all(InputFormat::csv, "id,text,author\n1,\"first line,\nsecond \"\"quoted\"\"\nthird\",Ann\n2,plain,Bob\n");
  REQUIRE(r.records.size() == 2);
  CHECK(r.records[0].post.text == "first line,\nsecond \"quoted\"\nthird");
  CHECK(r.records[0].post.author == "Ann");
  CHECK(r.records[1].post.id == "2");
  CHECK(r.records[1].line == 5);
}

TEST_CASE("csv: header names are mapped case-insensitively") {
  auto r = read_all(InputFormat::csv, "Post ID;Message;From;Published At;Network\n9;Привет;Ира;2024-05-01;X\n");
  REQUIRE(r.records.size() == 1);
  const auto& p = r.records[0].post;
  CHECK(p.id == "9");
  CHECK(p.text == "Привет");
  CHECK(p.author == "Ира");
  CHECK(p.created_at == "2024-05-01");
  CHECK(p.channel == "X");
}

TEST_CASE("csv: a header without a text column is a fatal error that lists the columns") {
  auto r = read_all(InputFormat::csv, "id,author\n1,Ann\n");
  CHECK(r.records.empty());
  CHECK(r.status.fatal.find("no text column") != std::string::npos);
  CHECK(r.status.fatal.find("id, author") != std::string::npos);
}

TEST_CASE("csv: a row with the wrong number of fields is an error record naming its line") {
  auto r = read_all(InputFormat::csv, "id,text\n1,ok\n2,too,many\n3,fine\n");
  REQUIRE(r.records.size() == 3);
  CHECK(r.records[1].error == "line 3: 3 field(s), the header has 2");
  CHECK(r.records[2].post.text == "fine");
}

TEST_CASE("csv: an unterminated quote at the end is reported, earlier rows survive") {
  auto r = read_all(InputFormat::csv, "id,text\n1,ok\n2,\"never closed\n");
  REQUIRE(r.records.size() == 2);
  CHECK(r.records[0].post.text == "ok");
  CHECK(r.records[1].error.find("line 3: a quoted field is not closed") == 0);
}

TEST_CASE("csv: tab-separated input is read") {
  auto r = read_all(InputFormat::csv, "id\ttext\n1\thello, world\n");
  REQUIRE(r.records.size() == 1);
  CHECK(r.records[0].post.text == "hello, world");
}

TEST_CASE("csv: CRLF rows and a UTF-8 BOM in the header") {
  auto r = read_all(InputFormat::csv, "\xEF\xBB\xBFtext,id\r\nhello,1\r\n");
  REQUIRE(r.records.size() == 1);
  CHECK(r.records[0].post.text == "hello");
  CHECK(r.records[0].post.id == "1");
}

TEST_CASE("telegram: text as a string or an array of strings and entities") {
  std::string t;
  REQUIRE(telegram_text(nlohmann::json::parse(R"(["a ", {"type": "bold", "text": "b"}, " c"])"), t));
  CHECK(t == "a b c");
  REQUIRE(telegram_text(nlohmann::json("plain"), t));
  CHECK(t == "plain");
  CHECK_FALSE(telegram_text(nlohmann::json(5), t));
}

TEST_CASE("telegram: single-chat export, service messages skipped, replies carry the text answered") {
  auto r = read_all(InputFormat::telegram, R"({"name": "c", "type": "public_supergroup", "id": 5, "messages": [
    {"id": 1, "type": "service", "action": "pin_message", "text": ""},
    {"id": 2, "type": "message", "date": "2024-03-01T10:00:00", "date_unixtime": "1709287200", "from": "Ira", "from_id": "user1", "text": ["Где ", {"type": "bold", "text": "заказ"}, "?"]},
    {"id": 3, "type": "message", "date": "2024-03-01T10:05:00", "from": "Shop", "from_id": "channel9", "reply_to_message_id": 2, "text": "Уже едет"}
  ]})");
  CHECK(r.status.skipped == 1);
  REQUIRE(r.records.size() == 2);
  CHECK(r.records[0].post.id == "2");
  CHECK(r.records[0].post.text == "Где заказ?");
  CHECK(r.records[0].post.author == "Ira");
  CHECK(r.records[0].author_id == "user1");
  CHECK(r.records[0].post.created_at == "2024-03-01T10:00:00Z");
  CHECK(r.records[0].post.channel == "telegram");
  REQUIRE(r.records[1].post.reply_to);
  CHECK(*r.records[1].post.reply_to == "Где заказ?");
  CHECK(r.records[1].post.reply_to_id == "2");
  CHECK(r.records[1].post.created_at == "2024-03-01T10:05:00");
}

TEST_CASE("telegram: full export scopes message ids by chat") {
  auto r = read_all(InputFormat::telegram, R"({"about": "x", "chats": {"about": "y", "list": [
    {"name": "A", "type": "private_group", "id": 11, "messages": [{"id": 1, "type": "message", "text": "a1"}, {"id": 2, "type": "message", "reply_to_message_id": 1, "text": "a2"}]},
    {"name": "B", "type": "public_channel", "id": 22, "messages": [{"id": 1, "type": "message", "text": "b1"}]}
  ]}, "left_chats": {"list": [{"id": 33, "messages": [{"id": 1, "type": "message", "text": "c1"}]}]}})");
  REQUIRE(r.records.size() == 4);
  CHECK(r.records[0].post.id == "11/1");
  CHECK(r.records[1].post.reply_to_id == "11/1");
  CHECK(*r.records[1].post.reply_to == "a1");
  CHECK(r.records[2].post.id == "22/1");
  CHECK(r.records[3].post.id == "33/1");
}

TEST_CASE("telegram: a truncated export keeps what was read and says where it broke") {
  auto r = read_all(InputFormat::telegram, "{\"messages\": [\n{\"id\": 1, \"type\": \"message\", \"text\": \"ok\"},\n{\"id\": 2, \"te");
  REQUIRE(r.records.size() == 1);
  CHECK(r.status.fatal.find("line 3") == 0);
}

TEST_CASE("telegram: a JSON file with no messages is not a Telegram export") {
  auto r = read_all(InputFormat::telegram, R"({"hello": "world"})");
  CHECK(r.status.fatal.find("not a Telegram export") == 0);
}

TEST_CASE("telegram: a message whose text is malformed is an error record") {
  auto r = read_all(InputFormat::telegram, R"({"messages": [{"id": 7, "type": "message", "text": {"odd": 1}}]})");
  REQUIRE(r.records.size() == 1);
  CHECK(r.records[0].error.find("message 7") == 0);
}

TEST_CASE("vk: wall.get items with unix dates and community authors") {
  auto r = read_all(InputFormat::vk, R"({"response": {"count": 1, "items": [{"id": 5, "owner_id": -42, "from_id": -42, "date": 1714557600, "text": "Привет"}]}})");
  REQUIRE(r.records.size() == 1);
  const auto& rec = r.records[0];
  CHECK(rec.post.id == "wall-42_5");
  CHECK(rec.post.author == "club42");
  CHECK(rec.author_id == "-42");
  CHECK(rec.post.created_at == "2024-05-01T10:00:00Z");
  CHECK(rec.post.channel == "vk");
}

TEST_CASE("vk: comments answering comments carry the text answered") {
  auto r = read_all(InputFormat::vk, R"({"items": [{"id": 1, "owner_id": -1, "from_id": 7, "text": "Сломалось"}, {"id": 2, "owner_id": -1, "from_id": -1, "reply_to_comment": 1, "text": "Разберёмся"}]})");
  REQUIRE(r.records.size() == 2);
  CHECK(r.records[0].post.author == "id7");
  REQUIRE(r.records[1].post.reply_to);
  CHECK(*r.records[1].post.reply_to == "Сломалось");
}

TEST_CASE("vk: an API error response is not a wall") {
  auto r = read_all(InputFormat::vk, R"({"error": {"error_code": 5, "error_msg": "User authorization failed"}})");
  CHECK(r.records.empty());
  CHECK(r.status.fatal.find("not a VK wall.get response") == 0);
}

TEST_CASE("twitter: tweets.js with its window.YTD prefix") {
  auto r = read_all(InputFormat::twitter, "window.YTD.tweets.part0 = [ {\"tweet\": {\"id_str\": \"9\", \"full_text\": \"a &amp; b &lt;3\", \"created_at\": \"Wed Oct 10 20:19:24 +0000 2018\", \"in_reply_to_status_id_str\": \"8\"}} ]");
  REQUIRE(r.records.size() == 1);
  const auto& p = r.records[0].post;
  CHECK(p.id == "9");
  CHECK(p.text == "a & b <3");
  CHECK(p.created_at == "2018-10-10T20:19:24Z");
  CHECK(p.reply_to_id == "8");
  CHECK(p.channel == "twitter");
}

TEST_CASE("twitter: older archives without the tweet wrapper") {
  auto r = read_all(InputFormat::twitter, R"([{"id_str": "1", "full_text": "hi"}])");
  REQUIRE(r.records.size() == 1);
  CHECK(r.records[0].post.text == "hi");
}

TEST_CASE("readers: records are numbered in input order") {
  auto r = read_all(InputFormat::jsonl, "{\"text\": \"a\"}\n{\"text\": \"b\"}\n{\"text\": \"c\"}\n");
  REQUIRE(r.records.size() == 3);
  for (std::size_t i = 0; i < 3; ++i) CHECK(r.records[i].post.source.record == i + 1);
}

// The JSONL reader takes ordinary lines through simdjson and everything else through nlohmann
// (post_from_json). Whichever path a line takes, its record must be the one post_from_json makes.
TEST_CASE("jsonl: every kind of line gives the record post_from_json gives it") {
  const std::vector<std::string> lines = {
      R"({"id": "a", "text": "plain"})",
      R"({"id": 7, "text": "int id", "author": 12, "created_at": 1700000000})",
      R"({"id": 18446744073709551615, "text": "uint64 id"})",
      R"({"id": 1.5, "text": "float id"})",
      R"({"id": 1e400, "text": "huge id"})",
      R"({"id": true, "text": "bool id"})",
      R"({"id": null, "text": "null id"})",
      R"({"id": "d", "text": "first", "text": "second"})",
      R"({"id": "e", "full_text": "tweet text", "content": "other"})",
      R"({"id": "f", "message": null})",
      R"({"id": "g", "text": ["not", "a string"]})",
      R"({"id": "h", "text": "x", "role": 3})",
      R"({"id": "i", "text": "x", "role": null, "channel": "vk", "lang": "en"})",
      R"({"id": "j", "text": "x", "author": {"name": "obj"}, "from": "later"})",
      R"({"id": "k", "text": "x", "author": null, "from": "Ann", "date": 2.5})",
      R"({"id": "l", "text": "x", "reply_to": {"id": 5, "text": "parent text"}})",
      R"({"id": "m", "text": "x", "reply_to": {"id": 5.5}})",
      R"({"id": "n", "text": "x", "reply_to": {"id": "p", "id": "q"}})",
      R"({"id": "o", "text": "x", "reply_to": "a"})",
      R"({"id": "p", "text": "x", "reply_to": [1]})",
      R"({"id": "q", "text": "x", "reply_to_id": 7})",
      R"({"id": "r", "text": "x", "reply_to_id": false})",
      R"({"id": "s", "text": "esc \u0041\n\"q\" \u00e9 \ud83d\ude00"})",
      R"(["an", "array"])",
      R"("a string")",
      "{\"id\": \"t\", \"text\": \"bad \xff byte\"}",
      R"({"id": "u", "text": "x"} trailing)",
  };
  std::string all;
  for (const auto& l : lines) all += l + "\n";
  const auto r = read_all(InputFormat::jsonl, all);
  REQUIRE(r.records.size() == lines.size());
  ReplyIndex replies;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    INFO("line " << i + 1 << ": " << lines[i]);
    Post want;
    std::string error;
    const auto j = nlohmann::json::parse(lines[i], nullptr, false);
    if (j.is_discarded()) {
      error = "invalid JSON";
    } else if (auto why = post_from_json(j, want, &replies); !why.empty()) {
      error = why;
    }
    const auto& got = r.records[i];
    if (!error.empty()) {
      CHECK(got.error.find(error) != std::string::npos);
      continue;
    }
    CHECK(got.error.empty());
    CHECK(got.post.id == (want.id.empty() ? std::to_string(i + 1) : want.id));
    CHECK(got.post.text == want.text);
    CHECK(got.post.role == want.role);
    CHECK(got.post.channel == want.channel);
    CHECK(got.post.lang == want.lang);
    CHECK(got.post.author == want.author);
    CHECK(got.post.created_at == want.created_at);
    CHECK(got.post.reply_to == want.reply_to);
    CHECK(got.post.reply_to_id == want.reply_to_id);
  }
  // the float id keeps nlohmann's spelling of it
  CHECK(r.records[3].post.id == "1.5");
  CHECK(r.records[7].post.text == "second");
  CHECK(r.records[15].post.reply_to == std::optional<std::string>("parent text"));
}
