#include "match/pattern_bank.h"

#include <algorithm>

namespace grabli {

namespace {
RE2::Options options(std::int64_t max_mem) {
  RE2::Options o;
  o.set_log_errors(false);
  o.set_max_mem(max_mem);
  o.set_encoding(RE2::Options::EncodingUTF8);
  return o;
}
}  // namespace

int PatternBank::add(const std::string& regex, bool on_original, std::string& error) {
  auto re = std::make_unique<RE2>(regex, options(limits_.per_pattern));
  if (!re->ok()) {
    error = re->error();
    return -1;
  }
  entries_.push_back({std::move(re), on_original});
  return static_cast<int>(entries_.size() - 1);
}

bool PatternBank::compile(std::string& error) {
  norm_set_ = std::make_unique<RE2::Set>(options(limits_.per_set), RE2::UNANCHORED);
  orig_set_ = std::make_unique<RE2::Set>(options(limits_.per_set), RE2::UNANCHORED);
  norm_ids_.clear();
  orig_ids_.clear();
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    auto& set = entries_[i].original ? *orig_set_ : *norm_set_;
    auto& ids = entries_[i].original ? orig_ids_ : norm_ids_;
    std::string err;
    if (set.Add(entries_[i].re->pattern(), &err) < 0) {
      error = err;
      return false;
    }
    ids.push_back(static_cast<int>(i));
  }
  if (!norm_ids_.empty() && !norm_set_->Compile()) {
    error = "the combined pattern set exceeds its memory limit";
    return false;
  }
  if (!orig_ids_.empty() && !orig_set_->Compile()) {
    error = "the combined pattern set exceeds its memory limit";
    return false;
  }
  return true;
}

void PatternBank::scan(const AnalyzedText& text, std::vector<int>& fired) const {
  fired.clear();
  thread_local std::vector<int> got;
  got.clear();
  if (!norm_ids_.empty() && norm_set_->Match(text.norm, &got))
    for (int i : got) fired.push_back(norm_ids_[static_cast<std::size_t>(i)]);
  got.clear();
  if (!orig_ids_.empty() && orig_set_->Match(re2::StringPiece(text.original.data(), text.original.size()), &got))
    for (int i : got) fired.push_back(orig_ids_[static_cast<std::size_t>(i)]);
  std::sort(fired.begin(), fired.end());
}

}  // namespace grabli
