#pragma once
#include <functional>
#include <istream>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace grabli {

// Streams one large JSON document (a Telegram result.json, a VK response, an X archive) and
// hands over the elements of selected arrays one at a time, so memory is bounded by the largest
// element, not the file.
class JsonArrayStream {
 public:
  // Keys from the root to an array; array levels appear as "[]". The root array is {}.
  using Path = std::vector<std::string>;
  // Scalars (strings, numbers, booleans) the object holding the array had before it, e.g. a
  // Telegram chat's name, type and id.
  using Owner = std::map<std::string, nlohmann::json>;
  using Select = std::function<bool(const Path&)>;
  using OnElement = std::function<bool(nlohmann::json&& element, const Owner& owner)>;

  struct Result {
    bool ok = true;         // the document was read to its end (or the callback stopped it)
    std::size_t line = 0;   // where a syntax error was found
    std::string error;      // what it was
    std::size_t arrays = 0; // selected arrays seen
  };
  static Result parse(std::istream& in, const Select& select, const OnElement& on_element);
};

}  // namespace grabli
