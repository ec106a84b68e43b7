#pragma once
#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "text/form_cache.h"
#include "text/form_table.h"
#include "text/keys.h"
#include "text/stem_filter.h"

class Hunspell;

namespace grabli {

class SharedAnswers;

enum class Script : std::uint8_t { none, cyrillic, latin, other };

// Where the Hunspell dictionaries are: DICPATH first, then the standard Debian places.
struct DictionaryPaths {
  std::optional<std::filesystem::path> ru;  // path without extension (…/ru_RU)
  std::optional<std::filesystem::path> en;
  static DictionaryPaths discover();
  std::string describe_missing() const;  // empty when both are present
};

// Sizes of the dictionary files: tells whether build-time data still matches them.
struct StemTableInfo {
  std::uint64_t ru_aff, ru_dic, en_aff, en_dic;
};
StemTableInfo dictionary_signature(const DictionaryPaths& paths);

// Hunspell's stems of a normalised (lower-case) form, normalised. A proper noun is in the
// dictionary only capitalised («Россия») and Hunspell stems no «россии»: a form without stems
// is asked again with its first letter upper case, so «России» reaches «россия».
std::vector<std::string> hunspell_stems(Hunspell& h, std::string_view norm_form);

// One per thread: Hunspell objects are not thread-safe, so each worker owns its own, loaded
// lazily on the first word of that script, unless the workers of an audit share one under a
// lock (text/shared_answers.h). Results are cached per distinct form.
class Lemmatizer {
 public:
  Lemmatizer(const KeyTable& keys, DictionaryPaths paths, std::vector<std::string> extra_words = {});
  ~Lemmatizer();
  Lemmatizer(const Lemmatizer&) = delete;
  Lemmatizer& operator=(const Lemmatizer&) = delete;

  struct KeyRange {
    std::uint32_t begin = 0, count = 0;
  };
  // Keys of a normalised word form: its own form, its lemmas and matching prefixes; `form` is the
  // form's slot in this lemmatizer's cache (valid until trim_caches), for spelled_right.
  struct Lookup {
    KeyRange keys;
    std::uint32_t form;
  };
  Lookup lookup(std::string_view norm_form, Script script, bool lemmatise) {
    return lookup(norm_form, FormCache::hash(norm_form), script, lemmatise);
  }
  // The same with the hash prefetch_lookup() returned for the form.
  Lookup lookup(std::string_view norm_form, std::uint64_t hash, Script script, bool lemmatise);
  // A hint that lookup(norm_form) comes soon (FormCache::prefetch); returns the form's hash.
  std::uint64_t prefetch_lookup(std::string_view norm_form) const { return cache_.prefetch(norm_form); }
  KeyRange keys(std::string_view norm_form, Script script, bool lemmatise) {
    return lookup(norm_form, script, lemmatise).keys;
  }
  static constexpr std::uint32_t kNoForm = ~std::uint32_t{0};
  std::span<const std::uint32_t> view(KeyRange r) const { return {pool_.data() + r.begin, r.count}; }

  // Hunspell stems of a normalised form (uncached; used when compiling rules).
  std::vector<std::string> stems(std::string_view norm_form, Script script);
  // Spelling of an original form; nullopt when no dictionary for the script is loaded.
  std::optional<bool> spelled_right(std::string_view form, Script script);
  // The same for a form written exactly as its normalised form, whose cache slot the analyser
  // already found: one array index instead of a second hash lookup per word.
  std::optional<bool> spelled_right(std::uint32_t form_slot, std::string_view form, Script script);
  // The same for the capitalised spelling of that form («Есть» for «есть»: a sentence's first
  // word), which has a cache field of its own in the slot.
  std::optional<bool> spelled_right_capitalised(std::uint32_t form_slot, std::string_view form, Script script);
  std::vector<std::string> suggest(std::string_view form, Script script);
  // Whether a normalised form is one of the policy's vocabulary words (normalised), answered from
  // the form's cache slot when the analyser found one: the spelling rule asks for every word.
  bool in_vocabulary(std::uint32_t form_slot, std::string_view norm_form) const {
    return form_slot < forms_.size() ? forms_[form_slot].in_vocabulary : extra_norms_.contains(norm_form);
  }

  // A matcher's own yes/no about a cached form, kept while the form's slot lives: `column` is the
  // matcher's (a pattern id); a word pattern's full match of a form is asked for every word of
  // every post where the pattern occurs, and words repeat. Two bits a form and column: a byte
  // each made the shipped packs' 60-odd word patterns cost 6 MiB per worker.
  std::optional<bool> memo(std::uint32_t form_slot, std::uint32_t column) const {
    if (column >= memo_.size() || form_slot / 4 >= memo_[column].size()) return std::nullopt;
    const unsigned v = (memo_[column][form_slot / 4] >> (form_slot % 4 * 2)) & 3u;
    if (!v) return std::nullopt;
    return v == 2;
  }
  void set_memo(std::uint32_t form_slot, std::uint32_t column, bool yes) {
    if (column >= memo_.size()) memo_.resize(column + 1);
    auto& m = memo_[column];
    if (form_slot / 4 >= m.size()) m.resize(std::max<std::size_t>(forms_.size(), form_slot + 1) / 4 + 1, 0);
    m[form_slot / 4] = static_cast<std::uint8_t>(m[form_slot / 4] | (yes ? 2u : 1u) << (form_slot % 4 * 2));
  }

  bool has(Script script);  // a dictionary exists for the script (loads it)
  // Hunspell answers to take from, and give to, the other workers of an audit (see
  // text/shared_answers.h); null: this lemmatizer asks its own Hunspell only.
  void share_answers(SharedAnswers* shared) { shared_ = shared; }
  // Answer from the build-time form tables (text/form_table.h) where they hold the form, and
  // load Hunspell only for the rest. Off by default: the build tools that make tables ask Hunspell.
  void use_form_tables(bool on, FormTable::Access access = FormTable::Access::map) {
    use_tables_ = on;
    table_access_ = access;
  }

  // Starts loading the dictionary of a script in the background (≈85 ms for ru_RU), so that a
  // cold `check` overlaps it with compiling the policy. The first Lemmatizer that needs that
  // script takes the prefetched object; the others load their own.
  // `background`: the loading thread runs at a lower priority (nice +10), so that it takes
  // only the CPU the threads already at work leave over.
  static void prefetch(const DictionaryPaths& paths, Script script, bool background = false);
  // Thrown, when this lemmatizer does not wait for dictionaries, by a lookup that needs a
  // prefetched dictionary still loading. Nothing is cached then: the same lookup asked again
  // once it has loaded gives the answer it would have given. Not a std::exception, so that
  // only the caller that asked for it catches it.
  struct DictionaryNotReady {};
  // Whether a lookup may wait for a prefetched dictionary (the default) or throws instead. An
  // audit's worker checks other posts while ru_RU loads (~60 ms of waiting otherwise).
  void wait_for_dictionaries(bool wait) { wait_ = wait; }
  // Whether every prefetch started has finished loading.
  static bool prefetches_done();
  // Bounds memory on endless input: called between posts.
  void trim_caches(std::size_t max_forms = 100000);

 private:
  // A Hunspell of this lemmatizer's own for the script (loaded on first use), or null.
  Hunspell* dict(Script script);
  // A new Hunspell for the script: the prefetched one if it is for these files, else loaded now.
  std::unique_ptr<Hunspell> load(Script script) const;
  // Runs f(Hunspell&) with the script's dictionary: the workers' shared one (under its lock)
  // where a table answers most forms, else this lemmatizer's own; false when there is none.
  template <class F>
  bool ask(Script script, F&& f);
  const KeyTable& keys_;
  DictionaryPaths paths_;
  std::vector<std::string> extra_words_;
  std::unique_ptr<Hunspell> ru_, en_;
  SharedAnswers* shared_ = nullptr;
  bool ru_tried_ = false, en_tried_ = false;
  bool wait_ = true;  // wait_for_dictionaries
  bool use_tables_ = false;
  FormTable::Access table_access_ = FormTable::Access::map;
  bool ru_table_tried_ = false, en_table_tried_ = false;
  const FormTable *ru_table_ = nullptr, *en_table_ = nullptr;
  const FormTable* table(Script script);
  // extra_words_ normalised: a form the policy's vocabulary adds has answers no table knows
  std::unordered_set<std::string, StringHash, std::equal_to<>> extra_norms_;
  // A cached form's spelling answers; its key range is kept in the cache slot itself.
  struct Form {
    std::int8_t spelled = -1;  // -1 not asked yet, else Hunspell's answer for the form as normalised
    std::int8_t spelled_capitalised = -1;  // the same for the form with its first letter upper case
    bool in_vocabulary = false;
  };
  FormCache cache_;  // → forms_
  std::vector<Form> forms_;
  std::vector<std::vector<std::uint8_t>> memo_;  // column → 2 bits by form slot: 0 not asked, 1 no, 2 yes
  std::unordered_map<std::string, bool, StringHash, std::equal_to<>> spell_cache_;
  std::unordered_map<std::string, std::vector<std::string>, StringHash, std::equal_to<>> suggest_cache_;
  std::vector<std::uint32_t> pool_;
  // Per script: skips Hunspell for forms that cannot stem to a rule word. Built after the first
  // few hundred new forms of a script, so a one-post check never pays for it.
  struct Filter {
    std::optional<StemFilter> filter;
    std::uint32_t stemmed = 0;
  };
  Filter ru_filter_, en_filter_;
  bool may_reach_key(std::string_view norm_form, Script script);
  std::optional<bool> spell(std::string_view form, Script script);  // the shared answer, else Hunspell's
  // A form slot's cached answer (-1: not asked yet), asked and kept on first use.
  std::optional<bool> slot_spelling(std::int8_t& cached, std::string_view form, Script script);
};

}  // namespace grabli
