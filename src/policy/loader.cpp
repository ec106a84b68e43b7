#include <algorithm>
#include <filesystem>
#include <fstream>
#include <future>
#include <set>
#include <sstream>
#include <thread>
#include <unordered_map>

#include "config/limits.h"
#include "policy/embedded.h"
#include "policy/policy.h"
#include "policy/stem_cache.h"
#include "policy/stem_table.h"
#include "policy/taxonomy.h"
#include "policy/yaml_tree.h"
#include "text/normalize.h"

namespace grabli {
namespace fs = std::filesystem;

const Rule* Policy::find(std::string_view full_id) const {
  const auto i = index_of(full_id);
  return i == std::string::npos ? nullptr : &rules[i];
}

std::size_t Policy::index_of(std::string_view full_id) const {
  for (std::size_t i = 0; i < rules.size(); ++i)
    if (rules[i].full_id() == full_id) return i;
  return std::string::npos;
}

bool Policy::knows(std::string_view name) const {
  const bool is_pack = name.find('/') == std::string_view::npos;
  auto named = [&](std::string_view full_id) {
    return is_pack ? full_id.substr(0, full_id.find('/')) == name : full_id == name;
  };
  return std::any_of(rules.begin(), rules.end(), [&](const Rule& r) { return is_pack ? r.pack == name : named(r.full_id()); }) ||
         std::any_of(left_out.begin(), left_out.end(), named);
}

std::vector<PolicySource> embedded_policy_sources() {
  std::vector<std::string> none;
  return embedded_policy_sources(kPackAllLanguages, none);
}

namespace {
std::vector<PolicySource> shipped_sources(std::uint8_t languages, std::vector<std::string>& left_out, bool examples) {
  std::vector<PolicySource> out;
  const auto index = embedded_pack_index();
  for (const auto& f : embedded_files()) {
    if (!f.path.starts_with("rules/")) continue;
    const auto info = std::find_if(index.begin(), index.end(), [&](const EmbeddedPackInfo& p) { return p.path == f.path; });
    if (info != index.end() && !(info->languages & languages)) {
      for (std::string_view ids = info->rule_ids; !ids.empty();) {
        const auto nl = std::min(ids.find('\n'), ids.size());
        left_out.emplace_back(ids.substr(0, nl));
        ids.remove_prefix(std::min(nl + 1, ids.size()));
      }
      continue;
    }
    const bool cut = !examples && info != index.end() && !info->examples.empty();
    out.push_back({"<embedded>/" + std::string(f.path),
                   cut ? without_ranges(f.content, info->examples) : std::string(f.content), cut});
  }
  return out;
}
}  // namespace

std::vector<PolicySource> embedded_policy_sources(std::uint8_t languages, std::vector<std::string>& left_out) {
  return shipped_sources(languages, left_out, true);
}

std::vector<PolicySource> embedded_policy_sources_without_examples(std::uint8_t languages,
                                                                   std::vector<std::string>& left_out) {
  return shipped_sources(languages, left_out, false);
}

std::vector<std::string> parse_vocabulary(std::string_view content) {
  std::vector<std::string> out;
  std::istringstream in{std::string(content)};
  std::string line;
  while (std::getline(in, line)) {
    if (auto h = line.find('#'); h != std::string::npos) line.resize(h);
    const auto b = line.find_first_not_of(" \t\r");
    if (b == std::string::npos) continue;
    const auto e = line.find_last_not_of(" \t\r");
    out.push_back(line.substr(b, e - b + 1));
  }
  return out;
}

std::vector<std::string> embedded_vocabulary() {
  std::vector<std::string> out;
  for (const auto& f : embedded_files())
    if (f.path.starts_with("dictionaries/")) {
      auto words = parse_vocabulary(f.content);
      out.insert(out.end(), words.begin(), words.end());
    }
  return out;
}

void read_policy_path(const std::string& path, std::vector<PolicySource>& out, std::vector<PolicyError>& errors,
                      const PolicyLimits& limits) {
  std::error_code ec;
  std::vector<fs::path> files;
  if (fs::is_directory(path, ec)) {
    for (fs::recursive_directory_iterator it(path, fs::directory_options::none, ec), end; !ec && it != end;
         it.increment(ec)) {
      // a policy tree may not lead out of itself through symbolic links
      if (it->is_symlink(ec)) {
        if (it->is_directory(ec)) it.disable_recursion_pending();
        continue;
      }
      const auto ext = it->path().extension();
      if (it->is_regular_file(ec) && (ext == ".yaml" || ext == ".yml")) files.push_back(it->path());
    }
    if (ec) errors.push_back({path, 0, 0, "", "cannot read the policy folder: " + ec.message()});
    std::sort(files.begin(), files.end());
  } else if (fs::exists(path, ec)) {
    files.push_back(path);
  } else {
    errors.push_back({path, 0, 0, "", "no such policy file or folder"});
    return;
  }
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    if (!in) {
      errors.push_back({f.string(), 0, 0, "", "cannot open the policy file"});
      continue;
    }
    const auto size = fs::file_size(f, ec);
    if (!ec && size > limits.max_file_bytes) {
      errors.push_back({f.string(), 0, 0, "",
                        "policy file is " + std::to_string(size) + " bytes; the limit is " +
                            std::to_string(limits.max_file_bytes)});
      continue;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    out.push_back({f.string(), ss.str()});
  }
}

namespace {

struct RuleFailure {
  YamlMark mark;
  std::string message;
};

const std::vector<std::string_view> kCommonKeys = {"id", "category", "level", "kind", "languages", "roles",
                                                   "channels", "context", "message", "suggestion", "examples",
                                                   "description", "enabled", "fallback"};

std::string_view closest_key(const std::vector<std::string_view>& keys, std::string_view k) {
  return taxonomy::closest(std::span<const std::string_view>(keys.data(), keys.size()), k);
}

// The words of a phrase, split at white space as `istream >> string` would (without its locale,
// which cost as much as the rest of compiling a phrase).
std::vector<std::string_view> split_words(std::string_view s) {
  std::vector<std::string_view> out;
  auto space = [](char c) { return c == ' ' || (c >= '\t' && c <= '\r'); };
  for (std::size_t i = 0; i < s.size();) {
    while (i < s.size() && space(s[i])) ++i;
    const std::size_t b = i;
    while (i < s.size() && !space(s[i])) ++i;
    if (i > b) out.push_back(s.substr(b, i - b));
  }
  return out;
}

class Builder : public PolicyBuilder {
 public:
  Builder(Policy& p, Lemmatizer& lem, StemCache* stem_cache) : p_(p), lem_(lem), stem_cache_(stem_cache) {}

  // Alternatives of different lengths («из-за|из») expand into several phrases; a rule's
  // phrases stay contiguous in the index, so this is invisible to matchers.
  std::uint32_t add_phrase(const YamlNode& where, std::string_view phrase) override {
    auto variants = expand(where, phrase, split_words(phrase));
    const std::uint32_t first = next_phrase_id();
    for (auto& els : variants) {
      if (els.empty()) fail(where, "empty phrase");
      if (els.front().kind != PhraseElement::word)
        fail(where, "phrase '" + std::string(phrase) + "' must start with a word, not '*' or '...'");
      while (els.back().kind == PhraseElement::gap) els.pop_back();
      p_.phrases.add(std::move(els));
    }
    return first;
  }

  std::uint32_t next_phrase_id() const override { return static_cast<std::uint32_t>(p_.phrases.size()); }

  int add_pattern(const YamlNode& where, const std::string& regex, bool on_original) override {
    if (!on_original)
      if (const auto capital = capital_for_lower_case_text(regex); !capital.empty())
        fail(where, "pattern '" + regex + "' asks for '" + capital +
                        "', but patterns read the normalized text, which is all lower case, so it never matches there; "
                        "add 'on: original' to read the text as written, or write the letters in lower case");
    std::string err;
    const int id = p_.patterns.add(regex, on_original, err, rule_languages_);
    if (id < 0)
      fail(where, "invalid regex '" + regex + "': " + err +
                      (err.find("too large") != std::string::npos
                           ? "; raise limits.regex_max_mem in .grabli.yaml or --regex-max-mem"
                           : ""));
    // the rule being compiled is pushed after its matcher is made: its index is the next one
    p_.pattern_origins.push_back({p_.rules.size(), regex, where.Mark().line + 1, where.Mark().column + 1});
    return id;
  }
  const PatternBank& patterns() const override { return p_.patterns; }
  [[noreturn]] void fail(const YamlNode& where, const std::string& message) override {
    throw RuleFailure{where.Mark(), message};
  }
  // The languages of the rule being compiled (PatternBank's bits): its patterns run only for them.
  void set_rule_languages(const std::vector<std::string>& languages) { rule_languages_ = lang_bits(languages); }

 private:
  using Variant = std::vector<PhraseElement>;

  // The phrases a sequence of pieces stands for. A piece is a word with its '|' alternatives,
  // '*', '...', or a group in parentheses whose alternatives are whole word sequences:
  // '("don't"|"do" "not") "publish"' is "don't publish" or "do not publish".
  std::vector<Variant> expand(const YamlNode& where, std::string_view phrase, const std::vector<std::string_view>& pieces) {
    std::vector<Variant> variants(1);
    // '|' joins alternatives of one word, not of phrases: in '"use" "code"|"my" "code"' the second
    // word is "code" or "my" and the third "code", which never matches "my code" as meant. An
    // alternative that is also the next word's is that mistake (thirteen shipped phrases had it).
    std::string_view prev_piece;
    std::vector<std::string_view> prev_alts, alts;
    for (std::size_t pi = 0; pi < pieces.size(); ++pi) {
      std::string_view piece = pieces[pi];
      std::vector<Variant> slot;
      bool group = false;
      if (piece.front() == '(') {
        group = true;
        std::vector<std::vector<std::string_view>> alternatives;
        pi = group_alternatives(where, phrase, pieces, pi, alternatives);
        for (const auto& a : alternatives)
          for (auto& v : expand(where, phrase, a)) slot.push_back(std::move(v));
      } else if (piece == "*") {
        slot.push_back({{PhraseElement::any, {}}});
      } else if (piece == "..." || piece == "…") {
        slot.push_back({{PhraseElement::gap, {}}});
      } else {
        std::string_view rest = piece;
        alts.clear();
        while (true) {
          const auto bar = rest.find('|');
          alts.push_back(rest.substr(0, bar));
          Variant alt = alternative(where, phrase, alts.back());
          // alternatives of the same length share one element per position
          auto same = std::find_if(slot.begin(), slot.end(), [&](const Variant& v) { return v.size() == alt.size(); });
          if (same == slot.end()) {
            slot.push_back(std::move(alt));
          } else {
            for (std::size_t i = 0; i < alt.size(); ++i)
              for (auto k : alt[i].keys)
                if (std::find((*same)[i].keys.begin(), (*same)[i].keys.end(), k) == (*same)[i].keys.end())
                  (*same)[i].keys.push_back(k);
          }
          if (bar == std::string_view::npos) break;
          rest.remove_prefix(bar + 1);
        }
        const auto group_hint = "; '|' joins the alternatives of one word: group words in parentheses, as in "
                                "'(\"a\" \"b\"|\"c\") \"d\"', or write each whole phrase on its own line";
        if (alts.size() > 1 || prev_alts.size() > 1)
          for (auto a : prev_alts)
            if (std::find(alts.begin(), alts.end(), a) != alts.end())
              fail(where, "phrase '" + std::string(phrase) + "': " + std::string(a) +
                              " is an alternative of two words in a row ('" + std::string(prev_piece) + "' then '" +
                              std::string(piece) + "')" + group_hint);
        // "don't"|"do" then "not": the contraction is never followed by "not", so only "do not" matches
        if (prev_alts.size() > 1 && std::find(alts.begin(), alts.end(), "\"not\"") != alts.end())
          for (auto a : prev_alts)
            if (a.size() > 4 && (a.ends_with("n't\"") || a.ends_with("n’t\"")))
              fail(where, "phrase '" + std::string(phrase) + "': " + std::string(a) + " then \"not\" never occurs, so only '" +
                              std::string(prev_piece) + "' without the contraction matches" + group_hint);
      }
      // '*' and '...' stand between words: the words around them may repeat
      prev_piece = piece;
      if (group || piece == "*" || piece == "..." || piece == "…") prev_alts.clear();
      else prev_alts.swap(alts);
      std::vector<Variant> next;
      for (const auto& v : variants)
        for (const auto& s : slot) {
          Variant x = v;
          x.insert(x.end(), s.begin(), s.end());
          next.push_back(std::move(x));
        }
      if (next.size() > 64) fail(where, "phrase '" + std::string(phrase) + "' expands into too many variants; split it");
      variants = std::move(next);
    }
    return variants;
  }

  // The alternatives of the group that opens at pieces[first], each a sequence of pieces; '|'
  // separates them only at the group's own depth, so groups nest. Returns the closing piece's index.
  std::size_t group_alternatives(const YamlNode& where, std::string_view phrase, const std::vector<std::string_view>& pieces,
                                 std::size_t first, std::vector<std::vector<std::string_view>>& out) {
    const auto refuse = [&](const std::string& why) { fail(where, "phrase '" + std::string(phrase) + "': " + why); };
    out.assign(1, {});
    int depth = 0;
    for (std::size_t pj = first; pj < pieces.size(); ++pj) {
      const std::string_view w = pieces[pj];
      std::size_t start = 0;
      for (std::size_t c = 0; c < w.size(); ++c) {
        const char ch = w[c];
        if (ch == '"') {  // a quoted word may hold anything but a quote
          const auto close = w.find('"', c + 1);
          c = close == std::string_view::npos ? w.size() - 1 : close;
        } else if (ch == '(') {
          if (depth++ == 0) start = c + 1;
        } else if (ch == '|' && depth == 1) {
          if (c > start) out.back().push_back(w.substr(start, c - start));
          out.emplace_back();
          start = c + 1;
        } else if (ch == ')' && --depth == 0) {
          if (c > start) out.back().push_back(w.substr(start, c - start));
          if (c + 1 != w.size()) refuse("put a space after the group's ')' in '" + std::string(w) + "'");
          for (const auto& a : out)
            if (a.empty()) refuse("a group has an empty alternative");
          return pj;
        }
      }
      if (start < w.size()) out.back().push_back(w.substr(start));
    }
    refuse("a group opened with '(' is never closed");
    return pieces.size();  // not reached: refuse throws
  }

  std::uint8_t rule_languages_ = PatternBank::kAnyLanguage;
  // One alternative; a hyphenated word becomes several words, as the tokenizer makes them.
  std::vector<PhraseElement> alternative(const YamlNode& where, std::string_view phrase, std::string_view alt) {
    bool exact = false, prefix = false;
    if (alt.size() >= 2 && alt.front() == '"' && alt.back() == '"') {
      exact = true;
      alt = alt.substr(1, alt.size() - 2);
    } else if (alt.size() >= 2 && alt.back() == '*') {
      prefix = true;
      alt.remove_suffix(1);
    }
    const std::string norm = normalize_words(alt);
    const std::vector<std::string_view> parts = split_words(norm);
    if (parts.empty())
      fail(where, "phrase '" + std::string(phrase) + "' has a word with no letters or digits: '" + std::string(alt) + "'");
    std::vector<PhraseElement> out;
    for (std::size_t i = 0; i < parts.size(); ++i) {
      const auto& w = parts[i];
      PhraseElement el{PhraseElement::word, {}};
      if (prefix && i + 1 == parts.size()) {
        if (w.size() < 2) fail(where, "prefix '" + std::string(w) + "*' is too short");
        el.keys.push_back(p_.keys.intern_prefix(w));
      } else if (exact) {
        el.keys.push_back(p_.keys.intern_exact(w));
      } else {
        el.keys.push_back(p_.keys.intern(w));
        auto stems = table_stems(w, p_.dictionaries);
        if (!stems && stem_cache_)
          if (const auto* cached = stem_cache_->find(w)) stems = *cached;
        if (!stems) {
          stems = lem_.stems(w, script_of(w));
          if (stem_cache_ && lem_.has(script_of(w))) stem_cache_->add(std::string(w), *stems);
        }
        // a headword stands for itself; only an inflected rule word («виноваты») also means its
        // headwords — else «revenue» would also mean «venue»
        if (std::find(stems->begin(), stems->end(), w) != stems->end()) stems->clear();
        for (const auto& stem : *stems) {
          const auto k = p_.keys.intern(stem);
          if (std::find(el.keys.begin(), el.keys.end(), k) == el.keys.end()) el.keys.push_back(k);
        }
      }
      out.push_back(std::move(el));
    }
    return out;
  }
  static Script script_of(std::string_view norm) {
    return norm.empty() ? Script::none : (static_cast<unsigned char>(norm[0]) >= 0xD0 ? Script::cyrillic : Script::latin);
  }
  Policy& p_;
  Lemmatizer& lem_;
  StemCache* stem_cache_;
};


std::string scalar(Builder& b, const YamlNode& n, const char* what) {
  if (!n.IsScalar()) b.fail(n, std::string(what) + " must be a string");
  return n.Scalar();
}

std::vector<std::string> list_from(Builder& b, const YamlNode& n, const char* key,
                                   std::span<const std::string_view> allowed, const char* noun) {
  std::vector<std::string> out;
  if (!n) return out;
  auto check = [&](const YamlNode& item) {
    std::string v = scalar(b, item, key);
    if (std::string_view(key) == "channels") v = std::string(taxonomy::canonical_channel(v));
    if (!taxonomy::known(allowed, v)) {
      auto near = taxonomy::closest(allowed, v);
      b.fail(item, "unknown " + std::string(noun) + " '" + v + "'" +
                       (near.empty() ? "" : " (did you mean '" + std::string(near) + "'?)") + "; expected one of " +
                       taxonomy::join(allowed));
    }
    out.push_back(v);
  };
  if (n.IsSequence()) {
    for (const auto& item : n) check(item);
  } else {
    check(n);
  }
  return out;
}

RuleExample read_example(Builder& b, const YamlNode& n) {
  RuleExample ex;
  if (n.IsScalar()) {
    ex.text = n.Scalar();
    return ex;
  }
  if (!n.IsMap()) b.fail(n, "an example is a string or a map with text, role, channel, lang, reply_to");
  for (const auto& kv : n) {
    const auto k = kv.first.as<std::string>();
    const auto& v = kv.second;
    if (k == "text") ex.text = scalar(b, v, "text");
    else if (k == "role") ex.role = scalar(b, v, "role");
    else if (k == "channel") ex.channel = scalar(b, v, "channel");
    else if (k == "lang") ex.lang = scalar(b, v, "lang");
    else if (k == "reply_to") ex.reply_to = scalar(b, v, "reply_to");
    else b.fail(kv.first, "unknown example key '" + k + "'; expected text, role, channel, lang, reply_to");
  }
  if (ex.text.empty()) b.fail(n, "example has no text");
  return ex;
}

// A rule's examples: {bad: [...], good: [...]}, at least one of each.
void read_examples(Builder& b, const YamlNode& node, const YamlNode& ex, Rule& r) {
  if (!ex || !ex.IsMap()) b.fail(ex ? ex : node, "rule needs examples: {bad: [...], good: [...]}");
  for (const auto& kv : ex) {
    const auto k = kv.first.as<std::string>();
    if (k != "bad" && k != "good") b.fail(kv.first, "unknown examples key '" + k + "'; expected bad and good");
  }
  for (const char* which : {"bad", "good"}) {
    const auto list = ex[which];
    if (!list || !list.IsSequence() || list.size() == 0)
      b.fail(ex, std::string("rule needs at least one examples.") + which);
    for (const auto& e : list) (std::string(which) == "bad" ? r.bad : r.good).push_back(read_example(b, e));
  }
}

void compile_rule(Builder& b, Policy& policy, const YamlNode& node, const std::string& pack,
                  const PolicySource& src) {
  if (!node.IsMap()) b.fail(node, "a rule is a map with id, category, kind, message, examples, …");
  Rule r;
  r.pack = pack;
  r.file = src.path;
  r.line = node.Mark().line + 1;
  r.column = node.Mark().column + 1;
  for (const char* req : {"id", "category", "kind", "message"})
    if (!node[req]) {
      // a misspelt key is the usual reason: point at it
      for (const auto& kv : node) {
        const auto k = kv.first.as<std::string>();
        if (std::find(kCommonKeys.begin(), kCommonKeys.end(), k) != kCommonKeys.end()) continue;
        if (closest_key({req}, k) == req) b.fail(kv.first, "unknown key '" + k + "' (did you mean '" + req + "'?)");
      }
      b.fail(node, std::string("rule has no '") + req + "'");
    }
  r.id = scalar(b, node["id"], "id");
  const std::string kind = scalar(b, node["kind"], "kind");
  if (r.id.empty() || r.id.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-_.") != std::string::npos)
    b.fail(node["id"], "rule id '" + r.id + "' must use lower-case letters, digits and '-'");
  const KindInfo* info = KindRegistry::instance().find(kind);
  if (!info) {
    const auto names = KindRegistry::instance().names();
    auto near = closest_key(names, kind);
    b.fail(node["kind"], "unknown kind '" + kind + "'" + (near.empty() ? "" : " (did you mean '" + std::string(near) + "'?)") +
                             "; expected one of " + taxonomy::join(std::span<const std::string_view>(names.data(), names.size())));
  }
  std::vector<std::string_view> allowed = kCommonKeys;
  allowed.insert(allowed.end(), info->keys.begin(), info->keys.end());
  for (const auto& kv : node) {
    const auto k = kv.first.as<std::string>();
    if (std::find(allowed.begin(), allowed.end(), k) == allowed.end()) {
      auto near = closest_key(allowed, k);
      b.fail(kv.first, "unknown key '" + k + "' for a " + kind + " rule" +
                           (near.empty() ? "" : " (did you mean '" + std::string(near) + "'?)"));
    }
  }
  r.kind = kind;
  r.category = scalar(b, node["category"], "category");
  if (!taxonomy::known(taxonomy::categories(), r.category)) {
    auto near = taxonomy::closest(taxonomy::categories(), r.category);
    b.fail(node["category"], "unknown category '" + r.category + "'" +
                                 (near.empty() ? "" : " (did you mean '" + std::string(near) + "'?)") +
                                 "; expected one of " + taxonomy::join(taxonomy::categories()));
  }
  if (node["level"] && !parse_level(scalar(b, node["level"], "level"), r.level))
    b.fail(node["level"], "unknown level '" + node["level"].Scalar() + "'; expected error, warning or info");
  r.languages = list_from(b, node["languages"], "languages", taxonomy::languages(), "language");
  r.roles = list_from(b, node["roles"], "roles", taxonomy::roles(), "role");
  r.channels = list_from(b, node["channels"], "channels", taxonomy::channels(), "channel");
  if (node["context"]) {
    const auto c = scalar(b, node["context"], "context");
    if (c == "reply") r.context = Rule::Context::reply;
    else if (c == "press") r.context = Rule::Context::press;
    else if (c == "customer") r.context = Rule::Context::customer;
    else if (c != "any") b.fail(node["context"], "unknown context '" + c + "'; expected any, reply, press or customer");
  }
  r.message = scalar(b, node["message"], "message");
  if (node["suggestion"]) r.suggestion = scalar(b, node["suggestion"], "suggestion");
  // not true or false: an error at the value (YamlError), not a silent default
  if (node["enabled"]) r.enabled = node["enabled"].as<bool>();
  if (node["fallback"]) r.fallback = node["fallback"].as<bool>();
  if (const auto ex = node["examples"]; ex || !src.without_examples) read_examples(b, node, ex, r);
  b.set_rule_languages(r.languages);
  auto matcher = info->make(node, r, b);
  policy.rules.push_back(std::move(r));
  policy.matchers.push_back(std::move(matcher));
}

// Each rule's own lines of YAML, for `rules explain`: from its line to the next rule's.
void attach_sources(const std::string& content, std::vector<Rule>& rules, std::size_t first) {
  std::vector<std::size_t> line_starts{0};
  for (std::size_t i = 0; i < content.size(); ++i)
    if (content[i] == '\n') line_starts.push_back(i + 1);
  auto offset_of_line = [&](std::uint32_t line) {  // 1-based
    return line - 1 < line_starts.size() ? line_starts[line - 1] : content.size();
  };
  for (std::size_t i = first; i < rules.size(); ++i) {
    const std::size_t b = offset_of_line(rules[i].line);
    const std::size_t e = i + 1 < rules.size() ? offset_of_line(rules[i + 1].line) : content.size();
    rules[i].source_yaml = content.substr(b, e > b ? e - b : 0);
  }
}

}  // namespace

std::string PolicyError::to_string() const {
  std::string out = file;
  if (line) out += ":" + std::to_string(line) + ":" + std::to_string(column);
  out += ": error: ";
  if (!rule.empty()) out += "[" + rule + "] ";
  out += message;
  return out;
}

namespace {

// A second thread parses the files in order (parse_yaml: the structure check is part of the
// parse, for the shipped packs too) while this one compiles the rules of those already parsed (with yaml-cpp, at 6 MB/s, parsing was a third of compiling the shipped packs; libyaml
// is ~15 times faster, and the thread still takes a cold check's parse off the compile).
class ParsePipeline {
 public:
  ParsePipeline(const std::vector<PolicySource>& sources, const PolicyLimits& limits) : results_(sources.size()) {
    for (auto& r : results_) futures_.push_back(r.get_future());
    if (sources.size() < 2) {
      if (!sources.empty()) results_[0].set_value(parse_yaml(sources[0].content, sources[0].path, limits.max_depth));
      return;
    }
    worker_ = std::thread([this, &sources, &limits] {
      for (std::size_t i = 0; i < sources.size(); ++i) {
        try {
          results_[i].set_value(parse_yaml(sources[i].content, sources[i].path, limits.max_depth));
        } catch (...) {  // bad_alloc: the compiling thread rethrows it
          results_[i].set_exception(std::current_exception());
        }
      }
    });
  }
  ~ParsePipeline() {
    if (worker_.joinable()) worker_.join();
  }
  ParsedYaml take(std::size_t i) { return futures_[i].get(); }

 private:
  std::vector<std::promise<ParsedYaml>> results_;
  std::vector<std::future<ParsedYaml>> futures_;
  std::thread worker_;
};

}  // namespace

LoadedPolicy compile_policy(const std::vector<PolicySource>& sources, std::vector<std::string> vocabulary,
                            DictionaryPaths dictionaries, const PolicyLimits& limits, StemCache* stem_cache) {
  LoadedPolicy out;
  auto policy = std::make_unique<Policy>();
  policy->patterns = PatternBank(limits.regex);
  policy->vocabulary = std::move(vocabulary);
  policy->dictionaries = dictionaries;
  Lemmatizer lem(policy->keys, dictionaries);
  lem.use_form_tables(true);  // a team's own rule words, stemmed without loading Hunspell
  Builder b(*policy, lem, stem_cache);
  std::unordered_map<std::string, std::string> seen_ids;  // full id → where
  ParsePipeline parsed(sources, limits);
  for (std::size_t si = 0; si < sources.size(); ++si) {
    const auto& src = sources[si];
    auto err = [&](const YamlMark& m, std::string rule, std::string msg) {
      out.errors.push_back({src.path, static_cast<std::uint32_t>(m.line + 1), static_cast<std::uint32_t>(m.column + 1),
                            std::move(rule), std::move(msg)});
    };
    ParsedYaml p = parsed.take(si);
    if (!p.issues.empty()) {
      out.errors.insert(out.errors.end(), p.issues.begin(), p.issues.end());
      continue;
    }
    const YamlNode doc = p.tree->root();
    if (!doc || doc.IsNull()) continue;  // an empty file holds no rules
    if (!doc.IsMap() || !doc["rules"] || !doc["pack"]) {
      err(doc.Mark(), "", "a policy file is a map with 'pack: NAME' and 'rules: [...]'");
      continue;
    }
    for (const auto& kv : doc) {
      const auto k = kv.first.as<std::string>();
      if (k != "pack" && k != "rules" && k != "description") {
        const std::vector<std::string_view> top = {"pack", "rules", "description"};
        auto near = closest_key(top, k);
        err(kv.first.Mark(), "", "unknown top-level key '" + k + "'" +
                                     (near.empty() ? "" : " (did you mean '" + std::string(near) + "'?)") +
                                     "; expected pack, rules, description");
      }
    }
    const std::string pack = doc["pack"].IsScalar() ? doc["pack"].Scalar() : "";
    if (pack.empty() || pack.find_first_of(" /\t") != std::string::npos) {
      err(doc["pack"].Mark(), "", "pack must be a name without spaces or '/'");
      continue;
    }
    if (!doc["rules"].IsSequence()) {
      err(doc["rules"].Mark(), "", "rules must be a list");
      continue;
    }
    const std::size_t file_first_rule = policy->rules.size();
    for (const auto& node : doc["rules"]) {
      std::string full = pack + "/" + (node.IsMap() && node["id"] && node["id"].IsScalar() ? node["id"].Scalar() : "?");
      try {
        const std::size_t before = policy->rules.size();
        compile_rule(b, *policy, node, pack, src);
        if (policy->rules.size() > before) {
          auto [it, fresh] = seen_ids.emplace(full, src.path + ":" + std::to_string(node.Mark().line + 1));
          if (!fresh) {
            err(node["id"].Mark(), full, "duplicate rule id (first defined at " + it->second + ")");
            policy->rules.pop_back();
            policy->matchers.pop_back();
          }
        }
      } catch (const RuleFailure& f) {
        err(f.mark, full, f.message);
      } catch (const YamlError& e) {
        err(e.mark, full, e.msg);
      }
    }
    if (!src.without_examples) attach_sources(src.content, policy->rules, file_first_rule);  // for `rules`
  }
  std::string set_error;
  if (!policy->patterns.compile(set_error))
    out.errors.push_back({"<policy>", 0, 0, "",
                          set_error + " of " + format_size(static_cast<std::uint64_t>(limits.regex.per_set)) +
                              "; raise limits.regex_set_max_mem in .grabli.yaml or --regex-set-max-mem"});
  // Every pattern's own RE2 was compiled by add_pattern(), where one over regex_max_mem is an
  // error at its rule: no pattern can be silently dead here.
  policy->phrases.build(policy->keys.size());
  if (stem_cache) stem_cache->save();
  out.policy = std::move(policy);
  return out;
}

}  // namespace grabli
