#include "cli/app.h"

#include <unistd.h>

#include <cstdlib>

#include "engine/suppressions.h"
#include "policy/stem_cache.h"
#include "text/form_table.h"
#include "text/normalize.h"
#include "text/utf8.h"
#include <fstream>
#include <iostream>

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

void prefetch_dictionaries(const std::vector<std::string>& files, const std::string& stdin_text) {
  std::size_t cyrillic = 0, latin = 0;
  std::vector<std::string> heads;
  auto count = [&](std::string_view s) {
    for (unsigned char c : s) {
      cyrillic += c == 0xD0 || c == 0xD1;
      latin += (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    }
  };
  count(stdin_text);
  for (const auto& f : files) {
    if (f == "-") continue;
    std::ifstream in(f, std::ios::binary);
    std::string head(64 << 10, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(in.gcount()));
    count(head);
    heads.push_back(std::move(head));
  }
  const auto paths = DictionaryPaths::discover();
  // with a form table that knows every word, the check needs no dictionary at all
  auto needed = [&](const std::optional<std::filesystem::path>& dict, Script script) {
    const FormTable* t = dict ? FormTable::for_dictionary(*dict) : nullptr;
    if (!t || !table_knows_words(*t, stdin_text, script)) return true;
    for (const auto& h : heads)
      if (!table_knows_words(*t, h, script)) return true;
    return false;
  };
  if (cyrillic && needed(paths.ru, Script::cyrillic)) Lemmatizer::prefetch(paths, Script::cyrillic);
  if (latin > 2 * cyrillic && needed(paths.en, Script::latin)) Lemmatizer::prefetch(paths, Script::latin);
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
  if (opts.before_compile) opts.before_compile(s.config);
  PolicyLimits policy_limits;
  policy_limits.regex = s.config.limits.regex;
  std::vector<PolicySource> sources;
  if (!opts.only_paths.empty()) {
    for (const auto& p : opts.only_paths) read_policy_path(p, sources, errors, policy_limits);
  } else {
    if (opts.embedded && s.config.embedded) sources = embedded_policy_sources();
    for (const auto& p : s.config.packs) read_policy_path(p, sources, errors, policy_limits);
    for (const auto& p : opts.policy_paths) read_policy_path(p, sources, errors, policy_limits);
  }
  auto vocab = embedded_vocabulary();
  vocab.insert(vocab.end(), s.config.vocabulary.begin(), s.config.vocabulary.end());
  auto dicts = DictionaryPaths::discover();
  std::optional<StemCache> stem_cache;
  if (auto dir = StemCache::default_dir()) stem_cache.emplace(*dir, dicts);
  auto loaded = compile_policy(sources, std::move(vocab), dicts, policy_limits, stem_cache ? &*stem_cache : nullptr);
  errors.insert(errors.end(), loaded.errors.begin(), loaded.errors.end());
  for (const auto& d : s.config.overrides.disabled)
    if (d.find('/') != std::string::npos && loaded.policy && !loaded.policy->find(d))
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
