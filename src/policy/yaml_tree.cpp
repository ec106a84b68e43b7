#include "policy/yaml_tree.h"

#include <yaml.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>
#include <new>
#include <unordered_map>

namespace grabli {

YamlNode::Kind YamlNode::kind() const { return index_ == kNone ? Kind::undefined : tree_->items_[index_].kind; }

const std::string& YamlNode::Scalar() const {
  static const std::string empty;
  return kind() == Kind::scalar ? tree_->items_[index_].text : empty;
}

std::size_t YamlNode::size() const {
  switch (kind()) {
    case Kind::sequence: return tree_->items_[index_].kids;
    case Kind::map: return tree_->items_[index_].kids / 2;
    default: return 0;
  }
}

YamlMark YamlNode::Mark() const { return where_; }

YamlNode YamlNode::operator[](std::string_view key) const {
  if (kind() != Kind::map) return YamlNode(nullptr, kNone, where_);
  const auto& item = tree_->items_[index_];
  const std::uint32_t* kid = tree_->kids_.data() + item.first_kid;
  for (std::uint32_t i = 0; i < item.kids; i += 2)
    if (tree_->items_[kid[i]].text == key) return tree_->node(kid[i + 1]);
  return YamlNode(nullptr, kNone, where_);
}

YamlNode::const_iterator YamlNode::begin() const {
  const auto k = kind();
  if (k != Kind::sequence && k != Kind::map) return {};
  return {tree_, tree_->kids_.data() + tree_->items_[index_].first_kid, k == Kind::map};
}

YamlNode::const_iterator YamlNode::end() const {
  const auto k = kind();
  if (k != Kind::sequence && k != Kind::map) return {};
  const auto& item = tree_->items_[index_];
  return {tree_, tree_->kids_.data() + item.first_kid + item.kids, k == Kind::map};
}

YamlEntry YamlNode::const_iterator::operator*() const {
  YamlEntry e;
  if (map_) {
    e.first = tree_->node(at_[0]);
    e.second = tree_->node(at_[1]);
  } else {
    static_cast<YamlNode&>(e) = tree_->node(*at_);
  }
  return e;
}

namespace {

[[noreturn]] void not_a(const YamlNode& n, const char* what) {
  throw YamlError{n.Mark(), "expected " + std::string(what)};
}

template <class Int>
Int whole_number(const YamlNode& n) {
  if (!n.IsScalar()) not_a(n, "a whole number");
  std::string_view s = n.Scalar();
  if (s.size() > 1 && s[0] == '+') s.remove_prefix(1);
  Int v{};
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || s.empty()) not_a(n, "a whole number");
  return v;
}

}  // namespace

template <>
std::string YamlNode::as<std::string>() const {
  if (!IsScalar()) not_a(*this, "a string");
  return Scalar();
}

// YAML 1.1's booleans, as yaml-cpp reads them: each in lower case, capitalised,
// or upper case.
template <>
bool YamlNode::as<bool>() const {
  if (!IsScalar()) not_a(*this, "true or false");
  static const std::unordered_map<std::string_view, bool> words = [] {
    std::unordered_map<std::string_view, bool> m;
    for (auto [w, v] :
         {std::pair{"y", true}, {"Y", true},    {"yes", true},  {"Yes", true}, {"YES", true},    {"true", true},
          {"True", true},       {"TRUE", true}, {"on", true},   {"On", true},  {"ON", true},     {"n", false},
          {"N", false},         {"no", false},  {"No", false},  {"NO", false}, {"false", false}, {"False", false},
          {"FALSE", false},     {"off", false}, {"Off", false}, {"OFF", false}})
      m.emplace(w, v);
    return m;
  }();
  const auto it = words.find(Scalar());
  if (it == words.end()) not_a(*this, "true or false");
  return it->second;
}

template <>
double YamlNode::as<double>() const {
  if (!IsScalar()) not_a(*this, "a number");
  std::string_view s = Scalar();
  const bool negative = !s.empty() && s[0] == '-';
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) s.remove_prefix(1);
  for (std::string_view inf : {".inf", ".Inf", ".INF"})
    if (s == inf) return negative ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
  for (std::string_view nan : {".nan", ".NaN", ".NAN"})
    if (s == nan) return std::numeric_limits<double>::quiet_NaN();
  double v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  // from_chars also takes "inf" and "nan", which YAML spells ".inf" and ".nan"
  if (s.empty() || !(s[0] == '.' || (s[0] >= '0' && s[0] <= '9')) || ec != std::errc() || end != s.data() + s.size())
    not_a(*this, "a number");
  return negative ? -v : v;
}

template <>
std::int64_t YamlNode::as<std::int64_t>() const {
  return whole_number<std::int64_t>(*this);
}

template <>
std::uint64_t YamlNode::as<std::uint64_t>() const {
  return whole_number<std::uint64_t>(*this);
}

template <>
int YamlNode::as<int>() const {
  return whole_number<int>(*this);
}

// Builds a YamlTree from libyaml's events and checks the structure on the way.
class YamlTreeBuilder {
 public:
  YamlTreeBuilder(const std::string& path, int max_depth) : path_(path), max_depth_(max_depth) {}

  ParsedYaml run(std::string_view content) {
    ParsedYaml out;
    auto tree = std::make_unique<YamlTree>();
    tree_ = tree.get();
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser)) throw std::bad_alloc();
    yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(content.data()), content.size());
    int documents = 0;
    while (!stopped_) {
      yaml_event_t ev;
      if (!yaml_parser_parse(&parser, &ev)) {
        std::string msg = parser.problem ? parser.problem : "malformed YAML";
        if (parser.context) msg += std::string(" ") + parser.context;
        if (parser.error == YAML_READER_ERROR) {  // bad bytes: libyaml gives an
                                                  // offset, not a mark
          char byte[8];
          std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned>(parser.problem_value & 0xFF));
          const bool encoding = msg.find("control characters") == std::string::npos;
          issue(place_of(content, parser.problem_offset),
                msg + " (byte " + byte + ")" +
                    (encoding ? "; a policy file is UTF-8 text: save it as UTF-8" : "; remove it"));
        } else {
          const YamlMark at = mark(parser.problem ? parser.problem_mark : parser.context_mark);
          if (char_at(content, at) == '\t' && msg.find("tab") == std::string::npos)
            msg += "; indent with spaces: YAML does not allow tabs there";
          issue(at, std::move(msg));
        }
        break;
      }
      const auto type = ev.type;
      if (type == YAML_DOCUMENT_START_EVENT && ++documents == 2)
        stop(mark(ev.start_mark),
             "a policy file is one YAML document; remove "
             "the second '---' and what follows");
      else
        on_event(ev);
      yaml_event_delete(&ev);
      if (type == YAML_STREAM_END_EVENT) break;
    }
    yaml_parser_delete(&parser);
    if (issues_.empty()) {
      if (tree->items_.empty()) tree->items_.push_back({YamlNode::Kind::null, {0, 0}, 0, 0, {}});  // no document
      out.tree = std::move(tree);
    }
    out.issues = std::move(issues_);
    return out;
  }

 private:
  // An open sequence or map: its item and its children so far, which go to the
  // tree's kids in one run when it closes. Frames are kept by depth and reused.
  struct Frame {
    std::uint32_t item = 0;
    bool map = false;
    std::vector<std::uint32_t> kids;
    std::unordered_map<std::string, int> lines;  // a big map's keys → the line of each, 0-based
  };

  // The line and column (in characters, as libyaml's marks count them) of a
  // byte offset.
  static YamlMark place_of(std::string_view content, std::size_t offset) {
    offset = std::min(offset, content.size());
    const auto line_start = content.rfind('\n', offset ? offset - 1 : 0);
    const std::size_t from = line_start == std::string_view::npos || offset == 0 ? 0 : line_start + 1;
    int line = 0, column = 0;
    for (std::size_t i = 0; i < from; ++i) line += content[i] == '\n';
    for (std::size_t i = from; i < offset; ++i) column += (static_cast<unsigned char>(content[i]) & 0xC0) != 0x80;
    return {line, column};
  }
  // The first byte of the character at a mark, or 0 past the end.
  static char char_at(std::string_view content, YamlMark at) {
    std::size_t i = 0;
    for (int line = 0; line < at.line && i < content.size(); ++i) line += content[i] == '\n';
    for (int column = 0; i < content.size() && content[i] != '\n'; ++i)
      if ((static_cast<unsigned char>(content[i]) & 0xC0) != 0x80 && column++ == at.column) return content[i];
    return 0;
  }
  static YamlMark mark(const yaml_mark_t& m) { return {static_cast<int>(m.line), static_cast<int>(m.column)}; }

  void issue(YamlMark m, std::string msg) {
    issues_.push_back(
        {path_, static_cast<std::uint32_t>(m.line + 1), static_cast<std::uint32_t>(m.column + 1), "", std::move(msg)});
  }
  void stop(YamlMark m, std::string msg) {
    issue(m, std::move(msg));
    stopped_ = true;
  }
  Frame* open() { return depth_ ? &frames_[depth_ - 1] : nullptr; }
  bool expecting_key() {
    const Frame* f = open();
    return f && f->map && f->kids.size() % 2 == 0;
  }

  void on_event(const yaml_event_t& ev) {
    const YamlMark at = mark(ev.start_mark);
    switch (ev.type) {
      case YAML_ALIAS_EVENT:
        return stop(at,
                    "aliases (*name) are not allowed in policy files; write "
                    "the value out");
      case YAML_SCALAR_EVENT: {
        const auto& s = ev.data.scalar;
        if (s.anchor) return stop(at, "anchors (&name) are not allowed in policy files");
        std::string text(reinterpret_cast<const char*>(s.value), s.length);
        // YAML's null: a plain, untagged empty or null word; quoted or tagged, it
        // is a string
        const bool null = s.plain_implicit && s.style == YAML_PLAIN_SCALAR_STYLE &&
                          (text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL");
        if (expecting_key()) {
          if (null) return stop(at, "a key is missing before ':'");
          check_duplicate(text, at);
        }
        add(null ? YamlNode::Kind::null : YamlNode::Kind::scalar, at, std::move(text));
        return;
      }
      case YAML_SEQUENCE_START_EVENT:
      case YAML_MAPPING_START_EVENT: {
        const bool map = ev.type == YAML_MAPPING_START_EVENT;
        if (map ? ev.data.mapping_start.anchor : ev.data.sequence_start.anchor)
          return stop(at, "anchors (&name) are not allowed in policy files");
        if (expecting_key()) return stop(at, "a key must be a plain name, not a list or a map");
        if (static_cast<int>(depth_) >= max_depth_)
          return stop(at, "nesting is deeper than " + std::to_string(max_depth_) + " levels; policy files are shallow");
        const auto item = add(map ? YamlNode::Kind::map : YamlNode::Kind::sequence, at, {});
        if (frames_.size() == depth_) frames_.emplace_back();
        Frame& f = frames_[depth_++];
        f.item = item;
        f.map = map;
        f.kids.clear();
        f.lines.clear();
        return;
      }
      case YAML_SEQUENCE_END_EVENT:
      case YAML_MAPPING_END_EVENT: {
        Frame& f = frames_[--depth_];
        auto& item = tree_->items_[f.item];
        item.first_kid = static_cast<std::uint32_t>(tree_->kids_.size());
        item.kids = static_cast<std::uint32_t>(f.kids.size());
        tree_->kids_.insert(tree_->kids_.end(), f.kids.begin(), f.kids.end());
        return;
      }
      default: return;  // the stream's and the document's starts and ends
    }
  }

  // A duplicate key is reported and kept, so that the rest of the file's
  // duplicates are found too.
  void check_duplicate(const std::string& text, YamlMark at) {
    Frame& f = *open();
    int first_line = -1;
    if (f.kids.size() < 2 * kLinearKeys) {
      for (std::size_t i = 0; i < f.kids.size() && first_line < 0; i += 2)
        if (tree_->items_[f.kids[i]].text == text) first_line = tree_->items_[f.kids[i]].mark.line;
    } else {
      if (f.lines.empty())
        for (std::size_t i = 0; i < f.kids.size(); i += 2)
          f.lines.emplace(tree_->items_[f.kids[i]].text, tree_->items_[f.kids[i]].mark.line);
      const auto [it, fresh] = f.lines.emplace(text, at.line);
      if (!fresh) first_line = it->second;
    }
    if (first_line >= 0)
      issue(at, "duplicate key '" + text + "' (first at line " + std::to_string(first_line + 1) +
                    "); yaml would silently keep only the last");
  }

  std::uint32_t add(YamlNode::Kind kind, YamlMark at, std::string text) {
    const auto i = static_cast<std::uint32_t>(tree_->items_.size());
    tree_->items_.push_back({kind, at, 0, 0, std::move(text)});
    if (Frame* f = open()) f->kids.push_back(i);
    return i;
  }

  static constexpr std::size_t kLinearKeys = 16;  // a map with more keys is checked by hash
  const std::string& path_;
  int max_depth_;
  YamlTree* tree_ = nullptr;
  std::vector<Frame> frames_;
  std::size_t depth_ = 0;  // open sequences and maps
  bool stopped_ = false;
  std::vector<PolicyError> issues_;
};

ParsedYaml parse_yaml(std::string_view content, const std::string& path, int max_depth) {
  return YamlTreeBuilder(path, max_depth).run(content);
}

std::vector<PolicyError> check_yaml_structure(const std::string& content, const std::string& path, int max_depth) {
  return parse_yaml(content, path, max_depth).issues;
}

}  // namespace grabli
