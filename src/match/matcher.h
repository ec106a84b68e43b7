#pragma once
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/finding.h"
#include "engine/post.h"
#include "match/classifier.h"
#include "match/phrase_index.h"
#include "policy/policy_error.h"
#include "policy/rule.h"
#include "policy/yaml_tree.h"
#include "text/analyzer.h"

namespace grabli {

// Everything a matcher may look at for one post; all of it computed once per post.
struct MatchContext {
  const Post& post;
  const AnalyzedText& text;
  Lemmatizer& lemmatizer;
  const std::vector<PhraseHit>& hits;        // sorted by phrase id
  const std::vector<int>& patterns_fired;    // pattern ids reported by the RE2 sets, sorted
  std::string_view channel;
  bool is_reply;
  bool answers_press = false;  // the post answers a journalist (answers_press of its reply_to)
  bool spelling_suggestions = true;
  Lang lang = Lang::ru;                       // the language the post is checked as
  ClassifierScratch* classifier = nullptr;    // the model's scores, filled by the first rule that needs them

  bool fired(int pattern) const;
};

class Matcher {
 public:
  virtual ~Matcher() = default;
  virtual void match(const MatchContext& ctx, const Rule& rule, std::vector<Finding>& out) const = 0;
  // Phrase ids [first, last) without a hit of which match() never finds anything: the checker
  // then skips the call (a large lexicon is hundreds of phrase rules, few of which hit a post).
  // {0, 0}: the matcher looks at more than its phrases.
  virtual std::pair<std::uint32_t, std::uint32_t> needs_phrase_hit() const { return {0, 0}; }
};

Finding make_finding(const Rule& rule, std::uint32_t start, std::uint32_t end);

class PatternBank;

// What a matcher factory gets to compile a rule: phrases into the shared lemma index,
// regexes into the shared RE2 sets, and a way to report errors at a YAML node.
class PolicyBuilder {
 public:
  virtual ~PolicyBuilder() = default;
  // A phrase in the syntax of docs/policy.md; returns its id in the shared index.
  virtual std::uint32_t add_phrase(const YamlNode& where, std::string_view phrase) = 0;
  virtual std::uint32_t next_phrase_id() const = 0;
  // A regex; returns its id. on_original: run on the original text rather than the normalised.
  virtual int add_pattern(const YamlNode& where, const std::string& regex, bool on_original) = 0;
  virtual const PatternBank& patterns() const = 0;
  [[noreturn]] virtual void fail(const YamlNode& where, const std::string& message) = 0;
};

// Helpers every kind uses to read its keys.
std::vector<std::string> read_strings(PolicyBuilder& b, const YamlNode& rule, const char* key, bool required);
// `on: original | normalized` of a pattern (a rule's or a cue's): true for the original text.
bool reads_original(PolicyBuilder& b, const YamlNode& node);
// Adds a list of phrases; returns [first, last) phrase ids.
std::pair<std::uint32_t, std::uint32_t> add_phrases(PolicyBuilder& b, const YamlNode& rule, const char* key,
                                                    bool required);

struct KindInfo {
  std::string_view name;
  std::vector<std::string_view> keys;  // keys this kind accepts besides the common ones
  std::function<std::unique_ptr<Matcher>(const YamlNode&, Rule&, PolicyBuilder&)> make;
};

// Each kind registers itself from its own file (see match/*.cpp).
class KindRegistry {
 public:
  static KindRegistry& instance();
  void add(KindInfo info);
  const KindInfo* find(std::string_view name) const;
  std::vector<std::string_view> names() const;

 private:
  std::vector<KindInfo> kinds_;
};

struct KindRegistrar {
  explicit KindRegistrar(KindInfo info) { KindRegistry::instance().add(std::move(info)); }
};

}  // namespace grabli
