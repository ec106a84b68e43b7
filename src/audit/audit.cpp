#include "audit/audit.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

#include "audit/audit_item.h"
#include "audit/response_tracker.h"
#include "input/timestamp.h"
#include "policy/taxonomy.h"
#include "text/lemmatizer.h"
#include "text/shared_answers.h"
#include "text/utf8.h"

namespace grabli {

namespace {
bool is_customer_role(std::string_view role) { return role == "customer" || role == "client" || role == "context"; }

Finding unknown_role_finding(const AuditItem& item) {
  Finding f;
  f.rule = "audit/unknown-role";
  f.category = "input";
  f.level = Level::info;
  const auto& text = item.result.post.text;
  f.end = text.empty() ? 0 : utf8::decode(text, 0).len;  // the first character: a place to point at
  f.message = item.role_note;
  f.suggestion = "Give the record one of the roles, or name its author under `authors:` in .grabli.yaml; "
                 "marketing, PR, SMM, CEO, customer service and the like are read as press, executive or support.";
  return f;
}
}  // namespace

std::string assign_voice(InputRecord& r, const Config& config, const AuditOptions& options, bool& context) {
  Post& p = r.post;
  auto own = [&](const std::string& who) {
    if (who.empty()) return false;
    if (config.is_own_account(who)) return true;
    return std::find(options.own_accounts.begin(), options.own_accounts.end(), who) != options.own_accounts.end();
  };
  const bool accounts_known = !config.own_accounts.empty() || !config.authors.empty() || !options.own_accounts.empty();
  context = is_customer_role(p.role) ||
            (accounts_known && (!p.author.empty() || !r.author_id.empty()) && !own(p.author) && !own(r.author_id));
  if (context) {
    p.role.clear();
    return {};
  }
  if (!p.role.empty()) p.role = taxonomy::canonical_role(p.role);
  if (!p.role.empty() && !taxonomy::known(taxonomy::roles(), p.role)) {
    // An export's own role names (editor, moderator, hr) must not cost the post its check: it is
    // checked with every role's rules, as a draft with no role is, and the record says why.
    const auto near = taxonomy::closest(taxonomy::roles(), p.role);
    std::string note = "The record's role '" + p.role + "' is not one grabli knows" +
                       (near.empty() ? "" : " (did you mean '" + std::string(near) + "'?)") +
                       "; it was checked with every role's rules. Roles: " + taxonomy::join(taxonomy::roles()) +
                       ", or customer for a customer's message.";
    p.role.clear();
    return note;
  }
  if (p.role.empty()) {
    auto by_author = config.authors.find(p.author);
    if (by_author == config.authors.end()) by_author = config.authors.find(r.author_id);
    if (by_author != config.authors.end()) p.role = by_author->second;
    else if (!options.role.empty()) p.role = options.role;
    else p.role = config.role;
  }
  if (p.channel.empty()) p.channel = config.channel;
  else p.channel = std::string(taxonomy::canonical_channel(p.channel));
  if (p.lang.empty() || p.lang == "auto") p.lang = config.lang;
  return {};
}

Audit::Audit(const Policy& policy, const Policy* cues, const Config& config, AuditOptions options)
    : policy_(policy), cues_(cues), config_(config), options_(std::move(options)) {
  options_.jobs = std::max(1u, options_.jobs);
  options_.batch_size = std::max<std::size_t>(1, options_.batch_size);
}

AuditTotals Audit::run(PostReader& reader, AuditPrinter& printer, const std::function<void(const AuditTotals&)>& progress) {
  struct Batch {
    std::uint64_t seq = 0;
    std::vector<AuditItem> items;
  };
  std::mutex m;
  std::condition_variable work_ready, done_ready, space;
  std::deque<Batch> work;
  std::map<std::uint64_t, Batch> done;
  std::size_t in_flight = 0;
  const std::size_t max_in_flight = 4 * options_.jobs + 2;
  // Batches a worker holds back while the dictionaries load (below) do not count against the
  // bound, up to this many: the printer takes batches in order, so the first held batch stopped
  // the printer, then the reader, then the worker, which waited ~100 ms of the 24 MB benchmark's
  // 1.6 s with a core idle. 64 batches of 256 posts are a few MiB.
  constexpr std::size_t kMaxHeldBatches = 64;
  std::size_t held_batches = 0;
  bool reading_done = false, abort = false;
  std::uint64_t total_batches = 0;
  ReadStatus status;
  const auto started = std::chrono::steady_clock::now();

  std::thread reading([&] {
    Batch batch;
    std::uint64_t seq = 0;
    auto push = [&] {
      std::unique_lock lock(m);
      space.wait(lock, [&] {
        return in_flight < max_in_flight + std::min(held_batches, kMaxHeldBatches) || abort;
      });
      if (abort) return false;
      ++in_flight;
      batch.seq = seq++;
      work.push_back(std::move(batch));
      work_ready.notify_one();
      batch = Batch{};
      batch.items.reserve(options_.batch_size);
      return true;
    };
    auto add = [&](InputRecord&& r) {
      AuditItem item;
      item.author_id = std::move(r.author_id);
      if (r.error.empty()) {
        item.role_note = assign_voice(r, config_, options_, item.result.context);
      }
      item.result.error = std::move(r.error);
      item.result.post = std::move(r.post);
      item.time = parse_timestamp(item.result.post.created_at);
      batch.items.push_back(std::move(item));
      if (batch.items.size() >= options_.batch_size || (options_.input_idle && options_.input_idle())) return push();
      return true;
    };
    try {
      status = reader.read([&](InputRecord&& r) { return add(std::move(r)); });
    } catch (const std::exception& e) {
      status.fatal = std::string("reading stopped: ") + e.what();
    } catch (...) {
      status.fatal = "reading stopped by an unknown error";
    }
    if (!status.fatal.empty()) {
      InputRecord r;
      r.error = status.fatal;
      add(std::move(r));
    }
    if (!batch.items.empty()) push();
    std::lock_guard lock(m);
    reading_done = true;
    total_batches = seq;
    work_ready.notify_all();
    done_ready.notify_all();
  });

  RuleOverrides overrides = config_.overrides;
  overrides.spelling_suggestions = false;
  // An audit's distinct forms touch most pages of the mapped form tables (~32 MiB of the 24 MB
  // corpus's peak RSS), but a pread() per new form was 11 % of the worker's time on a VM where a
  // system call is dear; the workers share the mapping, and a page is faulted in once.
  overrides.form_tables = true;
  overrides.form_table_access = FormTable::Access::map;
  // The first form no table holds (a typo, a name) makes a worker load Hunspell: 150–200 ms for
  // ru_RU, which a load started now spends on the other core instead, beside reading.
  for (const Script s : {Script::cyrillic, Script::latin}) Lemmatizer::prefetch(policy_.dictionaries, s, true);
  // With several workers, each one's Hunspell answers serve the others (one policy, one
  // vocabulary), and where the tables answer most forms they share one Hunspell per script.
  SharedAnswers shared_answers;
  std::vector<std::thread> workers;
  for (unsigned w = 0; w < options_.jobs; ++w) {
    workers.emplace_back([&] {
      std::unique_ptr<Checker> checker, cue_checker;
      // While ru_RU still loads (~60 ms after the compile), a post with a word no table holds is
      // held back and its batch kept, and the worker goes on with the posts and batches after
      // it; the held posts are checked once the dictionaries are in, or when there is nothing
      // else to do. The printer takes batches in order, so the output is the same.
      struct Held {
        Batch batch;
        std::vector<std::size_t> items;
      };
      std::vector<Held> held;
      bool dictionaries_in = Lemmatizer::prefetches_done();
      auto check_item = [&](AuditItem& item) {  // false: held back
        auto& r = item.result;
        if (!r.error.empty()) return true;
        try {
          if (!r.context) {
            if (!checker) {
              checker = std::make_unique<Checker>(policy_, overrides);
              if (options_.jobs > 1) checker->lemmatizer().share_answers(&shared_answers);
              checker->lemmatizer().wait_for_dictionaries(dictionaries_in);
            }
            r.findings = checker->check(r.post);
            if (!item.role_note.empty()) r.findings.insert(r.findings.begin(), unknown_role_finding(item));
          } else if (cues_) {
            if (!cue_checker) cue_checker = std::make_unique<Checker>(*cues_);
            for (const auto& f : cue_checker->check(r.post)) {
              if (f.category == "input") continue;
              item.complaint = true;
              item.cue_start = f.start;
              item.cue_end = f.end;
              break;
            }
          }
        } catch (const Lemmatizer::DictionaryNotReady&) {
          return false;
        } catch (const std::exception& e) {
          r.findings.clear();
          r.error = std::string("checking failed: ") + e.what();
        }
        return true;
      };
      auto publish = [&](Batch&& b, bool was_held = false) {
        std::lock_guard lock(m);
        done.emplace(b.seq, std::move(b));
        done_ready.notify_all();
        if (was_held) --held_batches;
      };
      auto check_held = [&] {  // waits for the dictionaries
        dictionaries_in = true;
        if (checker) checker->lemmatizer().wait_for_dictionaries(true);
        for (auto& h : held) {
          for (const std::size_t i : h.items) check_item(h.batch.items[i]);
          publish(std::move(h.batch), true);
        }
        held.clear();
      };
      for (;;) {
        Batch b;
        bool taken = false;
        {
          std::unique_lock lock(m);
          if (held.empty()) work_ready.wait(lock, [&] { return !work.empty() || reading_done || abort; });
          if ((work.empty() && held.empty()) || abort) {
            if (checker) checker->lemmatizer().share_answers(nullptr);  // shared_answers ends with run()
            if (options_.keep_checkers)
              for (auto* c : {&checker, &cue_checker})
                if (*c) options_.keep_checkers->push_back(std::move(*c));
            return;
          }
          if (!work.empty()) {
            b = std::move(work.front());
            work.pop_front();
            taken = true;
          }
        }
        if (!taken) {  // no batch to go on with
          check_held();
          continue;
        }
        Held h;
        for (std::size_t i = 0; i < b.items.size(); ++i)
          if (!check_item(b.items[i])) h.items.push_back(i);
        if (h.items.empty()) {
          publish(std::move(b));
        } else {
          held.push_back({std::move(b), std::move(h.items)});
          std::lock_guard lock(m);
          ++held_batches;
          space.notify_one();
        }
        if (!dictionaries_in && Lemmatizer::prefetches_done()) dictionaries_in = true;
        if (!held.empty() && dictionaries_in) check_held();
      }
    });
  }

  AuditTotals totals;
  totals.sla_seconds = options_.sla_seconds;
  ResponseTracker tracker(options_.sla_seconds, options_.hold_limit, [&](AuditItem&& item) {
    const auto& r = item.result;
    ++totals.read;
    if (!r.error.empty()) ++totals.errors;
    else if (r.context) ++totals.context;
    else ++totals.checked;
    for (const auto& f : r.findings) {
      if (f.suppressed) continue;
      ++totals.findings;
      if (f.level >= options_.fail_on) totals.failed = true;
    }
    printer.add(r);
  });
  try {
    for (std::uint64_t next = 0;; ++next) {
      Batch b;
      {
        std::unique_lock lock(m);
        done_ready.wait(lock, [&] { return done.count(next) || (reading_done && next >= total_batches); });
        if (!done.count(next)) break;
        b = std::move(done[next]);
        done.erase(next);
        --in_flight;
        space.notify_one();
      }
      for (auto& item : b.items) tracker.add(std::move(item));
      if (options_.input_idle) printer.flush();
      if (progress) {
        totals.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        progress(totals);
      }
    }
    tracker.finish();
  } catch (...) {
    {
      std::lock_guard lock(m);
      abort = true;
    }
    space.notify_all();
    work_ready.notify_all();
    reading.join();
    for (auto& w : workers) w.join();
    throw;
  }
  reading.join();
  for (auto& w : workers) w.join();
  if (options_.keep_checkers) shared_answers.leave_dictionaries();  // as the checkers are kept
  totals.skipped = status.skipped;
  totals.complaints = tracker.complaints;
  totals.answered_in_time = tracker.answered_in_time;
  totals.answered_late = tracker.answered_late;
  totals.unanswered = tracker.unanswered;
  totals.response_seconds = std::move(tracker.response_seconds);
  std::sort(totals.response_seconds.begin(), totals.response_seconds.end());
  totals.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return totals;
}

}  // namespace grabli
