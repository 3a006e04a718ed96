// A bounded pool of PostgreSQL connections (libpqxx 6.4), used only from worker threads, never from the
// event loop. Connections are made lazily up to the pool size, each with every named statement prepared.
// A broken connection is dropped and replaced; while PostgreSQL is down, callers get DatabaseUnavailable
// (503) and the pool reconnects by itself when it returns.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "services/store/errors.hpp"
#include "services/store/statements.hpp"

namespace ow::store {

struct PoolStats {
  std::size_t size = 0;     // configured maximum
  std::size_t open = 0;     // connections that exist
  std::size_t in_use = 0;   // lent out
  std::size_t waiting = 0;  // callers waiting for one
};

class PgPool {
 public:
  PgPool(std::string url, std::size_t size, std::chrono::milliseconds acquire_timeout, std::vector<Statement> statements);
  ~PgPool();
  PgPool(const PgPool&) = delete;
  PgPool& operator=(const PgPool&) = delete;

  // Runs fn in one read-write transaction and commits. Retries on serialization failure or deadlock (up to
  // 3 times) and once on a connection that broke before commit. fn must not commit itself.
  template <class F>
  auto transact(F&& fn) -> decltype(fn(std::declval<pqxx::work&>()));
  // Runs fn with a connection, for work outside a transaction (LISTEN, health checks).
  void with_connection(const std::function<void(pqxx::connection&)>& fn);
  // SELECT 1; false when PostgreSQL does not answer.
  bool ping();
  PoolStats stats() const;
  // Drops idle connections (used at shutdown).
  void close_idle();

 private:
  class Lease;
  std::unique_ptr<pqxx::connection> acquire();
  void release(std::unique_ptr<pqxx::connection> c, bool healthy);
  std::unique_ptr<pqxx::connection> connect();

  const std::string url_;
  const std::size_t size_;
  const std::chrono::milliseconds acquire_timeout_;
  const std::vector<Statement> statements_;
  mutable std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<pqxx::connection>> idle_;
  std::size_t open_ = 0, in_use_ = 0, waiting_ = 0;
};

template <class F>
auto PgPool::transact(F&& fn) -> decltype(fn(std::declval<pqxx::work&>())) {
  int attempts = 0;
  for (;;) {
    ++attempts;
    auto c = acquire();
    try {
      pqxx::work tx(*c);
      if constexpr (std::is_void_v<decltype(fn(tx))>) {
        fn(tx);
        tx.commit();
        release(std::move(c), true);
        return;
      } else {
        auto result = fn(tx);
        tx.commit();
        release(std::move(c), true);
        return result;
      }
    } catch (const pqxx::in_doubt_error& e) {
      release(std::move(c), false);
      throw DatabaseUnavailable(std::string("commit outcome unknown: ") + e.what());
    } catch (const pqxx::broken_connection& e) {
      release(std::move(c), false);
      if (attempts >= 2) throw DatabaseUnavailable(e.what());
    } catch (const pqxx::transaction_rollback& e) {  // serialization failure, deadlock
      release(std::move(c), true);
      if (attempts >= 3) throw;
    } catch (...) {
      const bool open = c && c->is_open();
      release(std::move(c), open);
      throw;
    }
  }
}

}  // namespace ow::store
