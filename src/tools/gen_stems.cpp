// Build-time tool: writes the Hunspell stems of every word in the shipped packs as C++, and an
// index of the pack files (pack name, rule ids, languages) for `check` to leave packs out.
// usage: gen_stems OUT.cpp ROOT RULE.yaml...   (ROOT: the source tree, for the embedded paths)
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <set>

#include <yaml-cpp/yaml.h>

#include "policy/embedded.h"
#include "text/analyzer.h"
#include "text/lemmatizer.h"

namespace {

void collect(const YAML::Node& n, std::set<std::string>& texts) {
  if (n.IsScalar()) texts.insert(n.Scalar());
  else if (n.IsSequence() || n.IsMap())
    for (const auto& kv : n) {
      if (n.IsMap()) collect(kv.second, texts);
      else collect(kv, texts);
    }
}

std::string escape(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') out += '\\', out += static_cast<char>(c);
    else if (c < 0x20 || c >= 0x80) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\%03o", c);
      out += buf;
    } else out += static_cast<char>(c);
  }
  return out;
}

// Byte ranges of the `examples:` blocks of a pack file's rules: from the start of a line whose
// first key is `examples:` to the next line that is indented no deeper and is not blank or a
// comment. The caller checks the result by parsing it (a text-level guess at YAML's structure).
std::vector<std::uint32_t> example_ranges(const std::string& text) {
  std::vector<std::uint32_t> out;
  std::vector<std::size_t> starts{0};
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') starts.push_back(i + 1);
  auto indent = [&](std::size_t line, std::string_view& rest) {
    const std::size_t b = starts[line];
    const std::size_t e = line + 1 < starts.size() ? starts[line + 1] : text.size();
    std::size_t i = b;
    while (i < e && text[i] == ' ') ++i;
    rest = std::string_view(text).substr(i, e - i);
    while (!rest.empty() && (rest.back() == '\n' || rest.back() == '\r' || rest.back() == ' ')) rest.remove_suffix(1);
    return i - b;
  };
  for (std::size_t line = 0; line < starts.size();) {
    std::string_view rest;
    const std::size_t col = indent(line, rest);
    if (!rest.starts_with("examples:")) {
      ++line;
      continue;
    }
    std::size_t next = line + 1;
    for (; next < starts.size(); ++next) {
      std::string_view r;
      const std::size_t c = indent(next, r);
      if (!r.empty() && r.front() != '#' && c <= col) break;
    }
    out.push_back(static_cast<std::uint32_t>(starts[line]));
    out.push_back(static_cast<std::uint32_t>(next < starts.size() ? starts[next] : text.size()));
    line = next;
  }
  return out;
}

bool same_node(const YAML::Node& a, const YAML::Node& b) {
  if (a.Type() != b.Type() || a.Tag() != b.Tag()) return false;
  if (a.IsScalar()) return a.Scalar() == b.Scalar();
  if (a.size() != b.size()) return false;
  if (a.IsSequence()) {
    for (std::size_t i = 0; i < a.size(); ++i)
      if (!same_node(a[i], b[i])) return false;
    return true;
  }
  if (a.IsMap()) {
    for (auto i = a.begin(), j = b.begin(); i != a.end(); ++i, ++j)
      if (!same_node(i->first, j->first) || !same_node(i->second, j->second)) return false;
  }
  return true;
}

// Whether `lean` is the policy `full` with every rule's examples removed, and nothing else.
bool only_examples_removed(const YAML::Node& full, const std::string& lean_text) {
  YAML::Node expected = YAML::Clone(full);
  for (auto rule : expected["rules"])
    if (rule.IsMap()) rule.remove("examples");
  try {
    const auto lean = YAML::LoadAll(lean_text);
    return lean.size() == 1 && same_node(expected, lean.front());
  } catch (const std::exception&) {
    return false;
  }
}

// One pack file's entry of embedded_pack_index(), or nothing when it is not a policy the loader
// would take as is (the loader reports that at run time; such a file is never left out).
std::optional<std::string> pack_entry(const YAML::Node& doc, const std::string& rel, const std::string& text,
                                      std::string& arrays) {
  if (!doc.IsMap() || !doc["pack"] || !doc["pack"].IsScalar() || !doc["rules"] || !doc["rules"].IsSequence())
    return std::nullopt;
  const std::string pack = doc["pack"].Scalar();
  unsigned languages = 0;
  std::string ids;
  for (const auto& rule : doc["rules"]) {
    if (!rule.IsMap() || !rule["id"] || !rule["id"].IsScalar()) return std::nullopt;
    ids += escape(pack + "/" + rule["id"].Scalar()) + "\\n";  // an escaped newline in the generated source
    const auto langs = rule["languages"];
    if (!langs || (langs.IsSequence() && langs.size() == 0)) {
      languages |= grabli::kPackAllLanguages;
      continue;
    }
    if (!langs.IsSequence()) return std::nullopt;
    for (const auto& l : langs) {
      if (!l.IsScalar()) return std::nullopt;
      if (l.Scalar() == "ru") languages |= grabli::kPackRussian;
      if (l.Scalar() == "en") languages |= grabli::kPackEnglish;
    }
  }
  std::string examples = "{}";
  if (auto ranges = example_ranges(text); !ranges.empty()) {
    if (only_examples_removed(doc, grabli::without_ranges(text, ranges))) {
      const std::string name = "kExamples" + std::to_string(arrays.size());
      arrays += "constexpr std::uint32_t " + name + "[] = {";
      for (auto r : ranges) arrays += std::to_string(r) + "u,";
      arrays += "};\n";
      examples = "std::span<const std::uint32_t>(" + name + ", " + std::to_string(ranges.size()) + ")";
    } else {
      std::cerr << "gen_stems: " << rel << ": its examples could not be cut out cleanly; check reads it whole\n";
    }
  }
  return "    {\"" + escape(rel) + "\", \"" + escape(pack) + "\", " + std::to_string(languages) + ", \"" + ids +
         "\", " + examples + "},\n";
}

}  // namespace

int main(int argc, char** argv) {
  using namespace grabli;
  if (argc < 3) {
    std::cerr << "usage: gen_stems OUT.cpp ROOT RULE.yaml...\n";
    return 2;
  }
  const std::filesystem::path root = argv[2];
  std::set<std::string> texts;
  std::string packs, arrays;
  std::size_t n_packs = 0;
  for (int i = 3; i < argc; ++i) {
    try {
      std::ifstream in(argv[i], std::ios::binary);
      const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      const auto docs = YAML::LoadAll(text);
      for (const auto& doc : docs) collect(doc, texts);
      const std::string rel = std::filesystem::path(argv[i]).lexically_relative(root).generic_string();
      if (docs.size() == 1 && rel.starts_with("rules/"))
        if (auto e = pack_entry(docs.front(), rel, text, arrays)) packs += *e, ++n_packs;
    } catch (const std::exception& e) {
      // a broken rule file is reported by the policy loader at run time; skip it here
      std::cerr << "gen_stems: " << argv[i] << ": " << e.what() << " (skipped)\n";
    }
  }
  const KeyTable keys;
  const auto paths = DictionaryPaths::discover();
  Lemmatizer lem(keys, paths);
  Analyzer an(lem);
  AnalyzedText t;
  std::set<std::string> words;
  for (const auto& s : texts) {
    an.analyze(s, t, false);
    for (const auto& tok : t.tokens)
      if (!(tok.flags & (kHasMask | kAllDigits))) words.emplace(t.norm_of(tok));
  }
  std::string body;
  std::size_t n = 0;
  if (paths.describe_missing().empty()) {
    for (const auto& w : words) {
      const Script s = static_cast<unsigned char>(w[0]) >= 0xD0 ? Script::cyrillic : Script::latin;
      std::string joined;
      for (const auto& st : lem.stems(w, s)) joined += (joined.empty() ? "" : "|") + st;
      body += "    {\"" + escape(w) + "\", \"" + escape(joined) + "\"},\n";
      ++n;
    }
  }
  const auto sig = dictionary_signature(paths);
  std::filesystem::create_directories(std::filesystem::path(argv[1]).parent_path());
  std::ofstream out(std::string(argv[1]) + ".tmp");
  out << "// Generated by src/tools/gen_stems.cpp at build time; do not edit.\n"
      << "#include \"policy/embedded.h\"\n#include \"policy/stem_table.h\"\nnamespace grabli {\n"
      << "namespace {\nconstexpr StemTableEntry kTable[] = {\n" << body
      << (n ? "" : "    {\"\", \"\"},\n") << "};\n" << arrays << "constexpr EmbeddedPackInfo kPacks[] = {\n" << packs
      << (n_packs ? "" : "    {\"\", \"\", 0, \"\", {}},\n") << "};\n}  // namespace\n"
      << "std::span<const EmbeddedPackInfo> embedded_pack_index() { return std::span(kPacks, " << n_packs << "); }\n"
      << "std::span<const StemTableEntry> embedded_stem_table() { return std::span(kTable, " << n << "); }\n"
      << "StemTableInfo embedded_stem_table_info() { return {" << sig.ru_aff << "u, " << sig.ru_dic << "u, "
      << sig.en_aff << "u, " << sig.en_dic << "u}; }\n}  // namespace grabli\n";
  out.close();
  std::filesystem::rename(std::string(argv[1]) + ".tmp", argv[1]);
  std::cerr << "gen_stems: " << n << " words\n";
  return 0;
}
