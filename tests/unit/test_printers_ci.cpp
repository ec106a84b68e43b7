#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "input/draft.h"
#include <nlohmann/json.hpp>

#include "report/audit_report.h"
#include "report/github_printer.h"
#include "report/json_line.h"
#include "report/printers.h"
#include "report/sarif_printer.h"
#include "text/utf8.h"

using namespace grabli;

namespace {
CheckResult result_with_finding(const std::string& file, const std::string& text, std::string_view word,
                                 bool suppressed = false) {
  CheckResult r;
  r.post = make_draft(file, text, Config{}, DraftMeta{});
  Finding f;
  f.rule = "pack/rule";
  f.category = "customer-conflict";
  f.level = Level::error;
  f.start = static_cast<std::uint32_t>(r.post.original_text().find(word));
  f.end = f.start + static_cast<std::uint32_t>(word.size());
  f.message = "Blames the customer, 100%: really";
  f.suggestion = "Apologise.";
  f.suppressed = suppressed;
  if (suppressed) f.suppression_reason = "approved by legal";
  r.findings.push_back(f);
  return r;
}
}  // namespace

TEST_CASE("make_check_printer knows sarif and github", "[printers]") {
  std::ostringstream out;
  CHECK(make_check_printer("sarif", out, false));
  CHECK(make_check_printer("github", out, false));
  CHECK_FALSE(make_check_printer("xml", out, false));
}

TEST_CASE("SARIF: one run, rules that fired, code-point regions in file lines", "[printers][sarif]") {
  std::ostringstream out;
  SarifPrinter p(out);
  p.add(result_with_finding("drafts/a b/отзыв.md", "---\nrole: support\n---\nЁж, вы сами\n", "вы сами"));
  p.end();
  const auto j = nlohmann::json::parse(out.str());
  CHECK(j["version"] == "2.1.0");
  const auto& run = j["runs"][0];
  CHECK(run["columnKind"] == "unicodeCodePoints");
  CHECK(run["tool"]["driver"]["name"] == "grabli");
  REQUIRE(run["tool"]["driver"]["rules"].size() == 1);
  CHECK(run["tool"]["driver"]["rules"][0]["id"] == "pack/rule");
  const auto& res = run["results"][0];
  CHECK(res["ruleIndex"] == 0);
  CHECK(res["level"] == "error");
  const auto& loc = res["locations"][0]["physicalLocation"];
  CHECK(loc["artifactLocation"]["uri"] == "drafts/a%20b/%D0%BE%D1%82%D0%B7%D1%8B%D0%B2.md");
  CHECK(loc["region"]["startLine"] == 4);
  CHECK(loc["region"]["startColumn"] == 5);
  CHECK(loc["region"]["endColumn"] == 12);
  CHECK(loc["region"]["snippet"]["text"] == "вы сами");
}

TEST_CASE("SARIF: suppressed findings stay, with an inSource suppression", "[printers][sarif]") {
  std::ostringstream out;
  SarifPrinter p(out);
  p.add(result_with_finding("a.md", "вы сами\n", "вы сами", true));
  p.end();
  const auto res = nlohmann::json::parse(out.str())["runs"][0]["results"][0];
  REQUIRE(res.contains("suppressions"));
  CHECK(res["suppressions"][0]["kind"] == "inSource");
  CHECK(res["suppressions"][0]["justification"] == "approved by legal");
}

TEST_CASE("SARIF: a file that could not be read is a tool notification", "[printers][sarif]") {
  std::ostringstream out;
  SarifPrinter p(out);
  CheckResult r;
  r.post.source.file = "gone.md";
  r.error = "no such file";
  p.add(r);
  p.end();
  const auto inv = nlohmann::json::parse(out.str())["runs"][0]["invocations"][0];
  CHECK(inv["executionSuccessful"] == false);
  CHECK(inv["toolExecutionNotifications"][0]["level"] == "error");
}

TEST_CASE("SARIF URIs: absolute paths become file URIs", "[printers][sarif]") {
  CHECK(sarif_uri("/tmp/a b.md") == "file:///tmp/a%20b.md");
  CHECK(sarif_uri("d/x,y#z.md") == "d/x%2Cy%23z.md");
}

TEST_CASE("GitHub: escaping of messages and properties", "[printers][github]") {
  CHECK(github_escape_data("50% off\nnow\r") == "50%25 off%0Anow%0D");
  CHECK(github_escape_property("a:b,c%d\n") == "a%3Ab%2Cc%25d%0A");
}

TEST_CASE("GitHub: one annotation per finding with file lines and columns", "[printers][github]") {
  std::ostringstream out;
  GithubPrinter p(out);
  p.add(result_with_finding("drafts/a,b.md", "---\nrole: support\n---\nЁж, вы сами\n", "вы сами"));
  CHECK(out.str() ==
        "::error file=drafts/a%2Cb.md,line=4,endLine=4,col=5,endColumn=12,title=pack/rule (customer-conflict)"
        "::Blames the customer, 100%25: really%0Ahelp: Apologise.\n");
}

TEST_CASE("GitHub: suppressed findings are not annotated", "[printers][github]") {
  std::ostringstream out;
  GithubPrinter p(out);
  p.add(result_with_finding("a.md", "вы сами\n", "вы сами", true));
  CHECK(out.str().empty());
}

TEST_CASE("audit jsonl: records without findings are written as the general path writes them", "[report][audit]") {
  std::ostringstream out;
  auto printer = make_audit_printer("jsonl", out);
  CheckResult plain;
  plain.post.id = "a\"b";
  CheckResult context;
  context.post.id = "c";
  context.context = true;
  CheckResult no_id;
  CheckResult failed;
  failed.post.id = "e";
  failed.error = "line 4: not JSON";
  for (const auto* r : {&plain, &context, &no_id, &failed}) printer->add(*r);
  std::istringstream lines(out.str());
  std::vector<nlohmann::json> got;
  for (std::string line; std::getline(lines, line);) {
    auto j = nlohmann::json::parse(line);
    CHECK(j.dump() == line);  // byte for byte what nlohmann itself writes
    got.push_back(std::move(j));
  }
  REQUIRE(got.size() == 4);
  CHECK(got[0]["id"] == "a\"b");
  CHECK(got[0]["findings"].empty());
  CHECK(got[1]["context"] == true);
  CHECK(got[2]["id"].is_null());
  CHECK(got[3]["error"] == "line 4: not JSON");
}

TEST_CASE("audit jsonl: findings are written byte for byte as nlohmann writes the object", "[report][audit]") {
  // The writer builds no object; this builds one independently, field by field, and compares.
  CheckResult r = result_with_finding("post.md", "Hi \"you\"\t\x01 line\nтекст \xff\xfe end", "\"you\"");
  r.post.id = "id \"1\"\n";
  const Finding plain = r.findings[0];
  Finding odd = plain;
  odd.start = static_cast<std::uint32_t>(r.post.original_text().find("текст"));
  odd.end = odd.start + 14;  // "текст " and the two invalid bytes, and a space
  odd.message = "ctrl \x02 and \\ and \xc3 half";
  // no character to escape, so the writer's own fast path must see that these are not UTF-8
  odd.suggestion = "overlong \xc0\xaf surrogate \xed\xa0\x80 big \xf4\x90\x80\x80 cut \xd0 ё\x7f";
  odd.rule = "";
  odd.cues = {"cue \"a\"", "б"};
  odd.suppressed = true;
  odd.suppression_reason = "legal </script>";
  odd.level = Level::info;
  r.findings.push_back(odd);
  std::ostringstream out;
  auto printer = make_audit_printer("jsonl", out);
  printer->add(r);
  r.context = true;
  r.findings.clear();
  printer->add(r);

  auto expected = [](const Finding& f, const Post& post) {
    const auto s = span_of(f, post);
    nlohmann::json j;
    j["rule"] = f.rule;
    j["category"] = f.category;
    j["level"] = std::string(level_name(f.level));
    j["line"] = s.line;
    j["column"] = s.column;
    j["end_line"] = s.end_line;
    j["end_column"] = s.end_column;
    j["start"] = f.start;
    j["end"] = f.end;
    j["match"] = utf8::sanitize(post.original_text().substr(f.start, f.end - f.start));
    j["message"] = f.message;
    j["suggestion"] = f.suggestion;
    if (!f.cues.empty()) j["cues"] = f.cues;
    if (f.suppressed) {
      j["suppressed"] = true;
      j["suppression_reason"] = f.suppression_reason;
    }
    return j;
  };
  nlohmann::json first;
  first["id"] = r.post.id;
  first["findings"] = nlohmann::json::array();
  for (const Finding* f : {&plain, static_cast<const Finding*>(&odd)}) first["findings"].push_back(expected(*f, r.post));
  nlohmann::json second = {{"id", r.post.id}, {"findings", nlohmann::json::array()}, {"context", true}};
  const auto dump = [](const nlohmann::json& j) { return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); };
  CHECK(out.str() == dump(first) + "\n" + dump(second) + "\n");
  // and the DOM the check printers use is the same finding
  CHECK(dump(finding_json(odd, r.post)) == dump(expected(odd, r.post)));
}

TEST_CASE("JsonLine writes every string as nlohmann does, on its fast path and off it", "[report]") {
  // Strings built from pieces that stress the eight-byte ASCII steps: runs of plain ASCII, each
  // byte that needs an escape, Cyrillic, a four-byte character, and broken UTF-8 (a lone
  // continuation byte, a cut sequence, an overlong form, a surrogate), at every alignment.
  const std::vector<std::string> pieces = {"abcdefgh", "x", "\"", "\\", "\n", std::string(1, '\0'), "\x1f", " ",
                                           "~\x7f", "Привет", "ё", "😀", "\x80", "\xD0", "\xC0\xAF", "\xED\xA0\x80",
                                           "é", "\xC2\xA0", "\xDF\xBF", "\xC1\xBF", "\xC2", "\xDF"};
  std::uint64_t seed = 7;
  auto next = [&] {
    seed = seed * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<std::size_t>(seed >> 33);
  };
  JsonLine line;
  for (int round = 0; round < 5000; ++round) {
    std::string s;
    for (std::size_t k = next() % 9; k > 0; --k) {
      // mostly plain runs, so that whole eight-byte words pass or fail together
      const std::size_t pick = next() % 4 == 0 ? next() % pieces.size() : next() % 2;
      s += pieces[pick];
    }
    line.clear();
    line.string(s);
    const std::string want = nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    INFO("string of " << s.size() << " bytes, round " << round);
    REQUIRE(line.text() == want);
  }
}
