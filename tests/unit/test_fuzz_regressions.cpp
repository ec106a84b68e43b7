// Inputs the fuzzers (fuzz/) found; their files are in tests/fixtures/crashes/.
#include <catch2/catch.hpp>

#include <cstdint>
#include <fstream>
#include <limits>
#include <sstream>

#include "input/timestamp.h"
#include "policy/policy.h"
#include "policy/yaml_tree.h"

namespace grabli {

TEST_CASE("iso_utc stays in years 1..9999 for any int64 (fuzz_reader_vk: a huge date)", "[fuzz]") {
  CHECK(iso_utc(0) == "1970-01-01T00:00:00Z");
  CHECK(iso_utc(std::numeric_limits<std::int64_t>::max()) == "9999-12-31T23:59:59Z");
  CHECK(iso_utc(std::numeric_limits<std::int64_t>::min()) == "0001-01-01T00:00:00Z");
}

TEST_CASE("check_yaml_structure ends on endless documents (fuzz_policy timeout of yaml-cpp)", "[fuzz]") {
  // yaml-cpp 0.7 reported this file's documents forever; libyaml stops at its bytes that are not UTF-8
  std::ifstream in(std::string(GRABLI_SOURCE_DIR) + "/tests/fixtures/crashes/fuzz_policy-timeout-documents.yaml", std::ios::binary);
  REQUIRE(in);
  std::stringstream ss;
  ss << in.rdbuf();
  const auto issues = check_yaml_structure(ss.str(), "p.yaml");
  REQUIRE(issues.size() == 1);
  CHECK(issues.front().line == 3);
  CHECK(issues.front().column == 46);
  CHECK(issues.front().message.find("UTF-8 octet (byte 0xBB)") != std::string::npos);
  const auto two = check_yaml_structure("pack: a\nrules: []\n---\npack: b\n", "p.yaml");
  REQUIRE(two.size() == 1);
  CHECK(two.front().line == 3);
  CHECK(two.front().message.find("one YAML document") != std::string::npos);
  CHECK(check_yaml_structure("pack: a\nrules: []\n", "ok.yaml").empty());
  CHECK(check_yaml_structure("---\npack: a\nrules: []\n...\n", "ok.yaml").empty());
}

TEST_CASE("a key that is not a plain name is an error, not an exception (fuzz_policy crash)", "[fuzz]") {
  std::ifstream in(std::string(GRABLI_SOURCE_DIR) + "/tests/fixtures/crashes/fuzz_policy-crash-complex-key.yaml", std::ios::binary);
  REQUIRE(in);
  std::stringstream ss;
  ss << in.rdbuf();
  // the whole pipeline: with yaml-cpp, the loader's top-level key loop threw TypedBadConversion on
  // this file's complex key at line 80; libyaml refuses it sooner, at a byte that is not UTF-8
  auto loaded = compile_policy({{"p.yaml", ss.str()}}, {}, DictionaryPaths{});
  REQUIRE(loaded.errors.size() == 1);
  CHECK(loaded.errors.front().line == 16);
  CHECK(loaded.errors.front().message.find("save it as UTF-8") != std::string::npos);
  // the same key in valid UTF-8
  auto complex = compile_policy({{"p.yaml", "pack: a\nrules:\n  - {id: x, ? [k]: v}\n"}}, {}, DictionaryPaths{});
  REQUIRE(complex.errors.size() == 1);
  CHECK(complex.errors.front().line == 3);
  CHECK(complex.errors.front().message == "a key must be a plain name, not a list or a map");
  for (const char* missing : {"pack: a\n~: 1\nrules: []\n", "pack: a\n? \n: 1\nrules: []\n"}) {
    const auto issues = check_yaml_structure(missing, "p.yaml");
    REQUIRE(issues.size() == 1);
    CHECK(issues.front().line == 2);
    CHECK(issues.front().message == "a key is missing before ':'");
  }
  const auto bare = check_yaml_structure("pack: a\n: 1\nrules: []\n", "p.yaml");  // not YAML at all in libyaml
  REQUIRE(bare.size() == 1);
  CHECK(bare.front().line == 2);
}

}  // namespace grabli
