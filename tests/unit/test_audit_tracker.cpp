#include <catch2/catch.hpp>

#include <vector>

#include "audit/audit.h"
#include "audit/response_tracker.h"

using namespace grabli;

namespace {
AuditItem post(std::string id, std::int64_t t, bool context, std::string reply_to = {}, bool complaint = false) {
  AuditItem a;
  a.result.post.id = std::move(id);
  a.result.post.reply_to_id = std::move(reply_to);
  a.result.context = context;
  a.time = t;
  a.complaint = complaint;
  a.cue_start = 0;
  a.cue_end = 3;
  return a;
}
struct Out {
  std::vector<AuditItem> items;
  ResponseTracker::Emit emit() {
    return [this](AuditItem&& a) { items.push_back(std::move(a)); };
  }
  std::vector<std::string> ids() const {
    std::vector<std::string> v;
    for (const auto& a : items) v.push_back(a.result.post.id);
    return v;
  }
};
}  // namespace

TEST_CASE("tracker: a complaint answered within the SLA gets no finding and a response time") {
  Out out;
  ResponseTracker t(3600, 100, out.emit());
  t.add(post("c", 0, true, "", true));
  t.add(post("r", 600, false, "c"));
  t.finish();
  REQUIRE(out.items.size() == 2);
  CHECK(out.items[0].result.findings.empty());
  CHECK(t.answered_in_time == 1);
  CHECK(t.response_seconds == std::vector<std::int64_t>{600});
}

TEST_CASE("tracker: a late answer is a finding that says how late") {
  Out out;
  ResponseTracker t(3600, 100, out.emit());
  t.add(post("c", 0, true, "", true));
  t.add(post("r", 7200, false, "c"));
  t.finish();
  REQUIRE(out.items[0].result.findings.size() == 1);
  CHECK(out.items[0].result.findings[0].category == "unanswered-complaint");
  CHECK(out.items[0].result.findings[0].message.find("after 2h") != std::string::npos);
  CHECK(t.answered_late == 1);
}

TEST_CASE("tracker: an unanswered complaint is reported and output order is kept") {
  Out out;
  ResponseTracker t(3600, 100, out.emit());
  t.add(post("a", 0, false));
  t.add(post("c", 10, true, "", true));
  t.add(post("b", 20, false));
  CHECK(out.ids() == std::vector<std::string>{"a"});  // held behind the pending complaint
  t.finish();
  CHECK(out.ids() == std::vector<std::string>{"a", "c", "b"});
  CHECK(out.items[1].result.findings.size() == 1);
  CHECK(t.unanswered == 1);
}

TEST_CASE("tracker: a customer replying to a complaint is not an answer") {
  Out out;
  ResponseTracker t(3600, 100, out.emit());
  t.add(post("c", 0, true, "", true));
  t.add(post("other", 60, true, "c"));
  t.finish();
  CHECK(t.unanswered == 1);
}

TEST_CASE("tracker: answers before the complaint (newest-first exports) count") {
  Out out;
  ResponseTracker t(3600, 100, out.emit());
  t.add(post("r", 600, false, "c"));
  t.add(post("c", 0, true, "", true));
  t.finish();
  CHECK(t.answered_in_time == 1);
  CHECK(out.items[1].result.findings.empty());
}

TEST_CASE("tracker: held records are bounded by the hold limit") {
  Out out;
  ResponseTracker t(3600, 3, out.emit());
  t.add(post("c", 0, true, "", true));
  for (int i = 0; i < 5; ++i) t.add(post("p" + std::to_string(i), 1, false));
  CHECK(out.items.size() >= 3);
  CHECK(out.items[0].result.findings.size() == 1);
  CHECK(out.items[0].result.findings[0].message.find("next 3 records") != std::string::npos);
}

TEST_CASE("tracker: the input's clock passing far beyond the SLA resolves a complaint") {
  Out out;
  ResponseTracker t(3600, 1000, out.emit());
  t.add(post("c", 0, true, "", true));
  t.add(post("later", 30 * 86400, false));
  CHECK(out.items.size() == 2);
  CHECK(t.unanswered == 1);
}

TEST_CASE("voice: without own accounts every record is the company's") {
  Config c;
  AuditOptions o;
  o.role = "support";
  InputRecord r;
  r.post.author = "Someone";
  bool context = true;
  CHECK(assign_voice(r, c, o, context).empty());
  CHECK_FALSE(context);
  CHECK(r.post.role == "support");
}

TEST_CASE("voice: outside authors are context, own accounts get their roles") {
  Config c;
  c.own_accounts = {"Shop"};
  c.authors["CEO"] = "executive";
  AuditOptions o;
  bool context = false;
  InputRecord customer;
  customer.post.author = "Ira";
  assign_voice(customer, c, o, context);
  CHECK(context);
  InputRecord ceo;
  ceo.post.author = "CEO";
  assign_voice(ceo, c, o, context);
  CHECK_FALSE(context);
  CHECK(ceo.post.role == "executive");
  InputRecord by_id;
  by_id.post.author = "Shop Support Team";
  by_id.author_id = "Shop";
  assign_voice(by_id, c, o, context);
  CHECK_FALSE(context);
}

TEST_CASE("voice: role customer is context, aliases are read, an unknown role is noted and cleared") {
  Config c;
  AuditOptions o;
  o.role = "support";
  bool context = false;
  InputRecord r;
  r.post.role = "customer";
  assign_voice(r, c, o, context);
  CHECK(context);
  InputRecord pr;
  pr.post.role = "PR";
  CHECK(assign_voice(pr, c, o, context).empty());
  CHECK_FALSE(context);
  CHECK(pr.post.role == "press");
  InputRecord bad;
  bad.post.role = "suport";
  const auto note = assign_voice(bad, c, o, context);
  CHECK(note.find("did you mean 'support'") != std::string::npos);
  CHECK(note.find("every role's rules") != std::string::npos);
  CHECK(bad.post.role.empty());  // every role's rules, not the default role's
}
