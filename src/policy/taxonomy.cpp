#include "policy/taxonomy.h"

#include <algorithm>
#include <array>
#include <utility>
#include <vector>

namespace grabli::taxonomy {

namespace {
constexpr std::array<std::string_view, 15> kCategories = {
    "customer-conflict", "legal-threat", "stonewalling", "insider-info", "forward-looking",
    "personal-data", "profanity", "competitor", "unverified-claim", "sensitive-topic",
    "confidential", "banned-org", "ad-disclosure", "spelling", "length"};
constexpr std::array<std::string_view, 4> kRoles = {"executive", "press", "support", "employee"};
constexpr std::array<std::string_view, 16> kChannels = {
    "twitter", "telegram", "vk", "facebook", "instagram", "linkedin", "ok", "youtube",
    "tiktok", "threads", "blog", "website", "email", "press-release", "sms", "other"};
constexpr std::array<std::string_view, 2> kLanguages = {"ru", "en"};

std::size_t distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}
}  // namespace

std::span<const std::string_view> categories() { return kCategories; }
std::span<const std::string_view> roles() { return kRoles; }
std::span<const std::string_view> channels() { return kChannels; }
std::span<const std::string_view> languages() { return kLanguages; }

bool known(std::span<const std::string_view> set, std::string_view v) {
  return std::find(set.begin(), set.end(), v) != set.end();
}

std::string_view closest(std::span<const std::string_view> set, std::string_view v) {
  std::string_view best;
  std::size_t best_d = 1 + v.size() / 3;
  if (best_d < 2) best_d = 2;
  for (auto s : set) {
    const auto d = distance(s, v);
    if (d <= best_d) best_d = d, best = s;
  }
  return best;
}

std::string join(std::span<const std::string_view> set) {
  std::string out;
  for (auto s : set) {
    if (!out.empty()) out += ", ";
    out += s;
  }
  return out;
}

std::string_view canonical_channel(std::string_view c) {
  if (c == "x" || c == "tweet" || c == "tw") return "twitter";
  if (c == "tg") return "telegram";
  if (c == "vkontakte" || c == "вк") return "vk";
  if (c == "fb") return "facebook";
  if (c == "ig" || c == "insta") return "instagram";
  return c;
}

std::string canonical_role(std::string_view r) {
  std::string s(r);
  for (auto& ch : s)
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  static constexpr std::pair<std::string_view, std::string_view> kAliases[] = {
      {"pr", "press"},          {"comms", "press"},        {"communications", "press"},
      {"marketing", "press"},   {"smm", "press"},          {"media", "press"},
      {"ceo", "executive"},     {"cfo", "executive"},      {"coo", "executive"},
      {"cto", "executive"},     {"founder", "executive"},  {"management", "executive"},
      {"leadership", "executive"}, {"customer-service", "support"}, {"customer service", "support"},
      {"customer-support", "support"}, {"customer support", "support"}, {"care", "support"},
      {"helpdesk", "support"},  {"service", "support"},    {"staff", "employee"},
  };
  for (const auto& [alias, role] : kAliases)
    if (s == alias) return std::string(role);
  return known(roles(), s) ? s : std::string(r);
}

}  // namespace grabli::taxonomy
