#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/finding.h"
#include "engine/post.h"

namespace grabli {

struct Policy;

// An inline suppression written in the draft as an HTML comment (invisible once published):
//   <!-- grabli-disable-next-line pack/rule: reason -->   the next line that has text
//   <!-- grabli-disable pack/rule, other-pack: reason -->  the whole file
struct Suppression {
  enum class Scope { next_line, file } scope = Scope::next_line;
  std::vector<std::string> rules;  // full rule ids or pack names
  std::string reason;              // empty: none given
  std::uint32_t start = 0, end = 0;  // the comment, bytes of the post's text
  std::uint32_t target_line = 0;     // next_line: the line (of the post's text, 1-based) it covers
};

// The suppressions in a post's HTML comments; comments inside code are not suppressions.
std::vector<Suppression> find_suppressions(const Post& post);

// Meta-rules that report problems with suppressions themselves.
inline constexpr std::string_view kSuppressionWithoutReason = "grabli/suppression-without-reason";
inline constexpr std::string_view kUnknownSuppression = "grabli/unknown-suppression";

// Marks the findings the post's own comments suppress (they stay in the list, for the audit
// trail) and adds a warning for every suppression that gives no reason or names no known rule
// (`policy` may be null: names are then not checked). Runs after Checker::check.
void apply_suppressions(const Post& post, std::vector<Finding>& findings, const Policy* policy = nullptr);

}  // namespace grabli
