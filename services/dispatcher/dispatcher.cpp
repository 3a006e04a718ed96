// The dispatch loop: claiming pushes, sharing the workers between departments, one push, leases (the
// settling of answers is in dispatcher_settling.cpp).
#include "services/dispatcher/dispatcher.hpp"

#include <algorithm>
#include <boost/asio/post.hpp>
#include <boost/json.hpp>
#include <set>

#include "services/casework/alert_raising.hpp"
#include "services/dispatcher/push_counters.hpp"
#include "services/dispatcher/retry_policy.hpp"
#include "services/dispatcher/task_payload.hpp"
#include "services/platform/log.hpp"
#include "services/platform/trace_context.hpp"
#include "services/store/case_store.hpp"
#include "services/store/file_store.hpp"
#include "services/store/supervision_store.hpp"

namespace ow::dispatcher {

namespace json = boost::json;
using Steady = std::chrono::steady_clock;

Dispatcher::Dispatcher(store::PgPool& pool, std::string db_url, catalog_service::CatalogService& catalog,
                       const calendar::WorkingTime& time, std::function<calendar::Instant()> now,
                       std::map<std::string, adapters::DepartmentEndpoint> endpoints, platform::Metrics& metrics,
                       DispatcherOptions options)
    : pool_(pool),
      db_url_(std::move(db_url)),
      catalog_(catalog),
      math_(time),
      cases_(pool, math_),
      runner_(
          cases_, [&catalog](int v) { return catalog.version(v); }, catalog.minutes_per_day(), math_),
      now_(std::move(now)),
      metrics_(metrics),
      options_(std::move(options)),
      client_(options_.ca_file) {
  for (auto& [code, e] : endpoints) {
    const auto failures = e.breaker_failures;
    const auto cooldown = e.breaker_cooldown;
    auto adapter = adapters::push_department(e, client_);
    departments_.emplace(code, Department{std::move(e), std::move(adapter), CircuitBreaker(failures, cooldown), 0});
  }
}

Dispatcher::~Dispatcher() { stop(); }

void Dispatcher::start() {
  for (auto& [code, d] : departments_) {
    Department* dep = &d;
    for (const Counter& c : {kSent, kDelivered, kRetries, kFailed}) count(metrics_, c, code, 0);
    metrics_.gauge(
        "ow_dispatch_breaker_state{department=\"" + code + "\"}", "circuit breaker: 0 closed, 1 half-open, 2 open",
        [this, dep] {
          std::lock_guard lock(mutex_);
          const auto s = dep->breaker.state(Steady::now());
          return s == CircuitBreaker::State::closed ? 0.0 : s == CircuitBreaker::State::half_open ? 1.0 : 2.0;
        });
    metrics_.gauge("ow_dispatch_in_flight{department=\"" + code + "\"}", "pushes in flight", [this, dep] {
      std::lock_guard lock(mutex_);
      return static_cast<double>(dep->in_flight);
    });
  }
  workers_ = std::make_unique<boost::asio::thread_pool>(static_cast<std::size_t>(options_.workers));
  for (int i = 0; i < std::max(1, options_.settlers); ++i) settlers_.emplace_back([this] { settle_loop(); });
  thread_ = std::thread([this] { loop(); });
  std::string codes;
  for (const auto& [code, d] : departments_) codes += (codes.empty() ? "" : ",") + code;
  platform::log(platform::LogLevel::info, "dispatcher started", {{"departments", codes}, {"owner", options_.owner}});
}

void Dispatcher::stop() {
  if (stopping_.exchange(true)) return;
  if (thread_.joinable()) thread_.join();
  std::vector<std::int64_t> unsent;  // claimed ahead and never sent: free for any dispatcher at once
  for (auto& [code, queue] : waiting_)
    for (const auto& p : queue) unsent.push_back(p.row.id);
  waiting_.clear();
  if (!unsent.empty()) {
    release(unsent);
    std::lock_guard lock(mutex_);
    for (const auto id : unsent) leased_.erase(id);
  }
  if (workers_) workers_->join();  // the pushes in flight are answered and queued for the settler
  {
    std::lock_guard lock(mutex_);
    settler_ends_ = true;
  }
  answered_cv_.notify_all();
  for (auto& t : settlers_)
    if (t.joinable()) t.join();
}

void Dispatcher::loop() {
  std::unique_ptr<store::OutboxListener> listener;
  auto renewed = Steady::now();
  const auto renew_every = std::chrono::milliseconds(std::max(1, options_.lease_seconds) * 1000 / 3);
  while (!stopping_) {
    try {
      if (Steady::now() - renewed >= renew_every) renew_leases(), renewed = Steady::now();
      if (!listener) listener = std::make_unique<store::OutboxListener>(db_url_);
      std::uint64_t seen = 0;
      {
        std::lock_guard lock(mutex_);
        seen = finished_;
      }
      const Claimed claimed = claim_some();
      if (claimed == Claimed::full) continue;                    // more may be due
      if (claimed == Claimed::saturated || !waiting_.empty()) {  // (pushes claimed ahead wait for a slot too)
        // Due work waits for a slot: go again as soon as a push finishes (not after a poll interval), and
        // at the latest after a short while, for work of other departments that arrived meanwhile.
        std::unique_lock lock(mutex_);
        finished_cv_.wait_for(lock, std::chrono::milliseconds(100), [&] { return finished_ != seen || stopping_; });
        continue;
      }
      double wait = options_.fallback_poll_seconds;
      if (auto next = pool_.transact([](store::Tx& tx) { return store::dispatch::seconds_until_next(tx); }))
        wait = std::clamp(*next, 0.05, wait);
      {
        std::lock_guard lock(mutex_);
        if (in_flight_ > 0) wait = std::min(wait, 0.2);  // a finishing push may expedite a department's back-log
      }
      listener->wait(std::min(wait, 0.5));  // bounded so that stop() is noticed promptly
    } catch (const std::exception& e) {
      platform::log(platform::LogLevel::warn, "dispatcher loop error; retrying", {{"error", e.what()}});
      listener.reset();
      std::this_thread::sleep_for(std::chrono::seconds(1));
    }
  }
}

Dispatcher::Claimed Dispatcher::claim_some() {
  launch_waiting();  // pushes claimed earlier go first, without asking PostgreSQL
  std::vector<std::string> known;
  for (const auto& [code, d] : departments_) known.push_back(code);
  // Between probes, when no department with a back-log may take a push now, there is nothing to ask
  // PostgreSQL (not even an empty transaction).
  if (!backlog_.empty() && Steady::now() - probed_ < std::chrono::milliseconds(50) &&
      !shares({backlog_.begin(), backlog_.end()}))
    return Claimed::saturated;
  std::vector<Push> pushes;
  Claimed result = Claimed::idle;
  // One transaction per round: which departments have work, the claims, and what each push will send (a task
  // cancelled meanwhile needs no push: settled here at once).
  pool_.transact([&](store::Tx& tx) {
    pushes.clear();
    result = Claimed::idle;
    // Which departments have due work (backlog_): those whose last claim took all it asked for (more is
    // waiting), or that a probe found due, until a claim finds less than it asked for; the others are
    // probed at least every 50 ms. (A probe of a department with a back-log walks its in-flight and
    // just-settled rows: ~2 ms at 1,000 pushes/s.) The departments known to be due also count in the fair
    // share of the pushes claimed ahead (launch_waiting).
    if (backlog_.empty() || Steady::now() - probed_ >= std::chrono::milliseconds(50)) {
      std::vector<std::string> others;
      for (const auto& code : known)
        if (!backlog_.contains(code)) others.push_back(code);
      if (!others.empty())
        for (auto& code : store::dispatch::due_departments(tx, others)) backlog_.insert(std::move(code));
      probed_ = Steady::now();
    }
    const std::vector<std::string> due(backlog_.begin(), backlog_.end());
    if (due.empty()) return;
    const auto give = shares(due);
    if (!give) {
      result = Claimed::saturated;
      return;
    }
    std::vector<store::OutboxRow> rows;
    for (const auto& [code, room] : *give) {
      // A round's worth more than the free slots: the extra pushes wait here, leased (and renewed), for the
      // department's next free slot, so a busy department is claimed from about once per `concurrency`
      // pushes instead of once per push.
      const int n = room + departments_.at(code).endpoint.concurrency;
      auto claimed = store::dispatch::claim(tx, options_.owner, options_.lease_seconds, code, n);
      if (static_cast<int>(claimed.size()) == n)
        result = Claimed::full, backlog_.insert(code);
      else
        backlog_.erase(code);  // (a department that gets no share this round keeps its mark)
      for (auto& r : claimed) rows.push_back(std::move(r));
    }
    if (rows.empty()) return;
    std::vector<std::int64_t> ids;
    for (const auto& r : rows) ids.push_back(r.case_id);
    std::map<std::int64_t, store::CaseRow> cases;
    for (auto& c : store::cases::by_ids(tx, ids)) cases.emplace(c.id, std::move(c));
    std::map<std::int64_t, std::vector<store::TaskRow>> tasks;
    for (auto& t : store::cases::tasks_of_cases(tx, ids)) tasks[t.case_id].push_back(std::move(t));
    std::map<std::string, std::vector<store::MaterialFileRow>> files;  // by case number: each push links them
    if (options_.links) {
      std::vector<std::string> numbers;
      for (const auto& [id, c] : cases) numbers.push_back(c.number);
      for (auto& f : store::files::of_cases(tx, numbers)) files[f.case_number].push_back(std::move(f));
    }
    for (auto& row : rows) {
      try {
        std::optional<json::object> payload;
        if (const auto c = cases.find(row.case_id); c != cases.end())
          for (const auto& t : tasks[row.case_id])
            if (t.step == row.step && (row.kind != "dispatch" || t.state == "Dispatching")) {
              const MaterialLinks links{options_.links, files[c->second.number], now_()};
              payload = task_payload(c->second, tasks[row.case_id], t, row.kind, &links);
            }
        if (!payload) {
          store::dispatch::finish(tx, row.id, options_.owner, false, "nothing to send: task no longer waits for it");
          continue;
        }
        std::string key(payload->at("idempotency_key").as_string());
        pushes.push_back({std::move(row), json::serialize(*payload), std::move(key)});
      } catch (const std::exception& e) {  // its lease runs out and it is tried again, like a push that threw
        platform::log(platform::LogLevel::warn, "push could not be prepared; its lease will expire and it is retried",
                      {{"outbox_id", std::to_string(row.id)}, {"error", e.what()}});
      }
    }
  });
  {
    std::lock_guard lock(mutex_);
    for (const auto& p : pushes) leased_.insert(p.row.id);
  }
  for (auto& p : pushes) waiting_[p.row.department_code].push_back(std::move(p));
  launch_waiting();
  return result;
}

void Dispatcher::launch_waiting() {
  std::vector<std::int64_t> refused;  // a department whose breaker is open: given back untried
  int share = options_.workers;       // the fair share of the workers, as shares() hands them out
  {
    std::lock_guard lock(mutex_);
    share = fair_share(backlog_);
  }
  for (auto it = waiting_.begin(); it != waiting_.end();) {
    const std::string& code = it->first;
    auto& queue = it->second;
    while (!queue.empty()) {
      bool go = false;
      {
        std::lock_guard lock(mutex_);
        auto& d = departments_.at(code);
        if (d.in_flight >= std::min(d.endpoint.concurrency, share) || in_flight_ >= options_.workers ||
            answered_.size() >= static_cast<std::size_t>(4 * options_.workers))
          break;
        go = d.breaker.allow(Steady::now());
        if (go)
          ++d.in_flight, ++in_flight_, d.last_push = Steady::now();
        else
          leased_.erase(queue.front().row.id);
      }
      Push p = std::move(queue.front());
      queue.pop_front();
      if (!go) {
        refused.push_back(p.row.id);
        continue;
      }
      boost::asio::post(*workers_, [this, p = std::move(p)]() mutable { push(std::move(p)); });
    }
    it = queue.empty() ? waiting_.erase(it) : std::next(it);  // only departments with pushes waiting stay
  }
  if (!refused.empty()) release(refused);
}

void Dispatcher::release(const std::vector<std::int64_t>& ids) {
  try {
    pool_.transact([&](store::Tx& tx) {
      for (const auto id : ids) store::dispatch::release(tx, id);
    });
  } catch (const std::exception& e) {  // their leases run out instead
    platform::log(platform::LogLevel::warn, "claimed pushes could not be given back; their leases will expire",
                  {{"pushes", std::to_string(ids.size())}, {"error", e.what()}});
  }
}

int Dispatcher::fair_share(const std::set<std::string>& due) const {
  // Departments with work: due, in flight, claimed ahead, or with a push in the last second (a department
  // whose steps become ready one by one is not counted out between them, so pushes claimed ahead for
  // another department never take every worker from it).
  std::set<std::string> active(due);
  const auto recent = Steady::now() - std::chrono::seconds(1);
  for (const auto& [code, d] : departments_)
    if (d.in_flight > 0 || d.last_push > recent) active.insert(code);
  for (const auto& [code, queue] : waiting_) active.insert(code);
  if (active.empty()) return options_.workers;
  return (options_.workers + static_cast<int>(active.size()) - 1) / static_cast<int>(active.size());
}

// Fair shares: every department with work (due or in flight) may hold at most its own concurrency and at most
// its share of the workers (workers ÷ active departments, rounded up); free workers are handed out one at a
// time round the departments with work, starting from a different one each time. So slow departments keep
// their share and no more, and a healthy one is served at once. None: due work waits for a slot.
std::optional<std::vector<std::pair<std::string, int>>> Dispatcher::shares(const std::vector<std::string>& due) {
  std::vector<std::pair<std::string, int>> rooms;  // department, slots it may still take
  int free = 0;
  {
    std::lock_guard lock(mutex_);
    free = options_.workers - in_flight_;
    // Answers waiting to be recorded are bounded too: new pushes wait while the settler catches up.
    if (free <= 0 || answered_.size() >= static_cast<std::size_t>(4 * options_.workers)) return std::nullopt;
    const int share = fair_share({due.begin(), due.end()});
    const auto now = Steady::now();
    std::vector<std::string> order(due.begin(), due.end());
    std::sort(order.begin(), order.end());
    std::rotate(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(next_first_++ % order.size()), order.end());
    for (const auto& code : order) {
      const auto& d = departments_.at(code);
      if (d.breaker.state(now) == CircuitBreaker::State::open) continue;
      if (waiting_.contains(code)) continue;  // it has pushes claimed ahead
      const int room = std::min(d.endpoint.concurrency, share) - d.in_flight;
      if (room > 0) rooms.emplace_back(code, room);
    }
    if (rooms.empty()) return std::nullopt;  // every due department is at its share (or its breaker is open)
  }
  std::vector<int> give(rooms.size(), 0);
  for (bool handed = true; free > 0 && handed;) {
    handed = false;
    for (std::size_t i = 0; i < rooms.size() && free > 0; ++i)
      if (give[i] < rooms[i].second) ++give[i], --free, handed = true;
  }
  std::vector<std::pair<std::string, int>> out;
  for (std::size_t i = 0; i < rooms.size(); ++i)
    if (give[i] > 0) out.emplace_back(rooms[i].first, give[i]);
  return out;
}

void Dispatcher::push(Push p) {
  const adapters::DepartmentEndpoint* ep = nullptr;
  const adapters::DepartmentAdapter* department = nullptr;
  {
    std::lock_guard lock(mutex_);
    ep = &departments_.at(p.row.department_code).endpoint;
    department = departments_.at(p.row.department_code).adapter.get();
  }
  // The push continues the trace of the request that queued it (a new one for rows from before sql/065): the
  // department gets it as `traceparent`, and this push's log lines carry it.
  const auto queued_by = platform::TraceContext::parse(p.row.traceparent);
  const platform::TraceScope trace(queued_by ? queued_by->child() : platform::TraceContext::start());
  const auto started = Steady::now();
  Answered a;
  a.row = std::move(p.row);
  try {
    const auto answer = department->send({a.row.kind, p.body, p.key, platform::current_trace()->header()});
    const double push_seconds = std::chrono::duration<double>(Steady::now() - started).count();
    const Outcome outcome = classify(answer);
    a.delivered = outcome == Outcome::delivered;
    a.answered = outcome != Outcome::retryable;
    if (!a.delivered)
      a.error =
          answer.status ? "HTTP " + std::to_string(answer.status) + ": " + answer.body.substr(0, 300) : answer.error;
    a.give_up = dispatcher::give_up(outcome, a.row.attempts, a.row.tried_seconds, ep->max_attempts, ep->retry_for);
    // 429 and 503 may say when to come back (Retry-After); nothing else delays the next attempt beyond backoff.
    a.retry_after = std::chrono::seconds(
        (answer.status == 429 || answer.status == 503) ? std::max(0, answer.retry_after_seconds) : 0);
    if (!a.delivered && !a.give_up) {
      std::lock_guard lock(mutex_);
      const double unit = std::uniform_real_distribution<double>(0, 1)(random_);
      a.delay = retry_delay(a.row.attempts, ep->backoff_base, ep->backoff_cap, unit, a.retry_after);
    }
    count(metrics_, kSent, a.row.department_code);
    metrics_.observe("ow_dispatch_push_duration_seconds{department=\"" + a.row.department_code + "\"}",
                     "time from sending a push to the department's answer (or its timeout), any outcome", push_seconds);
  } catch (const std::exception& e) {  // nothing to record: its lease runs out and it is tried again
    a.settle = false;
    a.answered = false;
    a.error = e.what();
    platform::log(platform::LogLevel::warn, "push could not be sent; its lease will expire and it is retried",
                  {{"outbox_id", std::to_string(a.row.id)}, {"error", a.error}});
    finished(a);
    return;
  }
  // The department's slot is free as soon as it has answered; recording the answer is the settler's.
  finished(a);
  {
    std::lock_guard lock(mutex_);
    answered_.push_back(std::move(a));
  }
  answered_cv_.notify_one();
}

void Dispatcher::finished(const Answered& a) {
  bool recovered = false;
  {
    std::lock_guard lock(mutex_);
    auto& d = departments_.at(a.row.department_code);
    --d.in_flight;
    --in_flight_;
    ++finished_;
    if (!a.settle) leased_.erase(a.row.id);  // nothing to record; otherwise the settler ends its renewal
    if (a.answered) {                        // a refusal is an answer: it never counts toward the breaker
      recovered = d.breaker.state(Steady::now()) != CircuitBreaker::State::closed;
      d.breaker.succeeded();
    } else if (!a.error.empty()) {
      d.breaker.failed(Steady::now());
    }
  }
  finished_cv_.notify_one();
  if (recovered) {
    // The first successful probe after an outage: the pushes waiting out their back-off go now, not later.
    try {
      const int n = pool_.transact([&](store::Tx& tx) { return store::dispatch::expedite(tx, a.row.department_code); });
      platform::log(platform::LogLevel::info, "department answers again; waiting pushes sent now",
                    {{"department", a.row.department_code}, {"pushes", n}});
    } catch (const std::exception& e) {
      platform::log(platform::LogLevel::warn, "could not expedite waiting pushes", {{"error", e.what()}});
    }
  }
}

void Dispatcher::renew_leases() {
  std::vector<std::int64_t> ids;
  {
    std::lock_guard lock(mutex_);
    ids.assign(leased_.begin(), leased_.end());
  }
  if (ids.empty()) return;
  try {
    pool_.transact([&](store::Tx& tx) { store::dispatch::renew(tx, options_.owner, ids, options_.lease_seconds); });
  } catch (const std::exception& e) {
    platform::log(platform::LogLevel::warn, "could not renew push leases", {{"error", e.what()}});
  }
}

}  // namespace ow::dispatcher
