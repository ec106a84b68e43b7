#include "text/lemmatizer.h"

#include <sys/resource.h>
#include <unistd.h>

#include <hunspell/hunspell.hxx>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <future>
#include <mutex>

#include "text/form_table.h"
#include "text/normalize.h"
#include "text/shared_answers.h"

namespace grabli {
namespace fs = std::filesystem;

namespace {
// Hunspell 1.7 races even when two objects are constructed concurrently.
std::mutex& hunspell_construct_mutex() {
  static std::mutex m;
  return m;
}

std::optional<fs::path> find_dictionary(const std::string& name) {
  std::vector<fs::path> dirs;
  if (const char* env = std::getenv("DICPATH"); env && *env) {
    std::string_view s(env);
    while (!s.empty()) {
      const auto colon = s.find(':');
      dirs.emplace_back(std::string(s.substr(0, colon)));
      if (colon == std::string_view::npos) break;
      s.remove_prefix(colon + 1);
    }
  } else {
    dirs = {"/usr/share/hunspell", "/usr/share/myspell", "/usr/share/myspell/dicts",
            "/usr/local/share/hunspell", "/usr/share/hunspell-dicts"};
  }
  for (const auto& d : dirs) {
    std::error_code ec;
    if (fs::exists(d / (name + ".aff"), ec) && fs::exists(d / (name + ".dic"), ec)) return d / name;
  }
  return std::nullopt;
}
std::unique_ptr<Hunspell> construct(const fs::path& p, const std::vector<std::string>& extra_words) {
  std::lock_guard lock(hunspell_construct_mutex());
  const std::string aff = p.string() + ".aff", dic = p.string() + ".dic";
  auto h = std::make_unique<Hunspell>(aff.c_str(), dic.c_str());
  for (const auto& w : extra_words) h->add(w);
  return h;
}

struct Prefetched {
  std::mutex m;
  std::future<std::unique_ptr<Hunspell>> ru, en;
  fs::path ru_path, en_path;
};
Prefetched& prefetched() {
  static Prefetched p;
  return p;
}

}  // namespace

void Lemmatizer::prefetch(const DictionaryPaths& paths, Script script, bool background) {
  auto& p = prefetched();
  std::lock_guard lock(p.m);
  const auto& path = script == Script::cyrillic ? paths.ru : paths.en;
  auto& slot = script == Script::cyrillic ? p.ru : p.en;
  if (!path || slot.valid() || (script != Script::cyrillic && script != Script::latin)) return;
  (script == Script::cyrillic ? p.ru_path : p.en_path) = *path;
  slot = std::async(std::launch::async, [path = *path, background] {
    // Linux's nice value is per thread; failing to set it only costs the time it would save
    if (background) (void)::setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), 10);
    return construct(path, {});
  });
}

bool Lemmatizer::prefetches_done() {
  auto& p = prefetched();
  std::lock_guard lock(p.m);
  for (const auto* f : {&p.ru, &p.en})
    if (f->valid() && f->wait_for(std::chrono::seconds(0)) != std::future_status::ready) return false;
  return true;
}

DictionaryPaths DictionaryPaths::discover() {
  DictionaryPaths p;
  p.ru = find_dictionary("ru_RU");
  p.en = find_dictionary("en_US");
  if (!p.en) p.en = find_dictionary("en_GB");
  return p;
}

std::string DictionaryPaths::describe_missing() const {
  std::string out;
  if (!ru) out += "ru_RU";
  if (!en) out += out.empty() ? "en_US" : " and en_US";
  return out;
}

StemTableInfo dictionary_signature(const DictionaryPaths& paths) {
  auto size = [](const std::optional<std::filesystem::path>& p, const char* ext) -> std::uint64_t {
    if (!p) return 0;
    std::error_code ec;
    const auto s = std::filesystem::file_size(p->string() + ext, ec);
    return ec ? 0 : s;
  };
  return {size(paths.ru, ".aff"), size(paths.ru, ".dic"), size(paths.en, ".aff"), size(paths.en, ".dic")};
}

Lemmatizer::Lemmatizer(const KeyTable& keys, DictionaryPaths paths, std::vector<std::string> extra_words)
    : keys_(keys), paths_(std::move(paths)), extra_words_(std::move(extra_words)) {
  for (const auto& w : extra_words_) extra_norms_.insert(normalize_word(w));
}

Lemmatizer::~Lemmatizer() = default;

std::vector<std::string> hunspell_stems(Hunspell& h, std::string_view norm_form) {
  std::vector<std::string> out;
  auto put = [&](const std::string& form) {
    for (auto& s : h.stem(form)) {
      std::string n = normalize_word(s);
      if (!n.empty() && std::find(out.begin(), out.end(), n) == out.end()) out.push_back(std::move(n));
    }
  };
  put(std::string(norm_form));
  if (out.empty())
    if (const auto cap = capitalised(norm_form); !cap.empty()) put(cap);
  return out;
}

std::unique_ptr<Hunspell> Lemmatizer::load(Script script) const {
  const auto& p = script == Script::cyrillic ? paths_.ru : paths_.en;
  if (!p || (script != Script::cyrillic && script != Script::latin)) return nullptr;
  {
    auto& pf = prefetched();
    std::unique_lock lock(pf.m);
    auto& fut = script == Script::cyrillic ? pf.ru : pf.en;
    const auto& path = script == Script::cyrillic ? pf.ru_path : pf.en_path;
    if (fut.valid() && path == *p) {
      if (!wait_ && fut.wait_for(std::chrono::seconds(0)) != std::future_status::ready) throw DictionaryNotReady{};
      auto taken = std::move(fut);
      lock.unlock();
      auto h = taken.get();
      for (const auto& w : extra_words_) h->add(w);
      return h;
    }
  }
  return construct(*p, extra_words_);
}

Hunspell* Lemmatizer::dict(Script script) {
  if (script != Script::cyrillic && script != Script::latin) return nullptr;
  const bool ru = script == Script::cyrillic;
  bool& tried = ru ? ru_tried_ : en_tried_;
  auto& own = ru ? ru_ : en_;
  if (!tried) {
    own = load(script);  // may throw DictionaryNotReady: then it is tried again next time
    tried = true;
  }
  return own.get();
}

template <class F>
bool Lemmatizer::ask(Script script, F&& f) {
  // with a table, the workers' calls are few: one Hunspell under a lock serves them all
  if (shared_ && table(script)) {
    auto& d = shared_->dictionary(script == Script::cyrillic);
    std::lock_guard lock(d.m);
    if (!d.tried) {
      d.hunspell = load(script);  // as in dict()
      d.tried = true;
    }
    if (!d.hunspell) return false;
    f(*d.hunspell);
    return true;
  }
  Hunspell* h = dict(script);
  if (!h) return false;
  f(*h);
  return true;
}

const FormTable* Lemmatizer::table(Script script) {
  if (!use_tables_) return nullptr;
  const bool ru = script == Script::cyrillic;
  if (!ru && script != Script::latin) return nullptr;
  auto& tried = ru ? ru_table_tried_ : en_table_tried_;
  auto& t = ru ? ru_table_ : en_table_;
  if (!tried) {
    tried = true;
    if (const auto& p = ru ? paths_.ru : paths_.en) t = FormTable::for_dictionary(*p, table_access_);
  }
  return t;
}

bool Lemmatizer::has(Script script) {
  return table(script) != nullptr || ask(script, [](Hunspell&) {});
}

// Each answer comes from the table where it holds the form, else from another worker's answer,
// else from Hunspell: all three answer alike, the first is cheapest.
std::vector<std::string> Lemmatizer::stems(std::string_view norm_form, Script script) {
  std::vector<std::string> out;
  if (norm_form.empty() || norm_form.size() > 100) return out;
  if (const FormTable* t = table(script); t && !extra_norms_.contains(norm_form) && t->stems(norm_form, out))
    return out;
  const auto sc = static_cast<std::uint8_t>(script);
  if (shared_)
    if (auto known = shared_->stems(sc, norm_form)) return std::move(*known);
  if (!ask(script, [&](Hunspell& h) { out = hunspell_stems(h, norm_form); })) return out;
  if (shared_) shared_->put_stems(sc, norm_form, out);
  return out;
}

std::optional<bool> Lemmatizer::spell(std::string_view form, Script script) {
  // the vocabulary only adds words: the table's "no" stands only when there is none
  if (const FormTable* t = table(script))
    if (const auto ok = t->spelled(form); ok && (*ok || extra_words_.empty())) return ok;
  const auto sc = static_cast<std::uint8_t>(script);
  if (shared_)
    if (auto known = shared_->spelled(sc, form)) return known;
  bool ok = false;
  if (!ask(script, [&](Hunspell& h) { ok = h.spell(std::string(form)); })) return std::nullopt;
  if (shared_) shared_->put_spelled(sc, form, ok);
  return ok;
}

namespace {
std::uint64_t pack(Lemmatizer::KeyRange r) { return std::uint64_t{r.begin} << 32 | r.count; }
Lemmatizer::KeyRange unpack(std::uint64_t v) {
  return {static_cast<std::uint32_t>(v >> 32), static_cast<std::uint32_t>(v)};
}
}  // namespace

Lemmatizer::Lookup Lemmatizer::lookup(std::string_view norm_form, std::uint64_t hash, Script script, bool lemmatise) {
  if (const auto found = cache_.find(norm_form, hash); found.value != FormCache::kAbsent)
    return {unpack(found.payload), found.value};
  KeyRange r{static_cast<std::uint32_t>(pool_.size()), 0};
  auto push = [&](std::uint32_t k) {
    for (std::uint32_t i = r.begin; i < pool_.size(); ++i)
      if (pool_[i] == k) return;
    pool_.push_back(k);
  };
  if (auto k = keys_.find(norm_form)) push(*k);
  if (auto k = keys_.find_exact(norm_form)) push(*k);
  if (lemmatise && keys_.size() > 0 && may_reach_key(norm_form, script)) {
    for (const auto& s : stems(norm_form, script)) {
      // en_US strips prefixes (refunded → fund, unhappy → happy): a stem that does not start
      // like the word is another word
      if (script == Script::latin && !s.empty() && s[0] != norm_form[0]) continue;
      if (auto k = keys_.find(s)) push(*k);
    }
  }
  keys_.for_each_prefix(norm_form, push);
  r.count = static_cast<std::uint32_t>(pool_.size() - r.begin);
  const auto slot = static_cast<std::uint32_t>(forms_.size());
  forms_.push_back({.in_vocabulary = !extra_norms_.empty() && extra_norms_.contains(norm_form)});
  cache_.insert(norm_form, slot, pack(r));
  return {r, slot};
}

std::optional<bool> Lemmatizer::slot_spelling(std::int8_t& cached, std::string_view form, Script script) {
  if (cached < 0) {
    const auto ok = spell(form, script);
    if (!ok) return std::nullopt;
    cached = *ok ? 1 : 0;
  }
  return cached == 1;
}

std::optional<bool> Lemmatizer::spelled_right(std::uint32_t form_slot, std::string_view form, Script script) {
  if (form_slot >= forms_.size()) return spelled_right(form, script);
  return slot_spelling(forms_[form_slot].spelled, form, script);
}

std::optional<bool> Lemmatizer::spelled_right_capitalised(std::uint32_t form_slot, std::string_view form, Script script) {
  if (form_slot >= forms_.size()) return spelled_right(form, script);
  return slot_spelling(forms_[form_slot].spelled_capitalised, form, script);
}

bool Lemmatizer::may_reach_key(std::string_view norm_form, Script script) {
  constexpr std::uint32_t kBuildAfter = 300;
  Filter& f = script == Script::cyrillic ? ru_filter_ : en_filter_;
  if (!f.filter) {
    const auto& path = script == Script::cyrillic ? paths_.ru : paths_.en;
    if ((script != Script::cyrillic && script != Script::latin) || !path || ++f.stemmed < kBuildAfter) return true;
    f.filter = StemFilter::build(path->string() + ".aff", keys_);
  }
  return f.filter->may_reach_key(norm_form);
}

std::optional<bool> Lemmatizer::spelled_right(std::string_view form, Script script) {
  if (auto it = spell_cache_.find(form); it != spell_cache_.end()) return it->second;
  const auto ok = spell(form, script);
  if (!ok) return std::nullopt;
  spell_cache_.emplace(std::string(form), *ok);
  return ok;
}

std::vector<std::string> Lemmatizer::suggest(std::string_view form, Script script) {
  if (auto it = suggest_cache_.find(form); it != suggest_cache_.end()) return it->second;
  std::vector<std::string> s;
  if (!ask(script, [&](Hunspell& h) { s = h.suggest(std::string(form)); })) return {};
  if (s.size() > 3) s.resize(3);
  if (suggest_cache_.size() > 10000) suggest_cache_.clear();
  suggest_cache_.emplace(std::string(form), s);
  return s;
}

void Lemmatizer::trim_caches(std::size_t max_forms) {
  if (cache_.size() > max_forms || cache_.bytes() > (64u << 20)) {
    cache_.clear();
    forms_.clear();
    pool_.clear();
    for (auto& m : memo_) m.clear();
  }
  if (spell_cache_.size() > max_forms) spell_cache_.clear();
}

}  // namespace grabli
