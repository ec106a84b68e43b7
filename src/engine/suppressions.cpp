#include "engine/suppressions.h"

#include <algorithm>

#include "engine/checker.h"
#include "input/markdown.h"
#include "policy/policy.h"

namespace grabli {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// Lines of a text: offsets where each 1-based line starts.
std::vector<std::uint32_t> line_starts(std::string_view t) {
  std::vector<std::uint32_t> v{0};
  for (std::size_t i = 0; i < t.size(); ++i)
    if (t[i] == '\n') v.push_back(static_cast<std::uint32_t>(i + 1));
  return v;
}

std::uint32_t line_of(const std::vector<std::uint32_t>& starts, std::uint32_t offset) {
  return static_cast<std::uint32_t>(std::upper_bound(starts.begin(), starts.end(), offset) - starts.begin());
}

bool names_rule(const Suppression& s, std::string_view rule) {
  const auto pack = rule.substr(0, rule.find('/'));
  return std::any_of(s.rules.begin(), s.rules.end(), [&](const std::string& r) { return r == rule || r == pack; });
}

Finding meta_finding(std::string_view rule, const Suppression& s, std::string message, std::string suggestion) {
  Finding f;
  f.rule = std::string(rule);
  f.category = "suppression";
  f.level = Level::warning;
  f.start = s.start;
  f.end = s.end;
  f.message = std::move(message);
  f.suggestion = std::move(suggestion);
  return f;
}

}  // namespace

std::vector<Suppression> find_suppressions(const Post& post) {
  std::vector<Suppression> out;
  const std::string_view original = post.original_text();
  const auto scan = markdown::scan(original);
  if (scan.comments.empty()) return out;
  const auto starts = line_starts(original);
  // the line a next-line suppression covers is the next one with text once comments are blanked
  auto has_text = [&](std::uint32_t line) {
    const std::size_t b = starts[line - 1], e = line < starts.size() ? starts[line] : post.text.size();
    return !trim(std::string_view(post.text).substr(b, e - b)).empty();
  };
  for (const auto& c : scan.comments) {
    auto body = trim(original.substr(c.begin + 4, c.end - c.begin - 7));
    Suppression s;
    if (body.starts_with("grabli-disable-next-line")) {
      s.scope = Suppression::Scope::next_line;
      body.remove_prefix(24);
    } else if (body.starts_with("grabli-disable")) {
      s.scope = Suppression::Scope::file;
      body.remove_prefix(14);
    } else {
      continue;
    }
    if (!body.empty() && body.front() != ' ' && body.front() != '\t' && body.front() != ':' && body.front() != '\n')
      continue;  // grabli-disabled, grabli-disable-foo: not ours
    const auto colon = body.find(':');
    std::string_view names = body.substr(0, colon);
    if (colon != std::string_view::npos) s.reason = std::string(trim(body.substr(colon + 1)));
    for (std::size_t i = 0; i < names.size();) {
      while (i < names.size() && (names[i] == ' ' || names[i] == ',' || names[i] == '\t' || names[i] == '\n' || names[i] == '\r')) ++i;
      std::size_t j = i;
      while (j < names.size() && names[j] != ' ' && names[j] != ',' && names[j] != '\t' && names[j] != '\n' && names[j] != '\r') ++j;
      if (j > i) s.rules.emplace_back(names.substr(i, j - i));
      i = j;
    }
    s.start = static_cast<std::uint32_t>(c.begin);
    s.end = static_cast<std::uint32_t>(c.end);
    if (s.scope == Suppression::Scope::next_line) {
      std::uint32_t line = line_of(starts, s.end - 1) + 1;
      while (line <= starts.size() && !has_text(line)) ++line;
      s.target_line = line;
    }
    out.push_back(std::move(s));
  }
  return out;
}

void apply_suppressions(const Post& post, std::vector<Finding>& findings, const Policy* policy) {
  const auto sups = find_suppressions(post);
  if (sups.empty()) return;
  const auto starts = line_starts(post.original_text());
  for (auto& f : findings) {
    if (f.suppressed) continue;
    const auto line = line_of(starts, f.start);
    for (const auto& s : sups) {
      if (!names_rule(s, f.rule)) continue;
      if (s.scope == Suppression::Scope::next_line && s.target_line != line) continue;
      f.suppressed = true;
      f.suppression_reason = s.reason;
      break;
    }
  }
  for (const auto& s : sups) {
    const std::string form = s.scope == Suppression::Scope::file ? "grabli-disable" : "grabli-disable-next-line";
    if (s.rules.empty()) {
      findings.push_back(meta_finding(kUnknownSuppression, s, "The suppression names no rule, so it suppresses nothing.",
                                      "Write <!-- " + form + " pack/rule: why it is acceptable here -->; "
                                      "`grabli rules list` shows the rule ids."));
      continue;
    }
    if (s.reason.empty())
      findings.push_back(meta_finding(kSuppressionWithoutReason, s,
                                      "The suppression gives no reason; reviewers and auditors need one.",
                                      "Add it after a colon: <!-- " + form + " " + s.rules.front() +
                                          ": why it is acceptable here -->"));
    if (policy)
      for (const auto& r : s.rules)
        if (!policy->knows(r))
          findings.push_back(meta_finding(kUnknownSuppression, s,
                                          "The suppression names '" + r + "', which is no rule or pack of the policy.",
                                          "Use a full id such as pack/rule from `grabli rules list`, or a pack name."));
  }
  std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) { return a.start < b.start; });
}

}  // namespace grabli
