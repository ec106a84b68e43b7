#include "cli/app.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iostream>

#include "engine/suppressions.h"
#include "report/printers.h"
#include "policy/stem_cache.h"
#include "text/form_table.h"
#include "text/normalize.h"
#include "text/utf8.h"

namespace grabli::cli {

bool use_color(bool no_color_flag, int fd) {
  if (no_color_flag) return false;
  if (const char* nc = std::getenv("NO_COLOR"); nc && *nc) return false;
  return isatty(fd) != 0;
}

namespace {

// Whether the table says every word of `script` in the text is spelled right: then neither the
// words' stems nor their spelling (nor suggestions) need Hunspell. Words are runs of one
// script's letters, roughly as the analyser makes them; a miss only means a dictionary load.
Script script_of(char32_t c) {
  return is_cyrillic(c) ? Script::cyrillic : is_latin(c) ? Script::latin : Script::none;
}

bool table_knows_words(const FormTable& table, std::string_view text, Script script) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto d = utf8::decode(text, i);
    const Script s = script_of(d.cp);
    if (s == Script::none) {
      i += d.len;
      continue;
    }
    const std::size_t start = i;
    bool lower = false, upper = false;
    while (i < text.size()) {
      const auto e = utf8::decode(text, i);
      if (script_of(e.cp) != s && !(s == Script::latin && e.cp == '\'' && i + 1 < text.size() &&
                                     script_of(utf8::decode(text, i + 1).cp) == s))
        break;
      const bool up = (e.cp >= 'A' && e.cp <= 'Z') || (e.cp >= 0x400 && e.cp <= 0x42F);
      (up ? upper : lower) = true;
      i += e.len;
    }
    if (s != script || (upper && !lower && i - start > 2)) continue;  // capitals only: not spell-checked
    const auto ok = table.spelled(text.substr(start, i - start));
    if (!ok || !*ok) return false;
  }
  return true;
}

}  // namespace

std::uint8_t prepare_for_drafts(const std::vector<std::string_view>& texts, const Config& config,
                                const std::string& cli_lang) {
  std::size_t cyrillic = 0, latin = 0;
  std::uint8_t languages = 0;
  auto bit = [](std::string_view lang) { return lang == "ru" ? kPackRussian : lang == "en" ? kPackEnglish : 0; };
  for (const auto text : texts) {
    // the draft's language as the analyser will see it (at least as many Cyrillic letters as
    // Latin ones: Russian), or both when the two are close
    std::size_t c = 0, l = 0;
    for (unsigned char ch : text) {
      c += ch == 0xD0 || ch == 0xD1;
      l += (ch | 0x20) >= 'a' && (ch | 0x20) <= 'z';
    }
    cyrillic += c;
    latin += l;
    languages |= c > 0 && c >= l ? kPackRussian : kPackEnglish;
    if (c > 0 && l > 0 && 2 * std::min(c, l) >= std::max(c, l)) languages |= kPackAllLanguages;
  }
  if (!cli_lang.empty() && cli_lang != "auto") languages = bit(cli_lang);
  else {
    languages |= bit(config.lang);
    for (const auto& p : config.paths) languages |= bit(p.lang);
  }
  const auto paths = DictionaryPaths::discover();
  // with a form table that knows every word, the check needs no dictionary at all
  auto needed = [&](const std::optional<std::filesystem::path>& dict, Script script) {
    const FormTable* t = dict ? FormTable::for_dictionary(*dict) : nullptr;
    return !t || std::any_of(texts.begin(), texts.end(), [&](std::string_view x) { return !table_knows_words(*t, x, script); });
  };
  if (cyrillic && needed(paths.ru, Script::cyrillic)) Lemmatizer::prefetch(paths, Script::cyrillic);
  if (latin > 2 * cyrillic && needed(paths.en, Script::latin)) Lemmatizer::prefetch(paths, Script::latin);
  if (const char* all = std::getenv("GRABLI_ALL_PACKS"); all && *all && std::string_view(all) != "0")
    languages = kPackAllLanguages;
  return languages;
}

bool DraftChecks::load(SetupOptions options, std::ostream& err) {
  options_ = std::move(options);
  options_.examples = false;
  setup_ = load_setup(options_, err);
  if (!setup_) return false;
  checker_.emplace(*setup_->policy, setup_->config.overrides);
  return true;
}

std::optional<CheckResult> DraftChecks::check(const std::string& name, std::string content, const DraftMeta& meta,
                                              Printer& printer) {
  // a copy of the draft only when it may have to be checked again
  if (setup_->policy->languages == kPackAllLanguages)
    return check_draft(name, std::move(content), *setup_, *checker_, meta);
  CheckResult r = check_draft(name, content, *setup_, *checker_, meta);
  if (!r.error.empty() || checker_->policy_whole_for_last()) return r;
  if (!whole_) {
    options_.before_compile = [](const Config&) { return kPackAllLanguages; };
    whole_ = load_setup(options_, std::cerr);
    if (!whole_) return std::nullopt;
    whole_checker_.emplace(*whole_->policy, whole_->config.overrides);
    if (auto* p = dynamic_cast<PolicyAwarePrinter*>(&printer)) p->set_policy(whole_->policy.get());
  }
  return check_draft(name, std::move(content), *whole_, *whole_checker_, meta);
}

CheckResult check_draft(const std::string& name, std::string content, const Setup& setup, Checker& checker,
                        const DraftMeta& meta) {
  CheckResult r;
  std::vector<PolicyError> draft_errors;
  r.post = make_draft(name, std::move(content), setup.config, meta, draft_errors);
  if (!draft_errors.empty()) {
    for (const auto& e : draft_errors) std::cerr << e.to_string() << "\n";
    r.error = draft_errors.front().to_string();
    return r;
  }
  r.findings = checker.check(r.post);
  apply_suppressions(r.post, r.findings, setup.policy.get());
  if (auto w = unclosed_front_matter(r.post)) r.findings.insert(r.findings.begin(), std::move(*w));
  return r;
}

std::optional<Setup> load_setup(const SetupOptions& opts, std::ostream& err) {
  Setup s;
  std::vector<PolicyError> errors;
  std::string cfg = opts.config_path;
  if (cfg.empty()) {
    if (auto found = find_config(opts.search_from)) cfg = *found;
  }
  if (!cfg.empty()) s.config = load_config(cfg, errors);
  opts.limits.apply_to(s.config.limits);  // the command line wins over .grabli.yaml
  std::uint8_t languages = kPackAllLanguages;
  if (opts.before_compile) languages = opts.before_compile(s.config);
  PolicyLimits policy_limits;
  policy_limits.regex = s.config.limits.regex;
  std::vector<PolicySource> sources;
  std::vector<std::string> left_out;  // shipped rules for languages no draft is in
  if (!opts.only_paths.empty()) {
    for (const auto& p : opts.only_paths) read_policy_path(p, sources, errors, policy_limits);
  } else {
    if (opts.embedded && s.config.embedded)
      sources = opts.examples ? embedded_policy_sources(languages, left_out)
                              : embedded_policy_sources_without_examples(languages, left_out);
    for (const auto& p : s.config.packs) read_policy_path(p, sources, errors, policy_limits);
    for (const auto& p : opts.policy_paths) read_policy_path(p, sources, errors, policy_limits);
  }
  auto vocab = embedded_vocabulary();
  vocab.insert(vocab.end(), s.config.vocabulary.begin(), s.config.vocabulary.end());
  auto dicts = DictionaryPaths::discover();
  std::optional<StemCache> stem_cache;
  if (auto dir = StemCache::default_dir()) {
    std::vector<std::string> paths;
    paths.reserve(sources.size());
    for (const auto& src : sources) paths.push_back(src.path);
    stem_cache.emplace(*dir, dicts, StemCache::policy_key(paths));
  }
  auto loaded = compile_policy(sources, std::move(vocab), dicts, policy_limits, stem_cache ? &*stem_cache : nullptr);
  errors.insert(errors.end(), loaded.errors.begin(), loaded.errors.end());
  if (loaded.policy && !left_out.empty()) {
    loaded.policy->left_out = std::move(left_out);
    loaded.policy->languages = languages;
  }
  for (const auto& d : s.config.overrides.disabled)
    if (d.find('/') != std::string::npos && loaded.policy && !loaded.policy->knows(d))
      errors.push_back({s.config.file, 0, 0, d, "'disable' names a rule that does not exist"});
  if (!errors.empty()) {
    for (const auto& e : errors) err << e.to_string() << "\n";
    err << "grabli: " << errors.size() << " error(s) in the policy or config; nothing was checked\n";
    return std::nullopt;
  }
  if (const auto missing = dicts.describe_missing(); !missing.empty()) {
    err << "grabli: warning: Hunspell dictionary " << missing
        << " not found; spelling and lemma matching are degraded (install hunspell-ru hunspell-en-us or set DICPATH)\n";
  }
  s.policy = std::move(loaded.policy);
  return s;
}

}  // namespace grabli::cli
