#include "input/json_stream.h"

#include <charconv>

namespace grabli {

namespace {

using json = nlohmann::json;

class ElementSax {
 public:
  ElementSax(const JsonArrayStream::Select& select, const JsonArrayStream::OnElement& on)
      : select_(select), on_(on) {}

  bool null() { return scalar(json(nullptr)); }
  bool boolean(bool v) { return scalar(json(v)); }
  bool number_integer(json::number_integer_t v) { return scalar(json(v)); }
  bool number_unsigned(json::number_unsigned_t v) { return scalar(json(v)); }
  bool number_float(json::number_float_t v, const json::string_t&) { return scalar(json(v)); }
  bool string(json::string_t& v) { return scalar(json(std::move(v))); }
  bool binary(json::binary_t&) { return scalar(json(nullptr)); }

  bool start_object(std::size_t) {
    if (capturing()) return open(json::object());
    if (in_selected_array()) {
      element_ = json::object();
      stack_.push_back(&element_);
      return true;
    }
    frames_.push_back({false, false, {}, {}});
    return true;
  }
  bool key(json::string_t& k) {
    if (capturing()) {
      key_ = std::move(k);
      return true;
    }
    frames_.back().key = std::move(k);
    return true;
  }
  bool end_object() { return capturing() ? close() : (frames_.pop_back(), true); }
  bool start_array(std::size_t) {
    if (capturing()) return open(json::array());
    if (in_selected_array()) {
      element_ = json::array();
      stack_.push_back(&element_);
      return true;
    }
    JsonArrayStream::Path path;
    for (const auto& f : frames_) path.push_back(f.array ? "[]" : f.key);
    const bool selected = select_(path);
    arrays_ += selected;
    frames_.push_back({true, selected, {}, {}});
    return true;
  }
  bool end_array() { return capturing() ? close() : (frames_.pop_back(), true); }

  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& ex) {
    error_ = ex.what();
    return false;
  }

  void fail(std::string why) { error_ = std::move(why); }
  bool stopped() const { return stopped_; }
  const std::string& error() const { return error_; }
  std::size_t arrays() const { return arrays_; }

 private:
  struct Frame {
    bool array, selected;
    std::string key;
    JsonArrayStream::Owner scalars;
  };

  bool capturing() const { return !stack_.empty(); }
  bool in_selected_array() const { return !frames_.empty() && frames_.back().array && frames_.back().selected; }

  json* place(json&& v) {
    json& parent = *stack_.back();
    if (parent.is_array()) {
      parent.push_back(std::move(v));
      return &parent.back();
    }
    json& slot = parent[key_];
    slot = std::move(v);
    return &slot;
  }
  bool open(json&& v) {
    stack_.push_back(place(std::move(v)));
    return true;
  }
  bool close() {
    stack_.pop_back();
    return stack_.empty() ? emit() : true;
  }
  bool scalar(json&& v) {
    if (capturing()) {
      place(std::move(v));
      return true;
    }
    if (in_selected_array()) {
      element_ = std::move(v);
      return emit();
    }
    if (!frames_.empty() && !frames_.back().array && !v.is_null()) frames_.back().scalars[frames_.back().key] = std::move(v);
    return true;
  }
  bool emit() {
    static const JsonArrayStream::Owner kNone;
    const JsonArrayStream::Owner* owner = &kNone;
    if (frames_.size() >= 2 && !frames_[frames_.size() - 2].array) owner = &frames_[frames_.size() - 2].scalars;
    if (!on_(std::move(element_), *owner)) {
      stopped_ = true;
      return false;
    }
    element_ = json();
    return true;
  }

  const JsonArrayStream::Select& select_;
  const JsonArrayStream::OnElement& on_;
  std::vector<Frame> frames_;
  std::vector<json*> stack_;
  json element_;
  std::string key_;
  std::string error_;
  std::size_t arrays_ = 0;
  bool stopped_ = false;
};

}  // namespace

JsonArrayStream::Result JsonArrayStream::parse(std::istream& in, const Select& select, const OnElement& on_element) {
  ElementSax sax(select, on_element);
  Result r;
  bool ok = false;
  try {
    ok = json::sax_parse(in, &sax, json::input_format_t::json, false);
  } catch (const std::exception& e) {
    sax.fail(e.what());
  }
  r.arrays = sax.arrays();
  if (ok || sax.stopped()) return r;
  r.ok = false;
  // "[json.exception.parse_error.101] parse error at line 3, column 5: syntax error …"
  std::string msg = sax.error();
  if (auto at = msg.find("at line "); at != std::string::npos) {
    std::from_chars(msg.data() + at + 8, msg.data() + msg.size(), r.line);
    if (auto colon = msg.find(": ", at); colon != std::string::npos) msg = msg.substr(colon + 2);
  } else if (auto close = msg.find("] "); close != std::string::npos) {
    msg = msg.substr(close + 2);
  }
  r.error = msg.empty() ? "not a JSON document" : msg;
  return r;
}

}  // namespace grabli
