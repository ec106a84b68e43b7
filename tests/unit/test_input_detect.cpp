#include <catch2/catch.hpp>

#include <random>
#include <sstream>
#include <unordered_map>

#include "input/input_stream.h"
#include "input/record.h"
#include "input/reply_index.h"
#include "input/timestamp.h"

using namespace grabli;

namespace {
std::optional<InputFormat> detect(std::string_view name, std::string_view head) {
  std::string why;
  return detect_input_format(name, head, why);
}
}  // namespace

TEST_CASE("detect: file extensions decide first") {
  CHECK(detect("posts.jsonl", "") == InputFormat::jsonl);
  CHECK(detect("EXPORT.CSV", "") == InputFormat::csv);
  CHECK(detect("data/tweets.js", "") == InputFormat::twitter);
}

TEST_CASE("detect: JSONL on stdin by its first line") {
  CHECK(detect("-", "{\"id\": 1, \"text\": \"a\"}\n{\"id\": 2") == InputFormat::jsonl);
}

TEST_CASE("detect: a pretty-printed Telegram export") {
  CHECK(detect("result.json", "{\n \"name\": \"Chat\",\n \"type\": \"private_group\",\n \"messages\": [") == InputFormat::telegram);
  CHECK(detect("", "{\n \"about\": \"Here is the data\",\n \"personal_information\": {") == InputFormat::telegram);
}

TEST_CASE("detect: a VK response") {
  CHECK(detect("wall.json", "{\"response\": {\"count\": 2, \"items\": [") == InputFormat::vk);
  CHECK(detect("wall.json", "{\n  \"response\": {\n    \"count\": 2,") == InputFormat::vk);
}

TEST_CASE("detect: an X archive without its .js name") {
  CHECK(detect("-", "window.YTD.tweets.part0 = [") == InputFormat::twitter);
  CHECK(detect("-", "\xEF\xBB\xBF  [ {\"tweet\": {}} ]") == InputFormat::twitter);
}

TEST_CASE("detect: CSV by its header line") {
  CHECK(detect("-", "id,text,author\n1,a,b\n") == InputFormat::csv);
}

TEST_CASE("detect: empty and unknown input say why") {
  std::string why;
  CHECK_FALSE(detect_input_format("-", "   \n", why));
  CHECK(why == "the input is empty");
  CHECK_FALSE(detect_input_format("-", "hello world", why));
  CHECK_FALSE(why.empty());
}

TEST_CASE("input-format names round-trip") {
  for (auto f : {InputFormat::automatic, InputFormat::jsonl, InputFormat::csv, InputFormat::telegram, InputFormat::vk,
                 InputFormat::twitter})
    CHECK(parse_input_format(input_format_name(f)) == f);
  CHECK(parse_input_format("x") == InputFormat::twitter);
  CHECK_FALSE(parse_input_format("xml"));
}

TEST_CASE("input stream: the head can be looked at and is then read again, and bytes are counted") {
  std::istringstream src("abcdefghij");
  InputStreambuf buf(src.rdbuf(), 4);
  CHECK(buf.head(6) == "abcdef");
  std::istream in(&buf);
  std::string all;
  std::getline(in, all);
  CHECK(all == "abcdefghij");
  CHECK(buf.consumed() == 10);
}

TEST_CASE("reply index: finds what it remembers and forgets the oldest first") {
  ReplyIndex idx(2);
  idx.remember("a", "1");
  idx.remember("b", "2");
  idx.remember("c", "3");
  CHECK_FALSE(idx.find("a"));
  REQUIRE(idx.find("c"));
  CHECK(*idx.find("c") == "3");
  CHECK(idx.size() == 2);
  // an id given again answers with its newest text, and its older entry ageing out keeps it
  idx.remember("c", "33");
  idx.remember("d", "4");
  REQUIRE(idx.find("c"));
  CHECK(*idx.find("c") == "33");
  CHECK(*idx.find("d") == "4");
  CHECK_FALSE(idx.find("b"));
  CHECK_FALSE(idx.find(""));
}

TEST_CASE("reply index: the byte cap forgets whole blocks and keeps every recent text intact") {
  ReplyIndex idx(100000, 4u << 20);
  auto text_of = [](int i) { return std::string(5000 + i % 7000, static_cast<char>('a' + i % 26)) + std::to_string(i); };
  for (int i = 0; i < 3000; ++i) idx.remember("m" + std::to_string(i), text_of(i));
  // ~25 MB went in, at most 4 MiB stay: the oldest are gone, the newest all there
  CHECK_FALSE(idx.find("m0"));
  CHECK_FALSE(idx.find("m1000"));
  CHECK(idx.size() < 1000);
  for (int i = 2900; i < 3000; ++i) {
    const auto t = idx.find("m" + std::to_string(i));
    REQUIRE(t);
    CHECK(*t == text_of(i));
  }
  // a text bigger than a block gets one of its own; one over a quarter of the cap is not kept
  ReplyIndex roomy(100, 16u << 20);
  roomy.remember("small", "s");
  roomy.remember("big", std::string(3u << 20, 'x'));
  roomy.remember("after", "a");
  roomy.remember("huge", std::string(5u << 20, 'y'));
  REQUIRE(roomy.find("big"));
  CHECK(*roomy.find("big") == std::string(3u << 20, 'x'));
  CHECK(*roomy.find("small") == "s");
  CHECK(*roomy.find("after") == "a");
  CHECK_FALSE(roomy.find("huge"));
}

TEST_CASE("timestamps: ISO 8601 with and without zones") {
  CHECK(parse_timestamp("2024-03-01T10:00:00Z") == 1709287200);
  CHECK(parse_timestamp("2024-03-01T10:00:00") == 1709287200);
  CHECK(parse_timestamp("2024-03-01 13:00:00+03:00") == 1709287200);
  CHECK(parse_timestamp("2024-03-01T10:00:00.250Z") == 1709287200);
  CHECK(parse_timestamp("2024-03-01") == 1709251200);
}

TEST_CASE("timestamps: Russian dates, unix seconds and Twitter's format") {
  CHECK(parse_timestamp("01.03.2024 10:00") == 1709287200);
  CHECK(parse_timestamp("1709287200") == 1709287200);
  CHECK(parse_timestamp("Fri Mar 01 10:00:00 +0000 2024") == 1709287200);
  CHECK_FALSE(parse_timestamp("yesterday"));
  CHECK_FALSE(parse_timestamp("2024-13-01"));
}

TEST_CASE("timestamps: iso_utc and month_of") {
  CHECK(iso_utc(1709287200) == "2024-03-01T10:00:00Z");
  CHECK(month_of("2024-03-31T23:59:59Z") == "2024-03");
  CHECK(month_of("") == "");
}

TEST_CASE("durations: SLA spellings") {
  CHECK(parse_duration("24h") == 86400);
  CHECK(parse_duration("90m") == 5400);
  CHECK(parse_duration("1h30m") == 5400);
  CHECK(parse_duration("2d") == 172800);
  CHECK(parse_duration("3600") == 3600);
  CHECK_FALSE(parse_duration("soon"));
  CHECK_FALSE(parse_duration("1h30"));
  CHECK(format_duration(86400) == "24h");
  CHECK(format_duration(5400) == "1h 30m");
  CHECK(format_duration(3 * 86400 + 7200) == "3d 2h");
  CHECK(format_duration(45) == "45s");
}

TEST_CASE("reply index: the id hash index agrees with a map through puts and erases") {
  // few distinct hashes, many collisions in the low bits: runs wrap around and erases shift them
  std::mt19937_64 rng(3);
  IdHashIndex idx;
  std::unordered_map<std::uint64_t, std::uint64_t> model;
  for (int step = 0; step < 200000; ++step) {
    const std::uint64_t h = (rng() % 300) << (rng() % 2 ? 0 : 40);
    switch (rng() % 3) {
      case 0:
      case 1: {
        const std::uint64_t v = rng() % 1000;
        idx.put(h, v);
        model[h] = v;
        break;
      }
      default:
        idx.erase(h);
        model.erase(h);
    }
    const std::uint64_t probe = (rng() % 300) << (rng() % 2 ? 0 : 40);
    const auto it = model.find(probe);
    const auto got = idx.find(probe);
    REQUIRE(got.has_value() == (it != model.end()));
    if (got) REQUIRE(*got == it->second);
    REQUIRE(idx.size() == model.size());
  }
}
