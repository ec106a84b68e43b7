// kind: limit — length per channel, capitals, exclamation marks, hashtags, links, mentions.
#include <algorithm>
#include <cstring>
#include <map>
#include <optional>

#include "match/spans.h"
#include "policy/taxonomy.h"
#include "text/utf8.h"

namespace grabli {
namespace {

enum class What { chars, caps, exclamations, hashtags, links, mentions };

class LimitMatcher : public Matcher {
 public:
  LimitMatcher(What what, std::map<std::string, std::int64_t> max) : what_(what) {
    if (const auto d = max.find("default"); d != max.end()) default_max_ = d->second, max.erase(d);
    max_.assign(max.begin(), max.end());
  }

  void match(const MatchContext& ctx, const Rule& rule, std::vector<Finding>& out) const override {
    std::optional<std::int64_t> channel_max = default_max_;
    for (const auto& [channel, m] : max_)
      if (channel == ctx.channel) {
        channel_max = m;
        break;
      }
    if (!channel_max) return;
    const std::int64_t max = *channel_max;
    // what readers see: URLs and code count although matching blanks them (Post::original)
    const std::string_view t = ctx.post.original_text();
    switch (what_) {
      case What::chars: {
        // Nearly every post is far below its limit: a vectorised count settles it without
        // decoding. Only invalid UTF-8 can count more code points than lead bytes.
        const bool valid = ctx.text.invalid_utf8.empty() && t.data() == ctx.text.original.data();
        if (valid && static_cast<std::int64_t>(utf8::lead_bytes(t)) <= max) return;
        std::int64_t n = 0;
        for (std::size_t i = 0; i < t.size(); i += utf8::decode(t, i).len) {
          if (++n == max + 1) {
            auto f = make_finding(rule, static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(t.size()));
            f.message += " (" + std::to_string(utf8::length(t)) + " characters; the limit is " + std::to_string(max) + ")";
            out.push_back(std::move(f));
            return;
          }
        }
        return;
      }
      case What::caps: {
        const auto letters = ctx.text.cyrillic_letters + ctx.text.latin_letters;
        if (letters < 20) return;
        const auto pct = 100 * ctx.text.upper_letters / letters;
        if (pct <= max) return;
        auto f = make_finding(rule, 0, static_cast<std::uint32_t>(t.size()));
        f.message += " (" + std::to_string(pct) + "% capitals; the limit is " + std::to_string(max) + "%)";
        out.push_back(std::move(f));
        return;
      }
      default: break;
    }
    // counted things: report the first one over the limit. Each kind starts with one byte ('!',
    // '#', '@', 'h' or 'w'), so memchr finds the candidates and most of the post is never looked at.
    const char lead = what_ == What::exclamations ? '!' : what_ == What::hashtags ? '#' : what_ == What::mentions ? '@' : 0;
    std::int64_t n = 0;
    auto next = [&](std::size_t from) -> std::size_t {
      if (lead) {
        const void* p = from < t.size() ? std::memchr(t.data() + from, lead, t.size() - from) : nullptr;
        return p ? static_cast<std::size_t>(static_cast<const char*>(p) - t.data()) : t.size();
      }
      const std::size_t h = t.find("http", from), w = t.find("www.", from);
      return std::min(h, w) == std::string_view::npos ? t.size() : std::min(h, w);
    };
    for (std::size_t i = next(0); i < t.size(); i = next(i + 1)) {
      std::size_t len = 0;
      const bool word_start = i == 0 || t[i - 1] == ' ' || t[i - 1] == '\n' || t[i - 1] == '\t' || t[i - 1] == '(';
      if (what_ == What::exclamations) {
        len = 1;
      } else if (what_ == What::hashtags || what_ == What::mentions) {
        if (!word_start || i + 1 >= t.size() || t[i + 1] == ' ' || t[i + 1] == '#' || t[i + 1] == '@') continue;
        len = 1;
        while (i + len < t.size() && t[i + len] != ' ' && t[i + len] != '\n' && t[i + len] != ',' && t[i + len] != '#') ++len;
      } else if (word_start) {
        const std::size_t prefix = t.substr(i, 7) == "http://" ? 7 : t.substr(i, 8) == "https://" ? 8
                                 : t.substr(i, 4) == "www."     ? 4 : 0;
        std::size_t end = i + prefix;
        while (prefix && end < t.size() && t[end] != ' ' && t[end] != '\n') ++end;
        if (end > i + prefix) len = end - i;  // a bare "www." or "http://" names no address
      }
      if (!len) continue;
      if (++n == max + 1) {
        auto f = make_finding(rule, static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(i + len));
        f.message += " (the limit is " + std::to_string(max) + ")";
        out.push_back(std::move(f));
        return;
      }
      i += len - 1;
    }
  }

 private:
  What what_;
  // looked up per post: a few channels, compared as string_views; "default" is kept apart
  std::vector<std::pair<std::string, std::int64_t>> max_;
  std::optional<std::int64_t> default_max_;
};

const KindRegistrar reg({"limit", {"limit", "max"},
                         [](const YamlNode& n, Rule&, PolicyBuilder& b) -> std::unique_ptr<Matcher> {
                           const auto w = read_strings(b, n, "limit", true).front();
                           const std::map<std::string, What> names = {
                               {"chars", What::chars},         {"caps", What::caps}, {"exclamations", What::exclamations},
                               {"hashtags", What::hashtags}, {"links", What::links}, {"mentions", What::mentions}};
                           auto it = names.find(w);
                           if (it == names.end())
                             b.fail(n["limit"], "unknown limit '" + w + "'; expected chars, caps, exclamations, hashtags, links, mentions");
                           const auto m = n["max"];
                           if (!m) b.fail(n, "a limit rule needs 'max': a number or {channel: number, default: number}");
                           std::map<std::string, std::int64_t> max;
                           auto num = [&](const YamlNode& v) {
                             try {
                               const auto x = v.as<std::int64_t>();
                               if (x < 0) b.fail(v, "max must not be negative");
                               return x;
                             } catch (const YamlError&) {
                             }
                             b.fail(v, "max must be a whole number");
                             return std::int64_t{0};  // not reached: fail throws
                           };
                           if (m.IsScalar()) {
                             max["default"] = num(m);
                           } else if (m.IsMap()) {
                             for (const auto& kv : m)  // as posts' channels are read: `x` is twitter, `tg` telegram
                               max[std::string(taxonomy::canonical_channel(kv.first.as<std::string>()))] = num(kv.second);
                           } else {
                             b.fail(m, "max must be a number or a map of channel → number");
                           }
                           return std::make_unique<LimitMatcher>(it->second, std::move(max));
                         }});

}  // namespace
}  // namespace grabli
