#pragma once
#include <memory>
#include <string>
#include <vector>

#include "match/matcher.h"
#include "match/pattern_bank.h"
#include "match/phrase_index.h"
#include "policy/embedded.h"
#include "policy/rule.h"
#include "text/keys.h"
#include "text/lemmatizer.h"

namespace grabli {

// A policy file's text and the name to report errors against.
struct PolicySource {
  std::string path;
  std::string content;
  // A shipped pack with its examples cut out (EmbeddedPackInfo::examples): its rules need none.
  bool without_examples = false;
};

// Compiled, validated rules of every pack, shared read-only by all worker threads.
struct Policy {
  std::vector<Rule> rules;
  std::vector<std::unique_ptr<Matcher>> matchers;  // matchers[i] runs rules[i]
  KeyTable keys;
  PhraseIndex phrases;
  PatternBank patterns;
  // Where each pattern was written, by pattern id: what `grabli rules cost` reports. `rule` indexes
  // `rules` (its file and id); the regex as written, before `\pL` is narrowed.
  struct PatternOrigin {
    std::size_t rule = 0;
    std::string regex;
    int line = 0, column = 0;
  };
  std::vector<PatternOrigin> pattern_origins;
  std::vector<std::string> vocabulary;  // company words: accepted by spelling, added to Hunspell
  DictionaryPaths dictionaries;

  // The shipped rules this compile left out because no draft is in their language (full ids,
  // see embedded_policy_sources), and the post languages (kPack* bits) the policy is whole for.
  std::vector<std::string> left_out;
  std::uint8_t languages = kPackAllLanguages;

  const Rule* find(std::string_view full_id) const;
  // Whether a rule id or pack name is of the policy, compiled or left out.
  bool knows(std::string_view name) const;
  std::size_t index_of(std::string_view full_id) const;  // npos when absent
};

struct PolicyLimits {
  std::size_t max_file_bytes = 4 << 20;
  int max_depth = 32;
  RegexLimits regex;
};

// The shipped packs compiled into the binary.
std::vector<PolicySource> embedded_policy_sources();
// Those of them with a rule for posts in `languages` (kPack* bits); the full ids of the rules of
// the packs left out are appended to `left_out`.
std::vector<PolicySource> embedded_policy_sources(std::uint8_t languages, std::vector<std::string>& left_out);
// The same, without the rules' examples where the build could cut them out: what a check reads.
std::vector<PolicySource> embedded_policy_sources_without_examples(std::uint8_t languages,
                                                                   std::vector<std::string>& left_out);
std::vector<std::string> embedded_vocabulary();
// Reads a policy file or a folder of *.yaml/*.yml (recursively, sorted). Errors are appended.
void read_policy_path(const std::string& path, std::vector<PolicySource>& out, std::vector<PolicyError>& errors,
                      const PolicyLimits& limits = {});
// Words from a vocabulary file: one per line, '#' comments.
std::vector<std::string> parse_vocabulary(std::string_view content);

struct LoadedPolicy {
  std::unique_ptr<Policy> policy;  // null only when nothing could be compiled
  std::vector<PolicyError> errors;
};

class StemCache;
// `stem_cache`: where stems of words the build-time table lacks are kept between runs (none:
// Hunspell stems them at every start).
LoadedPolicy compile_policy(const std::vector<PolicySource>& sources, std::vector<std::string> vocabulary,
                            DictionaryPaths dictionaries, const PolicyLimits& limits = {},
                            StemCache* stem_cache = nullptr);

}  // namespace grabli
