#pragma once
// A linear model over a post's word stems and stem pairs (logistic regression, one weight
// vector per category), trained offline on the labelled posts by scripts/train-classifier.py.
// Phrase lists catch what their authors thought of; the model catches posts worded like the
// labelled ones without sharing a phrase with them. `kind: classifier` rules read it.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/post.h"
#include "text/analyzer.h"

namespace grabli {

// What the model computed for one post, shared by the classifier rules of that post (the checker
// clears it for each post; the first rule that needs it fills it).
inline constexpr std::size_t kClassifierCategories = 16;  // at most; a row of weights is one cache line
struct ClassifierScratch {
  bool done = false;
  alignas(64) std::array<float, kClassifierCategories> logit{};  // by category index
  std::vector<std::uint64_t> seen;                               // keys of the post's features the model has
  std::vector<const float*> rows;                                // their weights
  std::vector<std::pair<std::uint32_t, std::uint32_t>> spans;    // their bytes in the original text
  // Where the feature that weighed most towards a category is; {0, 0} when none weighed for it.
  // Asked only of a post that gets a finding, so the scoring loop need not track it.
  std::pair<std::uint32_t, std::uint32_t> where(int category) const {
    std::pair<std::uint32_t, std::uint32_t> at{0, 0};
    float best = 0.0f;
    for (std::size_t i = 0; i < rows.size(); ++i)
      if (const float w = rows[i][category]; w > best) best = w, at = spans[i];
    return at;
  }
};

class Classifier {
 public:
  // The model compiled into the binary (models/classifier.tsv), parsed on first use; null
  // when the build has none or it does not parse (the error then says why).
  static const Classifier* shipped(std::string* error = nullptr);
  // The model's text format, one record per line ('#' starts a comment):
  //   categories<TAB>name<TAB>name...     once, first; at most kClassifierCategories
  //   bias<TAB>w w w...                   one weight per category
  //   feature<TAB>index:w index:w...      weights that are not zero
  // Returns nullopt and sets `error` ("line N: what") on anything else.
  static std::optional<Classifier> parse(std::string_view text, std::string& error);

  int category(std::string_view name) const;  // -1 when the model has none
  const std::vector<std::string>& categories() const { return categories_; }
  std::size_t features() const { return weights_.size(); }

  void score(const Post& post, const AnalyzedText& text, Lang lang, ClassifierScratch& out) const;
  static float probability(float logit);

  // The features of a post by name, in the order found, each once: what the trainer reads.
  static std::vector<std::string> feature_names(const Post& post, const AnalyzedText& text, Lang lang);

 private:
  std::vector<std::string> categories_;
  std::vector<float> bias_;
  // Open addressing: a post's features are mostly not in the model, and a miss then reads one
  // slot of `keys_` (0 = empty). A hit's weights are one row of `weights_`, a weight per category.
  bool insert(std::uint64_t key, std::uint32_t row);  // false when the key is there already
  const float* find(std::uint64_t key) const;
  // Two bits of 65 536 per key, 8 KiB that stay in the L1 cache: most of a post's features are
  // not in the model, and the filter turns those away before a probe of `keys_` misses the cache.
  std::array<std::uint64_t, 1024> filter_{};
  static std::uint32_t bit_a(std::uint64_t key) { return static_cast<std::uint32_t>(key & 0xFFFF); }
  static std::uint32_t bit_b(std::uint64_t key) { return static_cast<std::uint32_t>((key >> 16) & 0xFFFF); }
  bool maybe(std::uint64_t key) const {
    return (filter_[bit_a(key) >> 6] >> (bit_a(key) & 63) & 1) && (filter_[bit_b(key) >> 6] >> (bit_b(key) & 63) & 1);
  }
  std::vector<std::uint64_t> keys_;
  std::vector<std::uint32_t> slot_row_;
  struct alignas(64) Row {
    std::array<float, kClassifierCategories> w{};
  };
  std::vector<Row> weights_;
};

}  // namespace grabli
