#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "config/config.h"
#include "config/limits.h"
#include "input/draft.h"
#include "input/record.h"
#include "policy/policy.h"

using namespace grabli;
namespace fs = std::filesystem;

namespace {

std::optional<std::uint64_t> size_of(std::string_view text) {
  std::string error;
  auto v = parse_size(text, error);
  CHECK(v.has_value() == error.empty());
  return v;
}

std::string size_error(std::string_view text) {
  std::string error;
  CHECK_FALSE(parse_size(text, error));
  return error;
}

// A .grabli.yaml with the given text in a folder of its own; load() returns its errors.
struct ConfigFile {
  fs::path dir;
  explicit ConfigFile(const std::string& text) {
    std::random_device rd;
    dir = fs::temp_directory_path() / ("grabli-limits-" + std::to_string(rd()) + std::to_string(rd()));
    fs::create_directories(dir);
    std::ofstream(dir / ".grabli.yaml", std::ios::binary) << text;
  }
  ~ConfigFile() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  Config load(std::vector<PolicyError>& errors) const { return load_config((dir / ".grabli.yaml").string(), errors); }
};

}  // namespace

TEST_CASE("sizes: byte counts and binary and decimal units", "[limits]") {
  CHECK(size_of("1048576") == 1048576u);
  CHECK(size_of("16MiB") == 16u << 20);
  CHECK(size_of("512 KiB") == 512u << 10);
  CHECK(size_of("2GiB") == 2ull << 30);
  CHECK(size_of("16mib") == 16u << 20);
  CHECK(size_of("10KB") == 10000u);
  CHECK(size_of("3 MB") == 3000000u);
  CHECK(size_of("1GB") == 1000000000u);
  CHECK(size_of("100B") == 100u);
  CHECK(size_of(" 7 ") == 7u);
  CHECK(size_of("0") == 0u);  // a size; whether it is a sensible limit is parse_limit's business
}

TEST_CASE("sizes: what is not a size says how to write one", "[limits]") {
  CHECK_THAT(size_error("-1"), Catch::Contains("'-1' is negative") && Catch::Contains("16MiB"));
  CHECK_THAT(size_error(""), Catch::Contains("is not a size"));
  CHECK_THAT(size_error("MiB"), Catch::Contains("is not a size"));
  CHECK_THAT(size_error("1.5MiB"), Catch::Contains("unknown unit '.5MiB'"));
  CHECK_THAT(size_error("16M"), Catch::Contains("unknown unit 'M'") && Catch::Contains("KiB"));
  CHECK_THAT(size_error("16 megabytes"), Catch::Contains("unknown unit 'megabytes'"));
  CHECK_THAT(size_error("99999999999999999999"), Catch::Contains("too large"));
  CHECK_THAT(size_error("99999999999GiB"), Catch::Contains("too large"));
}

TEST_CASE("sizes are shown in the unit they were most likely written in", "[limits]") {
  CHECK(format_size(64u << 20) == "64 MiB");
  CHECK(format_size(512u << 10) == "512 KiB");
  CHECK(format_size(1u << 30) == "1 GiB");
  CHECK(format_size(1536) == "1536 bytes");
  CHECK(format_size(1) == "1 byte");
}

TEST_CASE("limits: zero, tiny and absurd values are refused with the range", "[limits]") {
  std::string error;
  const LimitKey& post = *find_limit_key("max_post_bytes");
  const LimitKey& set = *find_limit_key("regex_set_max_mem");
  CHECK_FALSE(parse_limit(post, "0", error));
  CHECK(error == "must be between 1 byte and 1 GiB, not 0");
  CHECK_FALSE(parse_limit(post, "2GiB", error));
  CHECK(error == "must be between 1 byte and 1 GiB, not 2 GiB");
  CHECK_FALSE(parse_limit(set, "100", error));
  CHECK(error == "must be between 1 KiB and 1 GiB, not 100 bytes");
  CHECK_FALSE(parse_limit(set, "-5MiB", error));
  CHECK_THAT(error, Catch::Contains("negative"));
  CHECK(parse_limit(post, "1", error) == 1u);
  CHECK(parse_limit(set, "1GiB", error) == 1u << 30);
}

TEST_CASE("limits: every key has an option of the same name and today's default", "[limits]") {
  REQUIRE(limit_keys().size() == 4);
  for (const auto& k : limit_keys()) {
    std::string option(k.key);
    std::replace(option.begin(), option.end(), '_', '-');
    CHECK(k.option == option);
  }
  const Limits d;
  CHECK(limit_of(d, *find_limit_key("max_post_bytes")) == 64u << 20);
  CHECK(limit_of(d, *find_limit_key("max_record_bytes")) == 16u << 20);
  CHECK(limit_of(d, *find_limit_key("regex_max_mem")) == 8u << 20);
  CHECK(limit_of(d, *find_limit_key("regex_set_max_mem")) == 64u << 20);
  CHECK_FALSE(find_limit_key("max_posts_bytes"));
}

TEST_CASE("limits: the command line's overrides go over the config's", "[limits]") {
  Limits l;
  l.max_post_bytes = 1000;  // as if from .grabli.yaml
  l.max_record_bytes = 2000;
  LimitOverrides cli;
  cli[*find_limit_key("max_post_bytes")] = 10;
  cli[*find_limit_key("regex_set_max_mem")] = 4096;
  cli.apply_to(l);
  CHECK(l.max_post_bytes == 10);
  CHECK(l.max_record_bytes == 2000);
  CHECK(l.regex.per_pattern == RegexLimits{}.per_pattern);
  CHECK(l.regex.per_set == 4096);
}

TEST_CASE(".grabli.yaml: limits are read", "[limits][config]") {
  ConfigFile f("limits:\n  max_post_bytes: 512KiB\n  max_record_bytes: 1048576\n  regex_max_mem: 4 MiB\n"
               "  regex_set_max_mem: 128MiB\n");
  std::vector<PolicyError> errors;
  const auto c = f.load(errors);
  CHECK(errors.empty());
  CHECK(c.limits.max_post_bytes == 512u << 10);
  CHECK(c.limits.max_record_bytes == 1u << 20);
  CHECK(c.limits.regex.per_pattern == 4 << 20);
  CHECK(c.limits.regex.per_set == 128 << 20);
}

TEST_CASE(".grabli.yaml: no limits key keeps the defaults", "[limits][config]") {
  ConfigFile f("fail_on: error\n");
  std::vector<PolicyError> errors;
  const auto c = f.load(errors);
  CHECK(errors.empty());
  CHECK(c.limits.max_post_bytes == Limits{}.max_post_bytes);
  CHECK(c.limits.regex.per_set == Limits{}.regex.per_set);
}

TEST_CASE(".grabli.yaml: a misspelt limit key gets file:line:column and a did-you-mean", "[limits][config]") {
  ConfigFile f("fail_on: error\nlimits:\n  max_post_byte: 1MiB\n");
  std::vector<PolicyError> errors;
  f.load(errors);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].line == 3);
  CHECK(errors[0].column == 3);
  CHECK_THAT(errors[0].message, Catch::Contains("unknown key 'max_post_byte' in limits") &&
                                    Catch::Contains("did you mean 'max_post_bytes'"));
}

TEST_CASE(".grabli.yaml: a bad limit value points at the value", "[limits][config]") {
  std::vector<PolicyError> errors;
  ConfigFile zero("limits:\n  max_post_bytes: 0\n");
  zero.load(errors);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].line == 2);
  CHECK(errors[0].column == 19);
  CHECK(errors[0].message == "limits.max_post_bytes: must be between 1 byte and 1 GiB, not 0");
  errors.clear();
  ConfigFile unit("limits:\n  regex_max_mem: 8 megs\n");
  unit.load(errors);
  REQUIRE(errors.size() == 1);
  CHECK_THAT(errors[0].message, Catch::StartsWith("limits.regex_max_mem: '8 megs': unknown unit 'megs'"));
  errors.clear();
  ConfigFile list("limits:\n  max_record_bytes: [1, 2]\n");
  list.load(errors);
  REQUIRE(errors.size() == 1);
  CHECK_THAT(errors[0].message, Catch::Contains("is a size such as 16MiB"));
  errors.clear();
  ConfigFile scalar("limits: 16MiB\n");
  scalar.load(errors);
  REQUIRE(errors.size() == 1);
  CHECK_THAT(errors[0].message, Catch::Contains("limits is a map"));
}

TEST_CASE("the starter config's commented limits load when uncommented", "[limits][config]") {
  std::string text = starter_config();
  const auto at = text.find("# limits:");
  REQUIRE(at != std::string::npos);
  // uncomment the block: "# limits:" and the "#   key: value" lines after it
  std::string tail = text.substr(at);
  std::string out;
  std::istringstream lines(tail);
  for (std::string line; std::getline(lines, line);) out += (line.starts_with("# ") ? line.substr(2) : line) + "\n";
  ConfigFile f(text.substr(0, at) + out);
  std::vector<PolicyError> errors;
  const auto c = f.load(errors);
  CHECK(errors.empty());
  CHECK(c.limits.max_post_bytes == Limits{}.max_post_bytes);
  CHECK(c.limits.regex.per_set == Limits{}.regex.per_set);
}

TEST_CASE("a post over max_post_bytes is refused, in a file and on a stream", "[limits][draft]") {
  ConfigFile f("");
  const auto path = (f.dir / "post.txt").string();
  std::ofstream(path, std::ios::binary) << std::string(100, 'a');
  std::string content, error;
  CHECK(read_text_file(path, content, error, 100));
  CHECK(content.size() == 100);
  CHECK_FALSE(read_text_file(path, content, error, 99));
  CHECK(error == "file is 100 bytes; the limit for a post is 99 bytes (max_post_bytes)");
  std::istringstream ok(std::string(100, 'a')), big(std::string(1 << 20, 'a'));
  CHECK(read_text_stream(ok, content, error, 100));
  CHECK(content.size() == 100);
  CHECK_FALSE(read_text_stream(big, content, error, 1024));
  CHECK(error == "more than 1 KiB of input; the limit for a post is 1 KiB (max_post_bytes)");
  CHECK(content.empty());
}

TEST_CASE("audit readers: a post over max_post_bytes is an error record, the others are read", "[limits][input]") {
  Limits limits;
  limits.max_post_bytes = 10;
  for (auto format : {InputFormat::jsonl, InputFormat::csv}) {
    std::istringstream in(format == InputFormat::jsonl
                              ? "{\"id\": \"a\", \"text\": \"short\"}\n{\"id\": \"b\", \"text\": \"much too long\"}\n"
                                "{\"id\": \"c\", \"text\": \"fine\"}\n"
                              : "id,text\na,short\nb,much too long\nc,fine\n");
    auto reader = make_reader(format, in, "t", limits);
    std::vector<InputRecord> out;
    reader->read([&](InputRecord&& r) {
      out.push_back(std::move(r));
      return true;
    });
    REQUIRE(out.size() == 3);
    CHECK(out[0].error.empty());
    CHECK(out[1].post.id == "b");
    CHECK(out[1].error == "line " + std::to_string(out[1].line) +
                              ": the text is 13 bytes; the limit for a post is 10 bytes (max_post_bytes); not checked");
    CHECK(out[1].post.text.empty());
    CHECK(out[2].error.empty());
    CHECK(out[2].post.text == "fine");
  }
}

TEST_CASE("audit readers: max_record_bytes bounds a JSONL line and names itself", "[limits][input]") {
  Limits limits;
  limits.max_record_bytes = 512u << 10;
  std::istringstream in("{\"text\": \"" + std::string(600u << 10, 'a') + "\"}\n{\"text\": \"b\"}\n");
  auto reader = make_reader(InputFormat::jsonl, in, "t", limits);
  std::vector<InputRecord> out;
  reader->read([&](InputRecord&& r) {
    out.push_back(std::move(r));
    return true;
  });
  REQUIRE(out.size() == 2);
  CHECK(out[0].error == "line 1: longer than 512 KiB (max_record_bytes); not read");
  CHECK(out[1].post.text == "b");
}

TEST_CASE("regex limits reach the pattern bank: a tiny set limit fails the policy", "[limits][policy]") {
  const std::vector<PolicySource> sources = {{"p.yaml", R"(pack: t
rules:
  - id: r
    category: profanity
    level: error
    kind: pattern
    pattern: '(foo|bar|baz|alpha|bravo|charlie|delta|echo)[a-z]{1,30}(qux|quux)+'
    message: m
    examples:
      bad: ["foozzqux"]
      good: ["fine"]
)"}};
  // The atoms' automaton here is ~40 states of ~20 byte classes: over 1 KiB.
  PolicyLimits tiny;
  tiny.regex.per_set = 1024;
  auto loaded = compile_policy(sources, {}, DictionaryPaths{}, tiny);
  REQUIRE(loaded.errors.size() == 1);
  CHECK_THAT(loaded.errors[0].message, Catch::StartsWith("the combined pattern set exceeds its memory limit of 1 KiB") &&
                                           Catch::Contains("regex_set_max_mem"));
  PolicyLimits small_pattern;
  small_pattern.regex.per_pattern = 1024;
  loaded = compile_policy(sources, {}, DictionaryPaths{}, small_pattern);
  // at load time, whether RE2 refuses the pattern as it is added or when compiled on its own
  REQUIRE_FALSE(loaded.errors.empty());
  CHECK_THAT(loaded.errors[0].message, Catch::Contains("raise limits.regex_max_mem"));
  CHECK(compile_policy(sources, {}, DictionaryPaths{}, PolicyLimits{}).errors.empty());
}
