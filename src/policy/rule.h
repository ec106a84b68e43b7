#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/finding.h"

namespace grabli {

struct RuleExample {
  std::string text, role, channel, lang;
  std::optional<std::string> reply_to;
};

// What every rule has, whatever its kind.
struct Rule {
  std::string pack, id, category, kind;
  Level level = Level::warning;
  std::vector<std::string> languages, roles, channels;  // empty = all
  // context: whom the post answers. reply: anyone (reply_to); press: a journalist (a reply whose
  // reply_to reads as a media inquiry, see answers_press); customer: anyone but a journalist,
  // including no one (a post that is not a reply).
  enum class Context { any, reply, press, customer } context = Context::any;
  std::string message, suggestion;
  std::vector<RuleExample> bad, good;
  std::string file;  // where it is defined (1-based line/column)
  std::uint32_t line = 0, column = 0;
  std::string source_yaml;  // the rule as written, for `rules explain`
  bool enabled = true;
  // fallback: fires only when no other rule of its category fired on the post — a broad net
  // («a reply to a journalist that says nothing») that must not repeat what a precise rule said
  bool fallback = false;

  std::string full_id() const { return pack + "/" + id; }
};

}  // namespace grabli
