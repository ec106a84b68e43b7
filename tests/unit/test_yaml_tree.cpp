#include <yaml-cpp/yaml.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>
#include <sstream>

#include "policy/policy.h"
#include "policy/yaml_tree.h"

using namespace grabli;

namespace {

YamlNode parsed(const std::string& text, std::unique_ptr<YamlTree>& keep) {
  auto p = parse_yaml(text, "t.yaml");
  for (const auto& e : p.issues) UNSCOPED_INFO(e.to_string());
  REQUIRE(p.issues.empty());
  keep = std::move(p.tree);
  return keep->root();
}

// The same document as yaml-cpp reads it: kinds, scalars, keys in order, and
// each node's line.
void same_as_yaml_cpp(const YamlNode& ours, const YAML::Node& theirs, const std::string& where) {
  INFO(where << " line " << ours.Mark().line + 1);
  // an empty value at the end of the file: libyaml places it on its key's line,
  // yaml-cpp on the next
  if (!(theirs.IsNull() && ours.IsNull())) REQUIRE(ours.Mark().line == theirs.Mark().line);
  switch (theirs.Type()) {
    case YAML::NodeType::Null: REQUIRE(ours.IsNull()); return;
    case YAML::NodeType::Scalar:
      REQUIRE(ours.IsScalar());
      REQUIRE(ours.Scalar() == theirs.Scalar());
      return;
    case YAML::NodeType::Sequence: {
      REQUIRE(ours.IsSequence());
      REQUIRE(ours.size() == theirs.size());
      std::size_t i = 0;
      for (const auto& item : ours) same_as_yaml_cpp(item, theirs[i++], where);
      return;
    }
    case YAML::NodeType::Map: {
      REQUIRE(ours.IsMap());
      REQUIRE(ours.size() == theirs.size());
      auto it = theirs.begin();
      for (const auto& kv : ours) {
        REQUIRE(kv.first.Scalar() == it->first.Scalar());
        same_as_yaml_cpp(kv.second, it->second, where + " ." + kv.first.Scalar());
        ++it;
      }
      return;
    }
    case YAML::NodeType::Undefined: FAIL("yaml-cpp gave an undefined node");
  }
}

}  // namespace

TEST_CASE("yaml tree: every shipped pack reads as yaml-cpp reads it", "[yaml]") {
  // the packs were written and reviewed against yaml-cpp; libyaml must not read
  // them differently
  std::size_t files = 0;
  for (const auto& src : embedded_policy_sources()) {
    std::unique_ptr<YamlTree> tree;
    same_as_yaml_cpp(parsed(src.content, tree), YAML::Load(src.content), src.path);
    ++files;
  }
  CHECK(files > 20);
}

TEST_CASE(
    "yaml tree: the repository's other YAML and the forms policy authors "
    "write read as in yaml-cpp",
    "[yaml]") {
  std::vector<std::pair<std::string, std::string>> docs;
  for (const char* rel :
       {".pre-commit-hooks.yaml", "src/audit/complaint_cues.yaml", "tests/fixtures/audit/grabli.yaml"}) {
    std::ifstream in(std::string(GRABLI_SOURCE_DIR) + "/" + rel, std::ios::binary);
    REQUIRE(in);
    std::stringstream ss;
    ss << in.rdbuf();
    docs.emplace_back(rel, ss.str());
  }
  const char* forms[] = {
      "pack: a\nrules:\n  - id: x\n    message: >\n      folded\n      "
      "text\n\n    suggestion: |\n      kept\n      lines\n",
      "a: \"esc \\\" \\n \\u0436 \\t\"\nb: 'it''s'\nc: plain with:colon\nd: "
      "#comment\n  value\n",
      "a: multi\n  line\n  plain\nb: [x, 'y', \"z\", {k: v}, [1, 2]]\nc: {a: "
      "1, b: [2, 3]}\n",
      "---\nкириллица: «ёлки» — палки\nlist:\n- один\n- два: три\n  четыре: "
      "пять\n...\n",
      "a:\n  - phrases: ['\"use\" code', 'с|со скидкой*', '* ... x']\n    "
      "pattern: '(?i)\\bfoo\\s+bar'\n",
      "a: |-\n  strip\nb: |+\n  keep\n\nc: !!str 12\nd: ''\ne: \"\"\nf: "
      "null\ng: ~\nh:\n",
      "? a\n: 1\n? b\n: [2]\n",
      "a: 1 # comment\n# own line\nb:   spaced   \n\"quoted key\": 3\n",
  };
  for (const char* f : forms) docs.emplace_back(f, f);
  for (const auto& [name, text] : docs) {
    std::unique_ptr<YamlTree> tree;
    same_as_yaml_cpp(parsed(text, tree), YAML::Load(text), name);
  }
}

TEST_CASE("yaml tree: nodes, keys, marks and iteration", "[yaml]") {
  std::unique_ptr<YamlTree> keep;
  const auto doc = parsed(
      "pack: a\nrules:\n  - id: x\n    n: 3\n  - [1, "
      "2]\nempty:\nq: 'null'\nt: ~\n",
      keep);
  REQUIRE(doc.IsMap());
  CHECK(doc.size() == 5);
  CHECK(doc["pack"].Scalar() == "a");
  CHECK(doc["empty"].IsNull());
  CHECK(doc["t"].IsNull());
  CHECK(doc["q"].IsScalar());  // quoted, "null" is a string
  CHECK(doc["q"].Scalar() == "null");
  const auto rules = doc["rules"];
  REQUIRE(rules.IsSequence());
  CHECK(rules.size() == 2);
  CHECK(rules.Mark().line == 2);  // a block sequence starts at its first '-'
  std::vector<int> lines;
  for (const auto& r : rules) lines.push_back(r.Mark().line);
  CHECK(lines == std::vector<int>{2, 4});
  const auto first = *rules.begin();
  CHECK(first.Mark().column == 4);  // a block map starts at its first key
  CHECK(first["n"].as<int>() == 3);
  std::vector<std::string> keys;
  for (const auto& kv : first) keys.push_back(kv.first.Scalar() + "=" + kv.second.Scalar());
  CHECK(keys == std::vector<std::string>{"id=x", "n=3"});
  // a key that is not there: false, empty, and placed at the map it was looked
  // up in
  const auto missing = first["message"];
  CHECK_FALSE(missing);
  CHECK(missing.Scalar().empty());
  CHECK(missing.size() == 0);
  CHECK(missing.begin() == missing.end());
  CHECK(missing.Mark().line == 2);
  CHECK_FALSE(missing["deeper"]);
  CHECK_FALSE(doc["pack"]["x"]);  // a scalar has no keys
}

TEST_CASE("yaml tree: conversions as yaml-cpp makes them", "[yaml]") {
  std::unique_ptr<YamlTree> keep;
  const auto d = parsed(
      "i: -12\nplus: +7\nf: 0.5\ne: 1e3\ndot: .25\ninf: "
      "-.inf\nword: inf\nyes: yes\noff: Off\nbad: maybe\n"
      "frac: 1.5\nlist: [1]\n",
      keep);
  CHECK(d["i"].as<std::int64_t>() == -12);
  CHECK(d["plus"].as<int>() == 7);
  CHECK(d["f"].as<double>() == 0.5);
  CHECK(d["e"].as<double>() == 1000);
  CHECK(d["dot"].as<double>() == 0.25);
  CHECK(std::isinf(d["inf"].as<double>()));
  CHECK_THROWS_AS(d["word"].as<double>(), YamlError);  // YAML spells it .inf
  CHECK(d["yes"].as<bool>());
  CHECK_FALSE(d["off"].as<bool>(true));
  CHECK(d["bad"].as<bool>(true));  // the fallback
  CHECK_THROWS_AS(d["frac"].as<std::int64_t>(), YamlError);
  CHECK_THROWS_AS(d["i"].as<std::uint64_t>(), YamlError);
  CHECK_THROWS_AS(d["list"].as<std::string>(), YamlError);
  try {
    (void)d["bad"].as<double>();
  } catch (const YamlError& e) {
    CHECK(e.mark.line == 9);
    CHECK(e.mark.column == 5);
    CHECK(e.msg == "expected a number");
  }
}

TEST_CASE("yaml tree: structure issues, each with its place", "[yaml]") {
  auto only = [](const std::string& text, int max_depth = 32) {
    auto p = parse_yaml(text, "p.yaml", max_depth);
    CHECK_FALSE(p.tree);
    REQUIRE(p.issues.size() == 1);
    return p.issues.front();
  };
  CHECK(only("a: &x 1\nb: 2\n").message == "anchors (&name) are not allowed in policy files");
  CHECK(only("a: [1]\nb: *x\n").message.find("aliases (*name) are not allowed") == 0);
  CHECK(only("a: [[[1]]]\n", 3).message == "nesting is deeper than 3 levels; policy files are shallow");
  CHECK(parse_yaml("a: [[1]]\n", "p.yaml", 3).issues.empty());  // three levels are fine
  const auto e = only("a: 1\nb:\n  c: 1\n  c: 2\n");
  CHECK(e.to_string() ==
        "p.yaml:4:3: error: duplicate key 'c' (first at line "
        "3); yaml would silently keep only the last");
  // a map with many keys is checked by hash: the same answer
  std::string big;
  for (int i = 0; i < 40; ++i) big += "k" + std::to_string(i) + ": 1\n";
  CHECK(only(big + "k7: 2\n").to_string().find("p.yaml:41:1: error: duplicate key 'k7' (first at line 8)") == 0);
  // bytes that are not UTF-8: where they are, counted in characters
  const auto bad = only("a: 1\nb: «\xFF»\n");
  CHECK(bad.line == 2);
  CHECK(bad.column == 5);
  CHECK(bad.message.find("(byte 0xFF)") != std::string::npos);
  const auto nul = only(std::string("a: 1\nb: \"x\0\"\n", 12));
  CHECK(nul.line == 2);
  CHECK(nul.message.find("(byte 0x00); remove it") != std::string::npos);
  CHECK(only("a:\n\t- 1\n").message.find("indent with spaces") != std::string::npos);
  // no document at all is an empty policy, not an error
  auto empty = parse_yaml("# nothing\n", "p.yaml");
  REQUIRE(empty.tree);
  CHECK(empty.tree->root().IsNull());
}
