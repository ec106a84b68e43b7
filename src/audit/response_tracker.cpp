#include "audit/response_tracker.h"

#include "input/timestamp.h"
#include "report/audit_report.h"

namespace grabli {

namespace {
constexpr std::size_t kMaxEarlyAnswers = 200000;
}

ResponseTracker::ResponseTracker(std::int64_t sla, std::size_t hold_limit, Emit emit)
    : sla_(sla), horizon_(std::max<std::int64_t>(7 * 86400, 4 * sla)), hold_limit_(hold_limit), emit_(std::move(emit)) {}

void ResponseTracker::add(AuditItem&& item) {
  const auto& post = item.result.post;
  const bool own = item.result.error.empty() && !item.result.context;
  if (own && !post.reply_to_id.empty()) {
    Answer answer{item.time};
    if (auto it = pending_.find(post.reply_to_id); it != pending_.end()) {
      resolve(it->second, &answer, "");
    } else if (early_answers_.try_emplace(post.reply_to_id, answer).second) {
      early_order_.push_back(post.reply_to_id);
      if (early_order_.size() > kMaxEarlyAnswers) {
        early_answers_.erase(early_order_.front());
        early_order_.pop_front();
      }
    }
  }
  // the input's clock has moved well past the oldest complaints: nobody answered them
  if (item.time) {
    while (!pending_order_.empty()) {
      const auto& c = held_[pending_order_.begin()->first - base_];
      if (!c.time || *c.time + horizon_ >= *item.time) break;
      resolve(pending_order_.begin()->first, nullptr, "");
    }
  }
  const std::uint64_t index = base_ + held_.size();
  if (item.complaint) {
    ++complaints;
    item.pending = true;
    held_.push_back(std::move(item));
    const std::string& id = held_.back().result.post.id;
    if (auto early = early_answers_.find(id); early != early_answers_.end()) {
      resolve(index, &early->second, "");
    } else if (id.empty() || pending_.count(id)) {
      resolve(index, nullptr, "");  // nothing can answer a message without an id
    } else {
      pending_[id] = index;
      pending_order_[index] = id;
    }
  } else {
    held_.push_back(std::move(item));
  }
  while (held_.size() > hold_limit_ && !pending_order_.empty())
    resolve(pending_order_.begin()->first, nullptr, "no answer within the next " + std::to_string(hold_limit_) + " records");
  release();
}

void ResponseTracker::finish() {
  while (!pending_order_.empty()) resolve(pending_order_.begin()->first, nullptr, "");
  release();
}

void ResponseTracker::resolve(std::uint64_t index, const Answer* answer, const std::string& why) {
  AuditItem& c = held_[index - base_];
  if (pending_order_.erase(index)) pending_.erase(c.result.post.id);
  c.pending = false;
  const std::string sla = format_duration(sla_);
  Finding f;
  f.rule = "audit/unanswered-complaint";
  f.category = kUnansweredComplaint;
  f.level = Level::warning;
  f.start = c.cue_start;
  f.end = c.cue_end;
  f.suggestion =
      "Answer complaints publicly within " + sla +
      ": apologise, say what the company will do (check, refund, replace) and offer a private channel for details.";
  if (answer) {
    if (!answer->at || !c.time) {
      ++answered_in_time;  // answered; when is unknown
      return;
    }
    const std::int64_t took = std::max<std::int64_t>(0, *answer->at - *c.time);
    response_seconds.push_back(took);
    if (took <= sla_) {
      ++answered_in_time;
      return;
    }
    ++answered_late;
    f.message = "A customer's complaint was answered only after " + format_duration(took) + ", beyond the " + sla + " SLA.";
  } else {
    ++unanswered;
    f.message = "A customer's complaint got no answer from the company's accounts" +
                (why.empty() ? std::string(" in this export") : " (" + why + ")") + ".";
  }
  c.result.findings.push_back(std::move(f));
}

void ResponseTracker::release() {
  while (!held_.empty() && !held_.front().pending) {
    emit_(std::move(held_.front()));
    held_.pop_front();
    ++base_;
  }
}

}  // namespace grabli
