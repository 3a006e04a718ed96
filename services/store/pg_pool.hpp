// A bounded pool of PostgreSQL connections (libpqxx 6.4), used only from worker threads, never from the
// event loop. Connections are made up to the pool size as needed (or ahead, by warm()); each knows every named
// statement and prepares it on PostgreSQL when it first runs it (all ~225 at once cost 35–70 ms a connection).
// A broken connection is dropped and replaced; while PostgreSQL is down, callers get DatabaseUnavailable
// (503) and the pool reconnects by itself when it returns.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <type_traits>
#include <vector>

#include "services/store/errors.hpp"
#include "services/store/statements.hpp"
#include "services/store/transaction.hpp"

namespace ow::store {

struct PoolStats {
  std::size_t size = 0;     // configured maximum
  std::size_t open = 0;     // connections that exist
  std::size_t in_use = 0;   // lent out
  std::size_t waiting = 0;  // callers waiting for one
};

class PgPool {
 public:
  PgPool(std::string url, std::size_t size, std::chrono::milliseconds acquire_timeout,
         std::vector<Statement> statements);
  ~PgPool();
  PgPool(const PgPool&) = delete;
  PgPool& operator=(const PgPool&) = delete;

  // Runs fn in one read-write transaction and commits. Retries on serialization failure or deadlock (up to
  // 3 times) and once on a connection that broke before commit. fn must not commit itself. A unique-key
  // race surfaces as ConcurrentWrite, a lost connection as DatabaseUnavailable.
  template <class F>
  auto transact(F&& fn) -> std::invoke_result_t<F&, Tx&>;
  // Runs fn for ONE statement in autocommit (Single): that statement is its own transaction, committed when it
  // ends — one round trip, not three (two the first time a connection runs that statement: it is prepared then).
  // Only for work that is one statement anyway (a look-up, a counter draw);
  // retried once on a connection that broke (a draw retried so may leave a gap, never a duplicate).
  template <class F>
  auto single(F&& fn) -> std::invoke_result_t<F&, Single&>;
  // Like single(), on the pool's one side connection (taken in turn, never from the pool, so a caller that
  // holds a pooled transaction may use it without risk of waiting for itself): it commits at once, whatever
  // becomes of the caller's own — e.g. drawing a case number, so that no row lock is held for a whole intake.
  template <class F>
  auto single_aside(F&& fn) -> std::invoke_result_t<F&, Single&>;
  // Runs fn with a connection, for work outside a transaction (health checks, tests).
  void with_connection(const std::function<void(Connection&)>& fn);
  // Opens a connection now, preparing every named statement: a bad statement fails the boot. The connection
  // joins the pool (the others prepare a statement when they first run it).
  void prepare_now();
  // Opens the pool's connections up to its size (and the side connection too, with `side`), so that the first burst
  // after a start does not wait for them: run from a thread of its own at start-up. Stops at the first connection that
  // cannot be opened (the pool then opens connections as they are needed, as before), or when `stop` is requested (a
  // shutdown).
  void warm(bool side, std::stop_token stop = {});
  // SELECT 1; false when PostgreSQL does not answer.
  bool ping();
  PoolStats stats() const;
  // Drops idle connections (used at shutdown).
  void close_idle();

 private:
  void run(const std::function<void(Tx&)>& fn, bool aside = false);
  void run_single(const std::function<void(Single&)>& fn, bool aside = false);
  template <class T>
  void run_as(const std::function<void(T&)>& fn, bool aside);  // defined in pg_pool.cpp (Tx and Single)
  std::unique_ptr<Connection> take(bool aside);                // the side connection (its mutex held) or a pooled one
  void give_back(bool aside, std::unique_ptr<Connection> c, bool healthy);
  std::unique_ptr<Connection> acquire();
  void release(std::unique_ptr<Connection> c, bool healthy);
  std::unique_ptr<Connection> connect(bool prepare_all = false);

  const std::string url_;
  const std::size_t size_;
  const std::chrono::milliseconds acquire_timeout_;
  const std::vector<Statement> statements_;
  mutable std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Connection>> idle_;
  std::size_t open_ = 0, in_use_ = 0, waiting_ = 0;
  std::mutex aside_mutex_;  // held for the whole of a single_aside()
  std::unique_ptr<Connection> aside_;
};

// Runs fn through `run` (which may run it again after a failed attempt) and returns what its last run gave.
template <class Handle, class F, class Run>
auto last_result(F& fn, const Run& run) -> std::invoke_result_t<F&, Handle&> {
  using Result = std::invoke_result_t<F&, Handle&>;
  if constexpr (std::is_void_v<Result>) {
    run([&](Handle& h) { fn(h); });
  } else {
    std::optional<Result> result;  // a retried attempt replaces the value of the one rolled back
    run([&](Handle& h) { result.emplace(fn(h)); });
    return std::move(*result);
  }
}

template <class F>
auto PgPool::transact(F&& fn) -> std::invoke_result_t<F&, Tx&> {
  return last_result<Tx>(fn, [this](const std::function<void(Tx&)>& body) { run(body); });
}

template <class F>
auto PgPool::single(F&& fn) -> std::invoke_result_t<F&, Single&> {
  return last_result<Single>(fn, [this](const std::function<void(Single&)>& body) { run_single(body); });
}

template <class F>
auto PgPool::single_aside(F&& fn) -> std::invoke_result_t<F&, Single&> {
  std::lock_guard lock(aside_mutex_);
  return last_result<Single>(fn, [this](const std::function<void(Single&)>& body) { run_single(body, true); });
}

}  // namespace ow::store
