// The dispatcher (role `dispatcher`): carries outbox rows to push departments. One loop thread claims due
// rows under a lease (any number of dispatchers may run; a crashed one's leases expire) and hands them to a
// bounded worker pool; it sleeps on LISTEN ow_outbox with a slow fallback poll. Per department: a
// concurrency limit, retries with exponential backoff and jitter up to its cap, then DispatchFailed (and a
// supervisor's re-dispatch); a 4xx other than 408/429 fails at once; a circuit breaker keeps one dead
// department from tying up the workers. A busy department is claimed from a round ahead (the extra pushes
// wait here for a free slot). Every state change goes through the flow; the answers that arrive together are
// recorded by one settler thread in one transaction (their cases locked in id order, their writes gathered).
#pragma once

#include <atomic>
#include <boost/asio/thread_pool.hpp>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <span>
#include <string>
#include <thread>

#include "adapters/department/department_adapter.hpp"
#include "adapters/department/department_endpoints.hpp"
#include "adapters/department/http_client.hpp"
#include "services/casework/case_runner.hpp"
#include "services/casework/file_links.hpp"
#include "services/casework/pg_case_repository.hpp"
#include "services/catalog/catalog_service.hpp"
#include "services/platform/metrics.hpp"
#include "services/store/circuit_breaker.hpp"
#include "services/store/dispatch_store.hpp"
#include "services/store/pg_pool.hpp"
#include "services/store/redis_client.hpp"
#include "services/store/supervision_store.hpp"
#include "workflow/calendar/clock.hpp"

namespace ow::dispatcher {

using store::CircuitBreaker;

struct DispatcherOptions {
  std::string owner = "dispatcher";     // names the leases of this instance
  store::RedisClient* redis = nullptr;  // where raised alerts are published (none: stored only)
  int lease_seconds = 10;               // renewed every third of it while a push is in flight
  int workers = 8;
  int settlers = 1;  // threads recording answers: one takes all that wait, written together (gathered_writes)
  double fallback_poll_seconds = 5;
  std::string ca_file;  // extra CA bundle trusted for https departments (empty: the system's only)
  const casework::FileLinkSigner* links = nullptr;  // signs the material links of each push (none: no links)
};

class Dispatcher {
 public:
  Dispatcher(store::PgPool& pool, std::string db_url, catalog_service::CatalogService& catalog,
             const calendar::WorkingTime& time, std::function<calendar::Instant()> now,
             std::map<std::string, adapters::DepartmentEndpoint> endpoints, platform::Metrics& metrics,
             DispatcherOptions options);
  ~Dispatcher();

  void start();
  void stop();  // finishes the pushes in flight

 private:
  struct Department {
    adapters::DepartmentEndpoint endpoint;  // limits: concurrency, attempts, back-off, breaker
    std::unique_ptr<adapters::DepartmentAdapter> adapter;
    CircuitBreaker breaker;
    int in_flight = 0;
    std::chrono::steady_clock::time_point last_push{};  // when its last push was sent
  };
  // What a claim round found: a full batch (more may be due), due work that waits for a push in flight to
  // finish (a department at its concurrency, or every worker busy), or nothing to do now.
  enum class Claimed { full, saturated, idle };
  // A claimed push and what it sends (read in the claiming transaction).
  struct Push {
    store::OutboxRow row;
    std::string body, key;
  };
  void loop();
  Claimed claim_some();
  // Sends the pushes claimed ahead that their departments have a free slot for now.
  void launch_waiting();
  // Gives claimed, unsent rows back (due again at once, their attempt not counted).
  void release(const std::vector<std::int64_t>& ids);
  // How many pushes each due department may be given now (none: the due work waits for a slot).
  std::optional<std::vector<std::pair<std::string, int>>> shares(const std::vector<std::string>& due);
  // How many workers each department with work may hold (workers ÷ departments with work, rounded up);
  // `due`: the departments known to have due work. Called with mutex_ held.
  int fair_share(const std::set<std::string>& due) const;
  // A push the department answered (or that could not be sent), waiting for the settler to record it.
  struct Answered {
    store::OutboxRow row;
    bool delivered = false, give_up = false;
    bool answered = false;  // delivered or refused (4xx): the department's system is up
    bool settle = true;     // false: nothing to record (the push threw before an answer; its lease runs out)
    std::string error;
    std::chrono::seconds retry_after{0};  // what a 429 or 503 asked for (0: nothing); the next try is not sooner
    std::chrono::milliseconds delay{0};   // the back-off before the next try (drawn when answered)
  };
  void push(Push p);
  void renew_leases();  // extends the leases of the pushes in flight
  // A settler thread: records answered pushes a batch at a time (one transaction for the batch).
  void settle_loop();
  void settle_batch(std::vector<Answered>& batch);
  // Records one answer inside a transaction: the task's transition on its case (locked already, in `files`),
  // a dispatch_failed alert; the outbox row settled goes to `finished` (settled together afterwards).
  void record(casework::CaseTransaction& tx, std::map<std::int64_t, casework::CaseFile>& files, const Answered& a,
              calendar::Instant now, std::vector<store::AlertRow>& raised,
              std::vector<store::dispatch::Finished>& finished);
  // Records the answers in one transaction, then publishes the alerts raised and reports each.
  void record_together(std::span<const Answered> answers);
  // After the commit: metrics and log lines of one recorded answer.
  void report(const Answered& a);
  // One answer in a transaction of its own, tried again while PostgreSQL is away (up to 10 minutes, or until
  // stop()).
  void settle_until_recorded(const Answered& a);
  // The department has answered (or the push failed to go): its slot is free again — counters, breaker,
  // the back-log sent at once after an outage; wakes the claiming loop.
  void finished(const Answered& a);

  store::PgPool& pool_;
  std::string db_url_;
  catalog_service::CatalogService& catalog_;
  calendar::ClockMath math_;
  casework::PgCaseRepository cases_;
  casework::CaseRunner runner_;
  std::function<calendar::Instant()> now_;
  platform::Metrics& metrics_;
  DispatcherOptions options_;
  adapters::HttpClient client_;
  std::mutex mutex_;                     // guards departments_' counters and breakers, in_flight_, finished_
  std::condition_variable finished_cv_;  // a push finished: a slot is free (the loop waits on it when saturated)
  std::uint64_t finished_ = 0;
  std::deque<Answered> answered_;        // waiting for the settler (guarded by mutex_)
  std::condition_variable answered_cv_;  // an answer is waiting, or the settler may end
  bool settler_ends_ = false;            // every worker has finished: the settlers drain the queue and end
  std::vector<std::thread> settlers_;
  std::map<std::string, Department> departments_;
  int in_flight_ = 0;
  std::set<std::int64_t> leased_;  // outbox rows whose pushes are in flight (their leases are renewed)
  std::size_t next_first_ = 0;     // which department with work is offered a free worker first
  // Departments known to have due work (their last claim took all it asked for, or a probe found them due,
  // until a claim finds less), and when due work was last probed (loop thread only).
  std::set<std::string> backlog_;
  // Pushes claimed ahead, by department (only departments with some): sent as slots free up (loop thread only).
  std::map<std::string, std::deque<Push>> waiting_;
  std::chrono::steady_clock::time_point probed_{};
  std::mt19937_64 random_{std::random_device{}()};
  std::atomic<bool> stopping_{false};
  std::thread thread_;
  std::unique_ptr<boost::asio::thread_pool> workers_;
};

}  // namespace ow::dispatcher
