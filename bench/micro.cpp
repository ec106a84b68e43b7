// Micro-benchmarks of the hot parts of a check, on the real shipped policy and dictionaries:
// normalise+tokenise, lemma lookup (warm and fresh cache, raw Hunspell), the lemma index pass,
// the RE2::Set pass, a whole post, and the start-up pieces of a cold `grabli check`.
//
// Built with -DGRABLI_BENCH=ON. With GRABLI_BENCH_CORPUS=FILE (one post per line, as
// bench/make_corpus.py --text writes) the *Corpus benchmarks run on the first
// GRABLI_BENCH_POSTS (default 3000) posts of that file (whole-post checks: the first
// GRABLI_BENCH_CHECK_POSTS, default 300). GRABLI_BENCH_POLICY=DIR adds a generated policy for
// the policy-scale benchmark. bench/run.sh sets them all.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "engine/checker.h"
#include "policy/policy.h"
#include "text/analyzer.h"
#include "text/lemmatizer.h"

namespace {
using namespace grabli;

// A support reply and a press post of ordinary length (the fortunes corpus averages ~170 bytes).
const std::string kRussian =
    "Здравствуйте, Анна! Мы проверили ваш заказ: курьер действительно опоздал на два часа, "
    "а коробка приехала помятой. Вы сами виноваты, что не прочитали условия доставки, но мы "
    "всё равно вернём деньги за доставку в течение трёх рабочих дней. Если что-то ещё "
    "пошло не так, напишите нам в личные сообщения — разберёмся. Хорошего вечера!";
const std::string kEnglish =
    "Hi Mark, thanks for reaching out. We looked into your order and the courier was indeed two "
    "hours late, and the box arrived damaged. Honestly, you should have read the delivery terms, "
    "but we will refund the shipping within three business days. Our new plan is the best on "
    "the market and 100% safe. If anything else went wrong, send us a direct message.";

const Policy& shipped_policy() {
  static const std::unique_ptr<Policy> policy = [] {
    auto loaded = compile_policy(embedded_policy_sources(), embedded_vocabulary(), DictionaryPaths::discover());
    for (const auto& e : loaded.errors) std::cerr << "micro: policy: " << e.to_string() << "\n";
    if (!loaded.policy) std::abort();
    return std::move(loaded.policy);
  }();
  return *policy;
}

const std::vector<std::string>& corpus() {
  static const std::vector<std::string> posts = [] {
    std::vector<std::string> out;
    const char* path = std::getenv("GRABLI_BENCH_CORPUS");
    if (!path || !*path) return out;
    std::size_t limit = 3000;
    if (const char* n = std::getenv("GRABLI_BENCH_POSTS"); n && *n) limit = std::strtoul(n, nullptr, 10);
    std::ifstream in(path);
    for (std::string line; out.size() < limit && std::getline(in, line);)
      if (!line.empty()) out.push_back(std::move(line));
    if (out.empty()) std::cerr << "micro: GRABLI_BENCH_CORPUS=" << path << " has no posts\n";
    return out;
  }();
  return posts;
}

std::int64_t total_bytes(const std::vector<std::string>& posts) {
  std::int64_t n = 0;
  for (const auto& p : posts) n += static_cast<std::int64_t>(p.size());
  return n;
}

// Benchmarks take a list of texts: one fixed post, or the corpus sample.
const std::vector<std::string>& texts_for(int which) {
  static const std::vector<std::string> ru{kRussian}, en{kEnglish};
  return which == 0 ? ru : which == 1 ? en : corpus();
}

const char* label_for(int which) { return which == 0 ? "ru post" : which == 1 ? "en post" : "corpus"; }

// Distinct normalised word forms with their scripts, as the analyzer hands them to the lemmatizer.
std::vector<std::pair<std::string, Script>> word_forms(const std::vector<std::string>& texts) {
  Lemmatizer lem(shipped_policy().keys, shipped_policy().dictionaries);
  Analyzer analyzer(lem);
  AnalyzedText at;
  std::vector<std::pair<std::string, Script>> out;
  std::unordered_map<std::string, bool> seen;
  for (const auto& t : texts) {
    analyzer.analyze(t, at, false);
    for (const auto& tok : at.tokens) {
      std::string form(at.norm_of(tok));
      if (tok.script != Script::cyrillic && tok.script != Script::latin) continue;
      if (seen.emplace(form, true).second) out.emplace_back(std::move(form), tok.script);
    }
  }
  return out;
}

bool skip_if_empty(benchmark::State& state, const std::vector<std::string>& texts) {
  if (!texts.empty()) return false;
  state.SkipWithError("set GRABLI_BENCH_CORPUS to a text file with one post per line");
  return true;
}

// --- normalise + tokenise (no lemma lookups) -------------------------------------------------
void BM_Analyze(benchmark::State& state) {
  const auto& texts = texts_for(static_cast<int>(state.range(0)));
  if (skip_if_empty(state, texts)) return;
  Lemmatizer lem(shipped_policy().keys, shipped_policy().dictionaries);
  Analyzer analyzer(lem);
  AnalyzedText at;
  for (const auto& t : texts) analyzer.analyze(t, at, false);
  for (auto _ : state)
    for (const auto& t : texts) {
      analyzer.analyze(t, at, false);
      benchmark::DoNotOptimize(at.tokens.data());
    }
  state.SetBytesProcessed(state.iterations() * total_bytes(texts));
  state.SetLabel(label_for(static_cast<int>(state.range(0))));
}
BENCHMARK(BM_Analyze)->Arg(0)->Arg(1)->Arg(2);

// --- analysis with lemma keys, cache warm (what every post after the first few pays) ---------
void BM_AnalyzeLemmatised(benchmark::State& state) {
  const auto& texts = texts_for(static_cast<int>(state.range(0)));
  if (skip_if_empty(state, texts)) return;
  Lemmatizer lem(shipped_policy().keys, shipped_policy().dictionaries);
  Analyzer analyzer(lem);
  AnalyzedText at;
  for (const auto& t : texts) analyzer.analyze(t, at, true);  // warm the cache
  for (auto _ : state)
    for (const auto& t : texts) {
      analyzer.analyze(t, at, true);
      benchmark::DoNotOptimize(at.tokens.data());
    }
  state.SetBytesProcessed(state.iterations() * total_bytes(texts));
  state.SetLabel(label_for(static_cast<int>(state.range(0))));
}
BENCHMARK(BM_AnalyzeLemmatised)->Arg(0)->Arg(1)->Arg(2);

// --- lemma lookup: Lemmatizer::keys on a warm cache (one hash lookup per form) -------------
void BM_LemmaKeysWarm(benchmark::State& state) {
  const auto forms = word_forms(texts_for(static_cast<int>(state.range(0))));
  if (forms.empty()) return state.SkipWithError("no word forms");
  Lemmatizer lem(shipped_policy().keys, shipped_policy().dictionaries);
  for (const auto& [f, s] : forms) lem.keys(f, s, true);
  for (auto _ : state)
    for (const auto& [f, s] : forms) benchmark::DoNotOptimize(lem.keys(f, s, true));
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(forms.size()));
  state.SetLabel(std::string(label_for(static_cast<int>(state.range(0)))) + ", " +
                 std::to_string(forms.size()) + " forms");
}
BENCHMARK(BM_LemmaKeysWarm)->Arg(0)->Arg(1)->Arg(2);

// --- lemma lookup on a fresh cache: Hunspell stem + key lookups for every form --------------
void BM_LemmaKeysFresh(benchmark::State& state) {
  const auto forms = word_forms(texts_for(static_cast<int>(state.range(0))));
  if (forms.empty()) return state.SkipWithError("no word forms");
  Lemmatizer lem(shipped_policy().keys, shipped_policy().dictionaries);
  lem.has(Script::cyrillic);  // dictionaries loaded outside the timing
  lem.has(Script::latin);
  for (auto _ : state) {
    state.PauseTiming();
    lem.trim_caches(0);
    state.ResumeTiming();
    for (const auto& [f, s] : forms) benchmark::DoNotOptimize(lem.keys(f, s, true));
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(forms.size()));
  state.SetLabel(std::string(label_for(static_cast<int>(state.range(0)))) + ", " +
                 std::to_string(forms.size()) + " forms");
}
BENCHMARK(BM_LemmaKeysFresh)->Arg(0)->Arg(1)->Arg(2);

// --- raw Hunspell stemming (Lemmatizer::stems, uncached) -------------------------------------
void BM_HunspellStems(benchmark::State& state) {
  const auto forms = word_forms(texts_for(static_cast<int>(state.range(0))));
  if (forms.empty()) return state.SkipWithError("no word forms");
  Lemmatizer lem(shipped_policy().keys, shipped_policy().dictionaries);
  lem.has(Script::cyrillic);
  lem.has(Script::latin);
  for (auto _ : state)
    for (const auto& [f, s] : forms) benchmark::DoNotOptimize(lem.stems(f, s));
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(forms.size()));
  state.SetLabel(std::string(label_for(static_cast<int>(state.range(0)))) + ", " +
                 std::to_string(forms.size()) + " forms");
}
BENCHMARK(BM_HunspellStems)->Arg(0)->Arg(1)->Arg(2);

// Analysed texts kept alive for the matcher passes below.
struct Analysed {
  std::unique_ptr<Lemmatizer> lem;
  std::vector<AnalyzedText> texts;
  std::int64_t bytes = 0;
};
Analysed analyse_all(const std::vector<std::string>& texts) {
  Analysed a;
  a.lem = std::make_unique<Lemmatizer>(shipped_policy().keys, shipped_policy().dictionaries,
                                       shipped_policy().vocabulary);
  Analyzer analyzer(*a.lem);
  a.texts.resize(texts.size());
  for (std::size_t i = 0; i < texts.size(); ++i) analyzer.analyze(texts[i], a.texts[i], true);
  a.bytes = total_bytes(texts);
  return a;
}

// --- the RE2::Set pass (PatternBank::scan over norm and original text) -----------------------
void BM_PatternScan(benchmark::State& state) {
  const auto& texts = texts_for(static_cast<int>(state.range(0)));
  if (skip_if_empty(state, texts)) return;
  const Analysed a = analyse_all(texts);
  std::vector<int> fired;
  // RE2 builds its DFA states lazily: one pass first, so that this is the steady state of a long
  // audit (the first pass over 3,000 fresh posts is ~30x slower).
  for (const auto& at : a.texts) shipped_policy().patterns.scan(at, fired);
  for (auto _ : state)
    for (const auto& at : a.texts) {
      shipped_policy().patterns.scan(at, fired);
      benchmark::DoNotOptimize(fired.data());
    }
  state.SetBytesProcessed(state.iterations() * a.bytes);
  state.SetLabel(std::string(label_for(static_cast<int>(state.range(0)))) + ", " +
                 std::to_string(shipped_policy().patterns.size()) + " patterns");
}
BENCHMARK(BM_PatternScan)->Arg(0)->Arg(1)->Arg(2);

// --- the lemma index pass (PhraseIndex::find) ------------------------------------------------
void BM_PhraseFind(benchmark::State& state) {
  const auto& texts = texts_for(static_cast<int>(state.range(0)));
  if (skip_if_empty(state, texts)) return;
  const Analysed a = analyse_all(texts);
  std::vector<PhraseHit> hits;
  for (const auto& at : a.texts) shipped_policy().phrases.find(at, *a.lem, hits);
  for (auto _ : state)
    for (const auto& at : a.texts) {
      hits.clear();
      shipped_policy().phrases.find(at, *a.lem, hits);
      benchmark::DoNotOptimize(hits.data());
    }
  state.SetBytesProcessed(state.iterations() * a.bytes);
  state.SetLabel(std::string(label_for(static_cast<int>(state.range(0)))) + ", " +
                 std::to_string(shipped_policy().phrases.size()) + " phrases");
}
BENCHMARK(BM_PhraseFind)->Arg(0)->Arg(1)->Arg(2);

// --- a whole post: Checker::check with every shipped rule (lemma cache warm) -----------------
// Arg 0/1: the fixed ru/en post; 2: the first GRABLI_BENCH_CHECK_POSTS (default 300) corpus posts.
// The second argument 1 switches the spelling packs off, to show what the rest costs.
RuleOverrides without_spelling(bool off) {
  RuleOverrides o;
  if (!off) return o;
  for (const auto& r : shipped_policy().rules)
    if (r.kind == "spelling") o.disabled.push_back(r.full_id());
  return o;
}

void BM_CheckPost(benchmark::State& state) {
  const int which = static_cast<int>(state.range(0));
  std::vector<std::string> texts = texts_for(which);
  if (skip_if_empty(state, texts)) return;
  if (which == 2) {
    std::size_t limit = 300;
    if (const char* n = std::getenv("GRABLI_BENCH_CHECK_POSTS"); n && *n) limit = std::strtoul(n, nullptr, 10);
    if (texts.size() > limit) texts.resize(limit);
  }
  std::vector<Post> posts(texts.size());
  for (std::size_t i = 0; i < texts.size(); ++i) {
    posts[i].id = std::to_string(i);
    posts[i].text = texts[i];
    posts[i].role = "support";
    posts[i].channel = "vk";
    posts[i].lang = which == 0 ? "ru" : which == 1 ? "en" : "";
  }
  const bool no_spelling = state.range(1) == 1;
  const RuleOverrides overrides = without_spelling(no_spelling);
  Checker checker(shipped_policy(), overrides);
  std::size_t findings = 0;
  for (const auto& p : posts) findings += checker.check(p).size();
  for (auto _ : state)
    for (const auto& p : posts) benchmark::DoNotOptimize(checker.check(p));
  state.SetBytesProcessed(state.iterations() * total_bytes(texts));
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(posts.size()));
  state.SetLabel(std::string(label_for(which)) + (which == 2 ? " (" + std::to_string(posts.size()) + " posts)" : "") +
                 (no_spelling ? ", spelling off" : "") + ", " + std::to_string(findings) + " findings");
}
BENCHMARK(BM_CheckPost)->ArgsProduct({{0, 1, 2}, {0, 1}});

// --- policy scale: the shipped packs plus GRABLI_BENCH_POLICY (bench/make_big_policy.py's 10x
// lexicon), spelling off, on the same corpus posts as BM_CheckPost/2/1 ----------------------
void BM_CheckPostScaledPolicy(benchmark::State& state) {
  const char* extra = std::getenv("GRABLI_BENCH_POLICY");
  if (!extra || !*extra) return state.SkipWithError("set GRABLI_BENCH_POLICY to a generated policy folder");
  std::vector<std::string> texts = corpus();
  if (skip_if_empty(state, texts)) return;
  std::size_t limit = 300;
  if (const char* n = std::getenv("GRABLI_BENCH_CHECK_POSTS"); n && *n) limit = std::strtoul(n, nullptr, 10);
  if (texts.size() > limit) texts.resize(limit);
  auto sources = embedded_policy_sources();
  std::vector<PolicyError> errors;
  read_policy_path(extra, sources, errors);
  auto loaded = compile_policy(sources, embedded_vocabulary(), DictionaryPaths::discover());
  for (const auto& e : loaded.errors) errors.push_back(e);
  if (!errors.empty() || !loaded.policy) return state.SkipWithError(("policy: " + errors.front().to_string()).c_str());
  RuleOverrides overrides;
  for (const auto& r : loaded.policy->rules)
    if (r.kind == "spelling") overrides.disabled.push_back(r.full_id());
  std::vector<Post> posts(texts.size());
  for (std::size_t i = 0; i < texts.size(); ++i) {
    posts[i].id = std::to_string(i);
    posts[i].text = texts[i];
    posts[i].role = "support";
    posts[i].channel = "vk";
  }
  Checker checker(*loaded.policy, overrides);
  std::size_t findings = 0;
  for (const auto& p : posts) findings += checker.check(p).size();
  for (auto _ : state)
    for (const auto& p : posts) benchmark::DoNotOptimize(checker.check(p));
  state.SetBytesProcessed(state.iterations() * total_bytes(texts));
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(posts.size()));
  state.SetLabel("corpus (" + std::to_string(posts.size()) + " posts), spelling off, " +
                 std::to_string(loaded.policy->rules.size()) + " rules, " +
                 std::to_string(loaded.policy->phrases.size()) + " phrases, " + std::to_string(findings) + " findings");
}
BENCHMARK(BM_CheckPostScaledPolicy);

// --- start-up pieces of a cold `grabli check` ------------------------------------------------
void BM_CompileShippedPolicy(benchmark::State& state) {
  const auto sources = embedded_policy_sources();
  const auto vocab = embedded_vocabulary();
  const auto dicts = DictionaryPaths::discover();
  for (auto _ : state) {
    auto loaded = compile_policy(sources, vocab, dicts);
    benchmark::DoNotOptimize(loaded.policy.get());
  }
  state.SetLabel(std::to_string(shipped_policy().rules.size()) + " rules");
}
BENCHMARK(BM_CompileShippedPolicy)->Unit(benchmark::kMillisecond)->Iterations(3);

void BM_LoadDictionary(benchmark::State& state) {
  const Script script = state.range(0) == 0 ? Script::cyrillic : Script::latin;
  for (auto _ : state) {
    Lemmatizer lem(shipped_policy().keys, shipped_policy().dictionaries, shipped_policy().vocabulary);
    benchmark::DoNotOptimize(lem.has(script));
  }
  state.SetLabel(state.range(0) == 0 ? "ru_RU" : "en_US");
}
BENCHMARK(BM_LoadDictionary)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace

BENCHMARK_MAIN();
