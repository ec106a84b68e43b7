#include <algorithm>

#include "match/matcher.h"

namespace grabli {

bool MatchContext::fired(int pattern) const {
  return std::binary_search(patterns_fired.begin(), patterns_fired.end(), pattern);
}

Finding make_finding(const Rule& rule, std::uint32_t start, std::uint32_t end) {
  Finding f;
  f.rule = rule.full_id();
  f.category = rule.category;
  f.level = rule.level;
  f.start = start;
  f.end = end;
  f.message = rule.message;
  f.suggestion = rule.suggestion;
  return f;
}

std::vector<std::string> read_strings(PolicyBuilder& b, const YamlNode& rule, const char* key, bool required) {
  std::vector<std::string> out;
  const auto n = rule[key];
  if (!n) {
    if (required) b.fail(rule, std::string("this kind of rule needs '") + key + "'");
    return out;
  }
  if (n.IsScalar()) {
    out.push_back(n.Scalar());
  } else if (n.IsSequence()) {
    for (const auto& item : n) {
      if (!item.IsScalar()) b.fail(item, std::string(key) + " must be a list of strings");
      out.push_back(item.Scalar());
    }
  } else {
    b.fail(n, std::string(key) + " must be a string or a list of strings");
  }
  if (required && out.empty()) b.fail(n, std::string(key) + " is empty");
  return out;
}

bool reads_original(PolicyBuilder& b, const YamlNode& node) {
  const auto on = node["on"];
  if (!on) return false;
  const std::string v = on.IsScalar() ? on.Scalar() : "";
  if (v != "original" && v != "normalized" && v != "normalised") b.fail(on, "'on' must be 'normalized' or 'original'");
  return v == "original";
}

std::pair<std::uint32_t, std::uint32_t> add_phrases(PolicyBuilder& b, const YamlNode& rule, const char* key,
                                                    bool required) {
  const auto first = b.next_phrase_id();
  const auto n = rule[key];
  if (!n) {
    if (required) b.fail(rule, std::string("this kind of rule needs '") + key + "'");
    return {first, first};
  }
  if (n.IsScalar()) {
    b.add_phrase(n, n.Scalar());
  } else if (n.IsSequence()) {
    for (const auto& item : n) {
      if (!item.IsScalar()) b.fail(item, std::string(key) + " must be a list of phrases");
      b.add_phrase(item, item.Scalar());
    }
  } else {
    b.fail(n, std::string(key) + " must be a phrase or a list of phrases");
  }
  if (required && b.next_phrase_id() == first) b.fail(n, std::string(key) + " is empty");
  return {first, b.next_phrase_id()};
}

KindRegistry& KindRegistry::instance() {
  static KindRegistry r;
  return r;
}

void KindRegistry::add(KindInfo info) { kinds_.push_back(std::move(info)); }

const KindInfo* KindRegistry::find(std::string_view name) const {
  for (const auto& k : kinds_)
    if (k.name == name) return &k;
  return nullptr;
}

std::vector<std::string_view> KindRegistry::names() const {
  std::vector<std::string_view> out;
  for (const auto& k : kinds_) out.push_back(k.name);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace grabli
