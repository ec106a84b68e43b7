// kind: classifier — a category's probability from the linear model of match/classifier.h.
#include "match/classifier.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <mutex>

#include "match/matcher.h"
#include "policy/embedded.h"
#include "text/utf8.h"

namespace grabli {
namespace {

constexpr std::string_view kModelPath = "models/classifier.tsv";

// A feature's key. A word's stem is hashed once (FNV-1a) and a stem pair combines the two hashes,
// so a post costs one pass over its stems' bytes; the model's names are keyed the same way when
// it is read ("u:STEM", "b:STEM STEM", anything else whole).
std::uint64_t fnv(std::string_view s, std::uint64_t h = 1469598103934665603ull) {  // h: the bytes before s
  for (const unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  return h;
}
std::uint64_t mix(std::uint64_t h) {  // MurmurHash3's finaliser; never 0, the empty slot
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ull;
  h ^= h >> 33;
  return h ? h : 1;
}
std::uint64_t unigram_key(std::uint64_t stem) { return mix(stem ^ 0x75); }
std::uint64_t bigram_key(std::uint64_t first, std::uint64_t second) { return mix(first * 0x9E3779B97F4A7C15ull + second); }
// a name of two pieces ("role:" and the role) keys as the two written together
std::uint64_t other_key(std::string_view name, std::string_view more = {}) { return mix(fnv(more, fnv(name)) ^ 0x6d); }

std::uint64_t key_of_name(std::string_view name) {
  if (name.starts_with("u:")) return unigram_key(fnv(name.substr(2)));
  if (name.starts_with("b:"))
    if (const auto sp = name.find(' '); sp != std::string_view::npos)
      return bigram_key(fnv(name.substr(2, sp - 2)), fnv(name.substr(sp + 1)));
  return other_key(name);
}

// The stem of a normalised word: a prefix, so it points into the post's normalised text. Russian
// words keep 5 letters (enough to tell «виноват» from «винов…» and to join a word's forms);
// English ones lose one common ending and keep 7 bytes; a number is only its length.
std::string_view stem(std::string_view w, std::uint8_t flags) {
  static constexpr std::string_view kDigits[] = {"<d1>", "<d2>", "<d3>", "<d4>", "<d5>", "<d6>"};
  if (flags & kAllDigits) return kDigits[std::min<std::size_t>(w.size(), 6) - 1];
  if (w.empty()) return w;
  const auto first = utf8::decode(w, 0);
  if (first.cp >= 0x400 && first.cp <= 0x4FF) {
    std::size_t at = 0;
    for (int n = 0; n < 5 && at < w.size(); ++n) at += utf8::decode(w, at).len;
    return w.substr(0, at);
  }
  if (w.size() > 5)
    for (const std::string_view end : {"ing", "ed", "es", "s", "ly"})
      if (w.ends_with(end)) {
        w.remove_suffix(end.size());
        break;
      }
  if (w.size() <= 7) return w;
  std::size_t at = 7;
  while (at > 0 && (static_cast<unsigned char>(w[at]) & 0xC0) == 0x80) --at;  // whole characters
  return w.substr(0, at);
}

// Calls f(key, {pieces of the name}, start, end) for every feature of the post; a feature may
// come more than once (the same word twice). A stem pair's name is "b:" STEM " " STEM: a space is
// in no word.
template <class F>
void for_each_feature(const Post& post, const AnalyzedText& text, Lang lang, F&& f) {
  const std::uint32_t b0 = text.tokens.empty() ? 0 : text.tokens.front().start;
  const std::uint32_t e0 = text.tokens.empty() ? 0 : text.tokens.front().end;
  const std::string_view lang_name = lang == Lang::ru ? "lang:ru" : "lang:en";
  f(other_key(lang_name), {lang_name, "", "", ""}, b0, e0);
  if (!post.role.empty()) f(other_key("role:", post.role), {"role:", post.role, "", ""}, b0, e0);
  if (post.is_reply()) f(other_key("reply"), {"reply", "", "", ""}, b0, e0);
  std::string_view prev;
  std::uint64_t prev_hash = 0;
  std::uint32_t prev_start = 0;
  for (const auto& t : text.tokens) {
    const std::string_view s = stem(text.norm_of(t), t.flags);
    const std::uint64_t h = fnv(s);
    f(unigram_key(h), {"u:", s, "", ""}, t.start, t.end);
    if (!prev.empty()) f(bigram_key(prev_hash, h), {"b:", prev, " ", s}, prev_start, t.end);
    prev = s;
    prev_hash = h;
    prev_start = t.start;
  }
}

using Pieces = std::array<std::string_view, 4>;

// "-0.123", "2": the trainer's "%.3f", read without the C library's general parser (a cold check
// reads ~25 000 of them; std::from_chars took a quarter of the model's load). Anything else —
// an exponent, more than 18 digits — is left to std::from_chars.
bool plain_decimal(std::string_view s, float& v) {
  static constexpr double kScale[] = {1, 1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8, 1e-9,
                                      1e-10, 1e-11, 1e-12, 1e-13, 1e-14, 1e-15, 1e-16, 1e-17, 1e-18};
  std::size_t i = 0;
  const bool negative = !s.empty() && s[0] == '-';
  if (negative) ++i;
  std::uint64_t mantissa = 0;
  int digits = 0, decimals = 0;
  bool dot = false;
  for (; i < s.size(); ++i) {
    const char ch = s[i];
    if (ch >= '0' && ch <= '9') {
      if (++digits > 18) return false;
      mantissa = mantissa * 10 + static_cast<unsigned>(ch - '0');
      decimals += dot;
    } else if (ch == '.' && !dot) {
      dot = true;
    } else {
      return false;
    }
  }
  if (digits == 0) return false;
  const double value = static_cast<double>(mantissa) * kScale[decimals];
  v = static_cast<float>(negative ? -value : value);
  return true;
}

}  // namespace

float Classifier::probability(float logit) { return 1.0f / (1.0f + std::exp(-logit)); }

int Classifier::category(std::string_view name) const {
  for (std::size_t i = 0; i < categories_.size(); ++i)
    if (categories_[i] == name) return static_cast<int>(i);
  return -1;
}

std::optional<Classifier> Classifier::parse(std::string_view text, std::string& error) {
  Classifier c;
  std::size_t lines = 1;
  for (const char* p = text.data(); (p = static_cast<const char*>(std::memchr(p, '\n', text.data() + text.size() - p)));
       ++p)
    ++lines;
  std::size_t size = 16;  // twice the lines at least: a miss stops at an empty slot soon
  while (size < 2 * lines) size *= 2;
  c.weights_.reserve(lines);
  c.keys_.assign(size, 0);
  c.slot_row_.assign(size, 0);
  std::size_t line_no = 0;
  auto fail = [&](const std::string& what) {
    error = "line " + std::to_string(line_no) + ": " + what;
    return std::nullopt;
  };
  auto read_float = [](std::string_view s, float& v) {
    if (plain_decimal(s, v)) return true;
    const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
    return r.ec == std::errc() && r.ptr == s.data() + s.size() && std::isfinite(v);
  };
  while (!text.empty()) {
    ++line_no;
    const auto nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    const auto tab = line.find('\t');
    if (tab == std::string_view::npos) return fail("expected a name, a tab and values");
    const std::string_view name = line.substr(0, tab);
    std::string_view rest = line.substr(tab + 1);
    auto next = [&rest](char sep) {
      const auto at = rest.find(sep);
      const std::string_view item = rest.substr(0, at);
      rest.remove_prefix(at == std::string_view::npos ? rest.size() : at + 1);
      return item;
    };
    if (name == "categories") {
      if (!c.categories_.empty()) return fail("a second 'categories' line");
      while (!rest.empty()) c.categories_.emplace_back(next('\t'));
      if (c.categories_.empty() || c.categories_.size() > kClassifierCategories)
        return fail("'categories' lists 1 to " + std::to_string(kClassifierCategories) + " names");
      continue;
    }
    if (c.categories_.empty()) return fail("the first record must be 'categories'");
    if (name == "bias") {
      while (!rest.empty()) {
        float v;
        if (!read_float(next(' '), v)) return fail("a bias is not a number");
        c.bias_.push_back(v);
      }
      if (c.bias_.size() != c.categories_.size()) return fail("'bias' needs one weight per category");
      continue;
    }
    if (!c.insert(key_of_name(name), static_cast<std::uint32_t>(c.weights_.size())))
      return fail("feature '" + std::string(name) + "' again");
    c.weights_.emplace_back();
    while (!rest.empty()) {
      const std::string_view item = next(' ');
      const auto colon = item.find(':');
      unsigned index = 0;
      float v;
      const std::string_view is = item.substr(0, colon);
      const auto r = std::from_chars(is.data(), is.data() + is.size(), index);
      if (colon == std::string_view::npos || r.ec != std::errc() || r.ptr != is.data() + is.size() ||
          index >= c.categories_.size() || !read_float(item.substr(colon + 1), v))
        return fail("expected category:weight, got '" + std::string(item) + "'");
      c.weights_.back().w[index] = v;
    }
  }
  if (c.categories_.empty()) return fail("no 'categories' line");
  if (c.bias_.empty()) return fail("no 'bias' line");
  return c;
}

const Classifier* Classifier::shipped(std::string* error) {
  static std::once_flag once;
  static std::optional<Classifier> model;
  static std::string why;
  std::call_once(once, [] {
    for (const auto& f : embedded_files())
      if (f.path == kModelPath) {
        model = parse(f.content, why);
        if (!model) why = std::string(kModelPath) + ": " + why;
        return;
      }
    why = "this build has no " + std::string(kModelPath);
  });
  if (!model && error) *error = why;
  return model ? &*model : nullptr;
}

bool Classifier::insert(std::uint64_t key, std::uint32_t row) {
  const std::size_t mask = keys_.size() - 1;
  for (std::size_t i = key & mask;; i = (i + 1) & mask) {
    if (keys_[i] == key) return false;
    if (keys_[i] == 0) {
      keys_[i] = key;
      slot_row_[i] = row;
      filter_[bit_a(key) >> 6] |= std::uint64_t{1} << (bit_a(key) & 63);
      filter_[bit_b(key) >> 6] |= std::uint64_t{1} << (bit_b(key) & 63);
      return true;
    }
  }
}

const float* Classifier::find(std::uint64_t key) const {
  if (!maybe(key)) return nullptr;
  const std::size_t mask = keys_.size() - 1;
  for (std::size_t i = key & mask;; i = (i + 1) & mask) {
    if (keys_[i] == key) return weights_[slot_row_[i]].w.data();
    if (keys_[i] == 0) return nullptr;
  }
}

void Classifier::score(const Post& post, const AnalyzedText& text, Lang lang, ClassifierScratch& out) const {
  out.logit.fill(0.0f);
  std::copy(bias_.begin(), bias_.end(), out.logit.begin());
  out.seen.clear();
  out.rows.clear();
  out.spans.clear();
  for_each_feature(post, text, lang, [&](std::uint64_t key, const Pieces&, std::uint32_t b, std::uint32_t e) {
    const float* w = find(key);
    if (!w) return;
    // each feature counts once, as in training; a post has a few dozen known ones
    for (const auto s : out.seen)
      if (s == key) return;
    out.seen.push_back(key);
    out.rows.push_back(w);
    out.spans.emplace_back(b, e);
    // a whole row, padding included (zeros): a fixed count the compiler vectorises
    for (std::size_t c = 0; c < kClassifierCategories; ++c) out.logit[c] += w[c];
  });
  out.done = true;
}

std::vector<std::string> Classifier::feature_names(const Post& post, const AnalyzedText& text, Lang lang) {
  std::vector<std::string> names;
  std::vector<std::uint64_t> seen;
  for_each_feature(post, text, lang, [&](std::uint64_t h, const Pieces& p, std::uint32_t, std::uint32_t) {
    for (const auto s : seen)
      if (s == h) return;
    seen.push_back(h);
    names.push_back(std::string(p[0]) + std::string(p[1]) + std::string(p[2]) + std::string(p[3]));
  });
  return names;
}

namespace {

class ClassifierMatcher : public Matcher {
 public:
  ClassifierMatcher(const Classifier& model, int category, float threshold)
      : model_(model), category_(category), threshold_(threshold) {}

  void match(const MatchContext& ctx, const Rule& rule, std::vector<Finding>& out) const override {
    if (!ctx.classifier || ctx.text.tokens.empty()) return;
    if (!ctx.classifier->done) model_.score(ctx.post, ctx.text, ctx.lang, *ctx.classifier);
    const float p = Classifier::probability(ctx.classifier->logit[category_]);
    if (p < threshold_) return;
    auto [b, e] = ctx.classifier->where(category_);
    if (b == e) b = ctx.text.tokens.front().start, e = ctx.text.tokens.front().end;
    auto f = make_finding(rule, b, e);
    char buf[32];
    std::snprintf(buf, sizeof buf, " (model: %.2f)", p);
    f.message += buf;
    out.push_back(std::move(f));
  }

 private:
  const Classifier& model_;
  int category_;
  float threshold_;
};

const KindRegistrar reg(
    {"classifier", {"threshold"},
     [](const YamlNode& n, Rule& r, PolicyBuilder& b) -> std::unique_ptr<Matcher> {
       std::string why;
       const Classifier* model = Classifier::shipped(&why);
       if (!model) b.fail(n, "a classifier rule needs the shipped model: " + why);
       const int category = model->category(r.category);
       if (category < 0) b.fail(n, "the shipped model has no category '" + r.category + "'");
       float threshold = 0.5f;
       if (const auto t = n["threshold"]) {
         double v = 0;
         try {
           v = t.as<double>();
         } catch (const YamlError&) {
           b.fail(t, "threshold must be a number");
         }
         if (!(v > 0 && v < 1)) b.fail(t, "a classifier's threshold is a probability between 0 and 1");
         threshold = static_cast<float>(v);
       }
       return std::make_unique<ClassifierMatcher>(*model, category, threshold);
     }});

}  // namespace
}  // namespace grabli
