#pragma once
// A linear model over a post's word stems and stem pairs (logistic regression, one weight
// vector per category), trained offline on the labelled posts by scripts/train-classifier.py.
// Phrase lists catch what their authors thought of; the model catches posts worded like the
// labelled ones without sharing a phrase with them. `kind: classifier` rules read it.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "engine/post.h"
#include "text/analyzer.h"

namespace grabli {

// What the model computed for one post, shared by the classifier rules of that post (the checker
// clears it for each post; the first rule that needs it fills it).
struct ClassifierScratch {
  bool done = false;
  std::vector<float> logit;                                    // by category index
  std::vector<float> best;                                     // the largest weight of a feature present
  std::vector<std::pair<std::uint32_t, std::uint32_t>> where;  // its bytes in the original text
  std::vector<std::uint64_t> seen;                             // feature hashes of the post
};

class Classifier {
 public:
  // The model compiled into the binary (models/classifier.tsv), parsed on first use; null
  // when the build has none or it does not parse (the error then says why).
  static const Classifier* shipped(std::string* error = nullptr);
  // The model's text format, one record per line ('#' starts a comment):
  //   categories<TAB>name<TAB>name...     once, first
  //   bias<TAB>w w w...                   one weight per category
  //   feature<TAB>index:w index:w...      weights that are not zero
  // Returns nullopt and sets `error` ("line N: what") on anything else.
  static std::optional<Classifier> parse(std::string_view text, std::string& error);

  int category(std::string_view name) const;  // -1 when the model has none
  const std::vector<std::string>& categories() const { return categories_; }
  std::size_t features() const { return rows_.size(); }

  void score(const Post& post, const AnalyzedText& text, Lang lang, ClassifierScratch& out) const;
  static float probability(float logit);

  // The features of a post by name, in the order found, each once: what the trainer reads.
  static std::vector<std::string> feature_names(const Post& post, const AnalyzedText& text, Lang lang);

 private:
  std::vector<std::string> categories_;
  std::vector<float> bias_;
  std::unordered_map<std::uint64_t, std::uint32_t> rows_;      // feature hash → first weight
  std::vector<std::pair<std::uint16_t, float>> weights_;       // (category, weight) runs
  std::vector<std::uint32_t> row_end_;                          // per row: end of its run
};

}  // namespace grabli
