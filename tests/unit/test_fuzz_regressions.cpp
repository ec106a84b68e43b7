// Inputs the fuzzers (fuzz/) found; their files are in tests/fixtures/crashes/.
#include <catch2/catch.hpp>

#include <cstdint>
#include <fstream>
#include <limits>
#include <sstream>

#include "input/timestamp.h"
#include "policy/policy.h"
#include "policy/yaml_check.h"

namespace grabli {

TEST_CASE("iso_utc stays in years 1..9999 for any int64 (fuzz_reader_vk: a huge date)", "[fuzz]") {
  CHECK(iso_utc(0) == "1970-01-01T00:00:00Z");
  CHECK(iso_utc(std::numeric_limits<std::int64_t>::max()) == "9999-12-31T23:59:59Z");
  CHECK(iso_utc(std::numeric_limits<std::int64_t>::min()) == "0001-01-01T00:00:00Z");
}

TEST_CASE("check_yaml_structure ends on yaml-cpp's endless documents (fuzz_policy timeout)", "[fuzz]") {
  std::ifstream in(std::string(GRABLI_SOURCE_DIR) + "/tests/fixtures/crashes/fuzz_policy-timeout-documents.yaml", std::ios::binary);
  REQUIRE(in);
  std::stringstream ss;
  ss << in.rdbuf();
  const auto issues = check_yaml_structure(ss.str(), "p.yaml");
  REQUIRE(!issues.empty());
  CHECK(issues.front().message.find("one YAML document") != std::string::npos);
  CHECK(check_yaml_structure("pack: a\nrules: []\n", "ok.yaml").empty());
  CHECK(check_yaml_structure("---\npack: a\nrules: []\n...\n", "ok.yaml").empty());
}

TEST_CASE("a key that is not a plain name is an error, not an exception (fuzz_policy crash)", "[fuzz]") {
  std::ifstream in(std::string(GRABLI_SOURCE_DIR) + "/tests/fixtures/crashes/fuzz_policy-crash-complex-key.yaml", std::ios::binary);
  REQUIRE(in);
  std::stringstream ss;
  ss << in.rdbuf();
  std::vector<PolicyError> errors;
  // the whole pipeline: before the fix, the loader's top-level key loop threw TypedBadConversion
  auto loaded = compile_policy({{"p.yaml", ss.str(), false}}, {}, DictionaryPaths{});
  REQUIRE_FALSE(loaded.errors.empty());
  CHECK(loaded.errors.front().line == 80);
  CHECK(loaded.errors.front().message == "a key must be a plain name, not a list or a map");
  auto missing = check_yaml_structure("pack: a\n: 1\nrules: []\n", "p.yaml");
  REQUIRE(missing.size() == 1);
  CHECK(missing.front().message == "a key is missing before ':'");
  CHECK(check_yaml_structure("pack: a\nrules:\n  - {id: x, ? [k]: v}\n", "p.yaml").size() == 1);
}

}  // namespace grabli
