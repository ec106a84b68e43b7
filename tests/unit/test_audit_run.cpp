#include <catch2/catch.hpp>

#include <atomic>
#include <string>
#include <vector>

#include "audit/audit.h"
#include "config/config.h"
#include "helpers.h"
#include "report/audit_report.h"
#include "text/lemmatizer.h"

using namespace grabli;

namespace {

// Posts from memory, counting how many have been read so far.
class CountingReader : public PostReader {
 public:
  explicit CountingReader(std::vector<std::string> texts) : texts_(std::move(texts)) {}
  std::atomic<std::size_t> read_so_far{0};
  bool dictionaries_loaded_at_start = false;

  ReadStatus read(const RecordSink& sink) override {
    dictionaries_loaded_at_start = Lemmatizer::prefetches_done();
    for (std::size_t i = 0; i < texts_.size(); ++i) {
      InputRecord r;
      r.post.id = "p" + std::to_string(i);
      r.post.text = texts_[i];
      r.post.source.record = i + 1;
      ++read_so_far;
      if (!sink(std::move(r))) break;
    }
    return {};
  }

 private:
  std::vector<std::string> texts_;
};

// Keeps the ids and findings it is given, and how far the reader was at the first one.
class RecordingPrinter : public AuditPrinter {
 public:
  explicit RecordingPrinter(const CountingReader& reader) : reader_(reader) {}
  std::vector<std::string> ids;
  std::vector<std::size_t> findings;
  std::size_t read_at_first = 0;

  void add(const CheckResult& r) override {
    if (ids.empty()) read_at_first = reader_.read_so_far;
    ids.push_back(r.post.id);
    findings.push_back(r.findings.size());
  }
  void finish(const AuditTotals&) override {}

 private:
  const CountingReader& reader_;
};

}  // namespace

// Every post here has a made-up word that no form table holds: a worker holds each back until
// ru_RU (~100 ms) has loaded, and the printer cannot print the first. The reader must go on past
// the usual bound of batches in flight (4 × jobs + 2) meanwhile, or the worker runs dry.
TEST_CASE("audit: while ru_RU loads, the reader goes on past the batches held back for it") {
  GRABLI_NEED_DICTIONARIES();
  const auto policy = test::policy_from(
      "pack: t\nrules:\n  - id: typo\n    category: spelling\n    message: m\n"
      "    examples: {bad: [\"x\"], good: [\"y\"]}\n    kind: spelling\n");
  std::vector<std::string> texts;
  const std::string letters = "бвгдзклмнпрст";
  for (std::size_t i = 0; i < 200; ++i) {
    std::string word = "ыщ";
    for (std::size_t k = i; k > 0; k /= letters.size() / 2) word += letters.substr(k % (letters.size() / 2) * 2, 2);
    texts.push_back("Кошка спит, а " + word + "ю не спит.");
  }
  CountingReader reader(texts);
  RecordingPrinter printer(reader);
  AuditOptions options;
  options.jobs = 1;
  options.batch_size = 1;
  const Config config;  // the audit keeps a reference to it
  Audit audit(*policy, nullptr, config, options);
  const auto totals = audit.run(reader, printer);

  // nothing lost, in input order, every made-up word found once its dictionary was there
  REQUIRE(printer.ids.size() == texts.size());
  for (std::size_t i = 0; i < texts.size(); ++i) {
    INFO(texts[i]);
    CHECK(printer.ids[i] == "p" + std::to_string(i));
    CHECK(printer.findings[i] == 1);
  }
  CHECK(totals.checked == texts.size());
  if (reader.dictionaries_loaded_at_start) {
    WARN("ru_RU had loaded before the audit read its first post: nothing was held back");
    return;
  }
  INFO("posts read when the first was printed: " << printer.read_at_first);
  CHECK(printer.read_at_first > 4 * options.jobs + 2 + 1);
}
