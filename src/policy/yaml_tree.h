#pragma once
#include <cstdint>
#include <iterator>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "policy/policy_error.h"

namespace grabli {

// A place in a YAML file, 0-based as libyaml and yaml-cpp report it; 1-based
// for people.
struct YamlMark {
  int line = -1;
  int column = -1;
};

// What YamlNode::as<T>() throws when a scalar is not a T: where, and what was
// expected.
struct YamlError {
  YamlMark mark;
  std::string msg;
};

class YamlTree;
struct YamlEntry;

// A read-only view of one node of a parsed policy file: the subset of
// yaml-cpp's Node that the loader and the rule kinds use (n["key"], IsScalar(),
// Scalar(), as<T>(), Mark(), iteration), over a tree that libyaml builds at ~15
// times yaml-cpp's speed. A key that is not there gives an undefined node
// (false in a condition) whose Mark() is that of the map it was looked up in.
class YamlNode {
 public:
  enum class Kind : std::uint8_t { undefined, null, scalar, sequence, map };

  YamlNode() = default;
  explicit operator bool() const { return kind() != Kind::undefined; }
  bool IsDefined() const { return kind() != Kind::undefined; }
  bool IsNull() const { return kind() == Kind::null; }
  bool IsScalar() const { return kind() == Kind::scalar; }
  bool IsSequence() const { return kind() == Kind::sequence; }
  bool IsMap() const { return kind() == Kind::map; }
  Kind kind() const;
  // A scalar's text; empty for anything else.
  const std::string& Scalar() const;
  // Items of a sequence, entries of a map, 0 for anything else.
  std::size_t size() const;
  YamlMark Mark() const;
  // A map's value at `key` (maps in policy files are small: a linear search).
  YamlNode operator[](std::string_view key) const;

  // std::string, bool (true/yes/on…, as YAML 1.1), double, and whole numbers;
  // anything else throws YamlError at this node.
  template <class T>
  T as() const;
  template <class T>
  T as(const T& fallback) const {
    try {
      return as<T>();
    } catch (const YamlError&) {
      return fallback;
    }
  }

  // Over a sequence: each item (the entry is the item). Over a map: each
  // entry's key and value as `first` and `second`, as yaml-cpp's iterators give
  // them.
  class const_iterator {
   public:
    using value_type = YamlEntry;
    using difference_type = std::ptrdiff_t;
    const_iterator() = default;
    const_iterator(const YamlTree* tree, const std::uint32_t* at, bool map) : tree_(tree), at_(at), map_(map) {}
    YamlEntry operator*() const;
    const_iterator& operator++() {
      at_ += map_ ? 2 : 1;
      return *this;
    }
    const_iterator operator++(int) {
      auto old = *this;
      ++*this;
      return old;
    }
    bool operator==(const const_iterator& o) const { return at_ == o.at_; }

   private:
    const YamlTree* tree_ = nullptr;
    const std::uint32_t* at_ = nullptr;
    bool map_ = false;
  };
  const_iterator begin() const;
  const_iterator end() const;

 private:
  friend class YamlTree;
  YamlNode(const YamlTree* tree, std::uint32_t index, YamlMark where) : tree_(tree), index_(index), where_(where) {}
  static constexpr std::uint32_t kNone = ~std::uint32_t{0};
  const YamlTree* tree_ = nullptr;
  std::uint32_t index_ = kNone;
  YamlMark where_;  // an undefined node's: the map it was looked up in
};

template <>
std::string YamlNode::as<std::string>() const;
template <>
bool YamlNode::as<bool>() const;
template <>
double YamlNode::as<double>() const;
template <>
int YamlNode::as<int>() const;
template <>
std::int64_t YamlNode::as<std::int64_t>() const;
template <>
std::uint64_t YamlNode::as<std::uint64_t>() const;

struct YamlEntry : YamlNode {
  YamlNode first, second;
};

// One parsed YAML document. Nodes point into it: it must outlive them.
class YamlTree {
 public:
  YamlNode root() const { return node(0); }

 private:
  friend class YamlNode;
  friend class YamlTreeBuilder;
  struct Item {
    YamlNode::Kind kind;
    YamlMark mark;
    std::uint32_t first_kid = 0,
                  kids = 0;  // into kids_: a map's keys and values alternate
    std::string text;
  };
  YamlNode node(std::uint32_t i) const { return YamlNode(this, i, items_[i].mark); }
  std::vector<Item> items_;
  std::vector<std::uint32_t> kids_;
};

// The result of parsing a policy file: the tree, or what is wrong with the file
// and where.
struct ParsedYaml {
  std::unique_ptr<YamlTree> tree;  // null when there are issues
  std::vector<PolicyError> issues;
};

// Parses one YAML document with libyaml and checks, in the same pass over its
// events, what YAML allows and policy files must not have: duplicate keys
// (which YAML loaders keep the last of, silently), anchors and aliases (alias
// bombs), keys that are not plain names, nesting deeper than max_depth, and a
// second document.
ParsedYaml parse_yaml(std::string_view content, const std::string& path, int max_depth = 32);

// The issues of parse_yaml alone, for files that are then read with yaml-cpp
// (the config).
std::vector<PolicyError> check_yaml_structure(const std::string& content, const std::string& path, int max_depth = 32);

}  // namespace grabli
