#include <nlohmann/json.hpp>

#include "input/csv_reader.h"
#include "input/jsonl_reader.h"
#include "input/record.h"
#include "input/telegram_reader.h"
#include "input/twitter_reader.h"
#include "input/vk_reader.h"

namespace grabli {

namespace {
bool ends_with_ci(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  for (std::size_t i = 0; i < suffix.size(); ++i) {
    char c = s[s.size() - suffix.size() + i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != suffix[i]) return false;
  }
  return true;
}

// How far into a one-object JSON document by_keys() looks.
constexpr std::size_t kDetectWindow = 4096;

// What a one-object JSON document holds.
std::optional<InputFormat> by_keys(std::string_view head) {
  // keys near the start of a pretty-printed export; values are not looked at
  auto has = [&](std::string_view key) { return head.find(key) != std::string_view::npos; };
  if (has("\"personal_information\"") || has("\"chats\"") || has("\"messages\"")) return InputFormat::telegram;
  if (has("\"response\"") || has("\"items\"")) return InputFormat::vk;
  return std::nullopt;
}

std::string_view skip_bom_and_space(std::string_view h) {
  if (h.starts_with("\xEF\xBB\xBF")) h.remove_prefix(3);
  while (!h.empty() && (h.front() == ' ' || h.front() == '\t' || h.front() == '\r' || h.front() == '\n')) h.remove_prefix(1);
  return h;
}
}  // namespace

std::optional<InputFormat> parse_input_format(std::string_view n) {
  if (n == "auto") return InputFormat::automatic;
  if (n == "jsonl" || n == "ndjson") return InputFormat::jsonl;
  if (n == "csv") return InputFormat::csv;
  if (n == "telegram") return InputFormat::telegram;
  if (n == "vk") return InputFormat::vk;
  if (n == "twitter" || n == "x") return InputFormat::twitter;
  return std::nullopt;
}

std::string_view input_format_name(InputFormat f) {
  switch (f) {
    case InputFormat::automatic: return "auto";
    case InputFormat::jsonl: return "jsonl";
    case InputFormat::csv: return "csv";
    case InputFormat::telegram: return "telegram";
    case InputFormat::vk: return "vk";
    case InputFormat::twitter: return "twitter";
  }
  return "auto";
}

bool input_format_head_settled(std::string_view head) {
  if (head.size() >= kDetectWindow) return true;  // by_keys() looks no further
  const auto h = skip_bom_and_space(head);
  if (h.starts_with("window.") || h.starts_with("[")) return true;
  const auto nl = h.find('\n');
  if (nl == std::string_view::npos) return false;
  // a whole first line decides CSV and JSONL; a pretty-printed export's "{" needs the window
  return h.front() != '{' || !nlohmann::json::parse(h.substr(0, nl), nullptr, false).is_discarded();
}

std::optional<InputFormat> detect_input_format(std::string_view name, std::string_view head, std::string& why) {
  if (ends_with_ci(name, ".jsonl") || ends_with_ci(name, ".ndjson")) return InputFormat::jsonl;
  if (ends_with_ci(name, ".csv") || ends_with_ci(name, ".tsv")) return InputFormat::csv;
  if (ends_with_ci(name, ".js")) return InputFormat::twitter;
  const std::string_view h = skip_bom_and_space(head);
  if (h.empty()) {
    why = "the input is empty";
    return std::nullopt;
  }
  if (h.starts_with("window.")) return InputFormat::twitter;
  if (h.front() == '[') return InputFormat::twitter;  // a bare array of tweets
  if (h.front() == '{') {
    const auto nl = h.find('\n');
    if (nl != std::string_view::npos) {
      // JSONL: the first line is a whole object; a pretty-printed export's first line is "{"
      auto first = nlohmann::json::parse(h.substr(0, nl), nullptr, false);
      if (!first.is_discarded()) {
        if (first.is_object() && (first.contains("messages") || first.contains("chats"))) return InputFormat::telegram;
        if (first.is_object() && (first.contains("response") || first.contains("items"))) return InputFormat::vk;
        return InputFormat::jsonl;
      }
    }
    if (auto f = by_keys(h.substr(0, kDetectWindow))) return f;
    if (nl != std::string_view::npos && h.substr(0, nl).find("\"text\"") != std::string_view::npos) return InputFormat::jsonl;
    why = "a JSON document that is neither JSONL, a Telegram export nor a VK wall.get response";
    return std::nullopt;
  }
  const auto first_line = h.substr(0, h.find('\n'));
  if (first_line.find_first_of(",;\t") != std::string_view::npos) return InputFormat::csv;
  why = "not JSON and no CSV header line";
  return std::nullopt;
}

namespace {

// A post whose text is over the limit is not checked: its record becomes an error record, so the
// output still has one record per input record (and the audit exits 2).
class PostSizeGuard : public PostReader {
 public:
  PostSizeGuard(std::unique_ptr<PostReader> inner, std::size_t max_post) : inner_(std::move(inner)), max_(max_post) {}
  ReadStatus read(const RecordSink& sink) override {
    return inner_->read([&](InputRecord&& r) {
      if (r.error.empty() && r.post.text.size() > max_) {
        const std::string where = r.line                 ? "line " + std::to_string(r.line) + ": "
                                  : r.post.source.record ? "record " + std::to_string(r.post.source.record) + ": "
                                                         : std::string();
        r.error = where + "the text is " +
                  std::to_string(r.post.text.size()) + " bytes; the limit for a post is " + format_size(max_) +
                  " (max_post_bytes); not checked";
        std::string().swap(r.post.text);
        std::string().swap(r.post.original);
      }
      return sink(std::move(r));
    });
  }

 private:
  std::unique_ptr<PostReader> inner_;
  std::size_t max_;
};

std::unique_ptr<PostReader> format_reader(InputFormat format, std::istream& in, std::string source, const Limits& limits) {
  switch (format) {
    case InputFormat::jsonl: return std::make_unique<JsonlReader>(in, std::move(source), limits.max_record_bytes);
    case InputFormat::csv: return std::make_unique<CsvReader>(in, std::move(source), limits.max_record_bytes);
    case InputFormat::telegram: return std::make_unique<TelegramReader>(in, std::move(source));
    case InputFormat::vk: return std::make_unique<VkReader>(in, std::move(source));
    case InputFormat::twitter: return std::make_unique<TwitterReader>(in, std::move(source));
    case InputFormat::automatic: break;
  }
  return nullptr;
}

}  // namespace

std::unique_ptr<PostReader> make_reader(InputFormat format, std::istream& in, std::string source, const Limits& limits) {
  auto reader = format_reader(format, in, std::move(source), limits);
  if (!reader) return nullptr;
  return std::make_unique<PostSizeGuard>(std::move(reader), limits.max_post_bytes);
}

}  // namespace grabli
