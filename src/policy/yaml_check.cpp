#include <sstream>
#include <unordered_map>

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include "policy/yaml_check.h"

namespace grabli {
namespace {

struct YamlIssue {
  YAML::Mark mark;
  std::string message;
};

// yaml-cpp keeps the last of duplicate keys silently, expands aliases (alias bombs) and reports
// deep nesting as a bare "bad file"; this pass over the events catches all three first.
class StructureCheck : public YAML::EventHandler {
 public:
  explicit StructureCheck(int max_depth) : max_depth_(max_depth) {}
  std::vector<YamlIssue> issues;

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& m, YAML::anchor_t a) override { node(m, a, nullptr, false); }
  void OnAlias(const YAML::Mark& m, YAML::anchor_t) override {
    fail(m, "aliases (*name) are not allowed in policy files; write the value out");
  }
  void OnScalar(const YAML::Mark& m, const std::string&, YAML::anchor_t a, const std::string& v) override {
    node(m, a, &v);
  }
  void OnSequenceStart(const YAML::Mark& m, const std::string&, YAML::anchor_t a, YAML::EmitterStyle::value) override {
    node(m, a, nullptr, true);
    push(m, false);
  }
  void OnSequenceEnd() override { stack_.pop_back(); }
  void OnMapStart(const YAML::Mark& m, const std::string&, YAML::anchor_t a, YAML::EmitterStyle::value) override {
    node(m, a, nullptr, true);
    push(m, true);
  }
  void OnMapEnd() override { stack_.pop_back(); }
  void OnAnchor(const YAML::Mark& m, const std::string&) override {
    fail(m, "anchors (&name) are not allowed in policy files");
  }

  struct Stop {};

 private:
  struct Frame {
    bool map;
    bool expect_key = true;
    std::unordered_map<std::string, YAML::Mark> keys;
  };
  void fail(const YAML::Mark& m, std::string msg) {
    issues.push_back({m, std::move(msg)});
    throw Stop{};
  }
  void push(const YAML::Mark& m, bool map) {
    if (static_cast<int>(stack_.size()) >= max_depth_)
      fail(m, "nesting is deeper than " + std::to_string(max_depth_) + " levels; policy files are shallow");
    stack_.push_back(Frame{map, true, {}});
  }
  void node(const YAML::Mark& m, YAML::anchor_t anchor, const std::string* scalar, bool collection = false) {
    if (anchor != YAML::NullAnchor) fail(m, "anchors (&name) are not allowed in policy files");
    if (stack_.empty() || !stack_.back().map) return;
    auto& f = stack_.back();
    // "? [a, b]: x" or ": x": every reader of these files expects a plain name as each key
    if (f.expect_key && !scalar)
      fail(m, collection ? "a key must be a plain name, not a list or a map" : "a key is missing before ':'");
    if (f.expect_key && scalar) {
      auto [it, fresh] = f.keys.emplace(*scalar, m);
      if (!fresh)
        issues.push_back({m, "duplicate key '" + *scalar + "' (first at line " + std::to_string(it->second.line + 1) +
                                 "); yaml would silently keep only the last"});
    }
    f.expect_key = !f.expect_key;
  }
  int max_depth_;
  std::vector<Frame> stack_;
};

}  // namespace

std::vector<PolicyError> check_yaml_structure(const std::string& content, const std::string& path, int max_depth) {
  StructureCheck check(max_depth);
  std::istringstream in(content);
  try {
    YAML::Parser parser(in);
    // The loader reads one document. yaml-cpp 0.7 can also report documents forever without
    // moving on (found by fuzz_policy: a 209-byte file hung grabli), so a second one ends it.
    if (parser.HandleNextDocument(check) && parser.HandleNextDocument(check))
      check.issues.push_back({YAML::Mark{}, "a policy file is one YAML document; remove the second '---' and what follows"});
  } catch (const StructureCheck::Stop&) {
  } catch (const YAML::Exception& e) {
    check.issues.push_back({e.mark, e.msg});
  }
  std::vector<PolicyError> out;
  for (auto& i : check.issues)
    out.push_back({path, static_cast<std::uint32_t>(i.mark.line + 1), static_cast<std::uint32_t>(i.mark.column + 1), "",
                   i.message});
  return out;
}

}  // namespace grabli
