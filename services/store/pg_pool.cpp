// Connection pool bookkeeping, connection set-up and health checks.
#include "services/store/pg_pool.hpp"

#include <string_view>
#include "services/store/pg_types.hpp"
#include "services/store/vault.hpp"

namespace ow::store {

PgPool::PgPool(std::string url, std::size_t size, std::chrono::milliseconds acquire_timeout,
               std::vector<Statement> statements)
    : url_(std::move(url)),
      size_(size == 0 ? 1 : size),
      acquire_timeout_(acquire_timeout),
      statements_(std::move(statements)) {}

PgPool::~PgPool() { close_idle(); }

std::unique_ptr<Connection> PgPool::connect(bool prepare_all) {
  try {
    auto c = std::make_unique<Connection>(url_);
    for (const auto& s : statements_) {
      c->prepare(s.name, s.sql);  // sent to PostgreSQL when this connection first runs it
      if (prepare_all) c->prepare_now(s.name);
    }
    return c;
  } catch (const pqxx::broken_connection& e) {
    throw DatabaseUnavailable(std::string("cannot connect to PostgreSQL: ") + e.what());
  } catch (const pqxx::insufficient_resources& e) {
    throw DatabaseUnavailable(std::string("PostgreSQL is out of resources: ") + e.what());
  }
}

std::unique_ptr<Connection> PgPool::acquire() {
  std::unique_lock lock(mutex_);
  ++waiting_;
  const bool ok = available_.wait_for(lock, acquire_timeout_, [&] { return !idle_.empty() || open_ < size_; });
  --waiting_;
  if (!ok)
    throw DatabaseUnavailable("no PostgreSQL connection free within " + std::to_string(acquire_timeout_.count()) +
                              " ms");
  ++in_use_;
  if (!idle_.empty()) {
    auto c = std::move(idle_.back());
    idle_.pop_back();
    return c;
  }
  ++open_;
  lock.unlock();
  try {
    return connect();
  } catch (...) {
    lock.lock();
    --open_;
    --in_use_;
    available_.notify_one();
    throw;
  }
}

void PgPool::release(std::unique_ptr<Connection> c, bool healthy) {
  std::unique_ptr<Connection> dropped;
  {
    std::lock_guard lock(mutex_);
    --in_use_;
    if (c && healthy && c->is_open()) {
      idle_.push_back(std::move(c));
    } else {
      --open_;
      dropped = std::move(c);
    }
  }
  available_.notify_one();
}

void PgPool::with_connection(const std::function<void(Connection&)>& fn) {
  for (int attempt = 1;; ++attempt) {
    auto c = acquire();
    try {
      fn(*c);
      release(std::move(c), true);
      return;
    } catch (const pqxx::broken_connection& e) {
      release(std::move(c), false);
      if (attempt >= 2) throw DatabaseUnavailable(e.what());
    } catch (const pqxx::insufficient_resources& e) {
      const bool open = c && c->is_open();
      release(std::move(c), open);
      throw DatabaseUnavailable(std::string("PostgreSQL is out of resources: ") + e.what());
    } catch (...) {
      const bool open = c && c->is_open();
      release(std::move(c), open);
      throw;
    }
  }
}

std::unique_ptr<Connection> PgPool::take(bool aside) {
  if (!aside) return acquire();
  if (aside_ && aside_->is_open()) return std::move(aside_);
  aside_.reset();
  return connect();
}

void PgPool::give_back(bool aside, std::unique_ptr<Connection> c, bool healthy) {
  if (!aside) return release(std::move(c), healthy);
  if (c && healthy && c->is_open()) aside_ = std::move(c);
}

template <class T>
void PgPool::run_as(const std::function<void(T&)>& fn, bool aside) {
  int attempts = 0;
  for (;;) {
    ++attempts;
    auto c = take(aside);
    try {
      T tx(*c);
      fn(tx);
      tx.commit();  // Single: nothing to send (the statement committed itself)
      give_back(aside, std::move(c), true);
      return;
    } catch (const pqxx::in_doubt_error& e) {
      give_back(aside, std::move(c), false);
      throw DatabaseUnavailable(std::string("commit outcome unknown: ") + e.what());
    } catch (const pqxx::broken_connection& e) {
      give_back(aside, std::move(c), false);
      if (attempts >= 2) throw DatabaseUnavailable(e.what());
    } catch (const pqxx::transaction_rollback& e) {  // serialization failure, deadlock
      give_back(aside, std::move(c), true);
      if (attempts >= 3) throw;
    } catch (const pqxx::unique_violation& e) {
      const bool open = c && c->is_open();
      give_back(aside, std::move(c), open);
      throw ConcurrentWrite(e.what());
    } catch (const pqxx::check_violation& e) {
      const bool open = c && c->is_open();
      give_back(aside, std::move(c), open);
      throw ConstraintViolation(e.what());
    } catch (const pqxx::insufficient_resources& e) {
      // Disk full (a table or index cannot grow), out of memory: the transaction rolled back whole; the
      // caller answers 503 with Retry-After and the client's retry with the same Idempotency-Key is safe.
      const bool open = c && c->is_open();
      give_back(aside, std::move(c), open);
      throw DatabaseUnavailable(std::string("PostgreSQL is out of resources: ") + e.what());
    } catch (const pqxx::sql_error& e) {
      // 25006: this server is a standby (a failover moved the primary): drop the connection, answer 503; the
      // next connection looks for the primary again (target_session_attrs=read-write in db.url).
      const bool standby =
          e.sqlstate() == "25006" || std::string_view(e.what()).find("read-only transaction") != std::string_view::npos;
      const bool open = c && c->is_open() && !standby;
      give_back(aside, std::move(c), open);
      if (standby) throw DatabaseUnavailable(std::string("PostgreSQL answered as a standby: ") + e.what());
      // OW001: a row sealed with a key a rotation has retired (sql/015): take the new key and try again.
      // (libpqxx 6.4 does not always fill sqlstate(): the message is checked too.)
      const bool retired_key = e.sqlstate() == "OW001" ||
                               std::string_view(e.what()).find("sealed with retired key") != std::string_view::npos;
      if (!retired_key || attempts >= 3) throw;
      reload_vault();
    } catch (...) {
      const bool open = c && c->is_open();
      give_back(aside, std::move(c), open);
      throw;
    }
  }
}

void PgPool::run(const std::function<void(Tx&)>& fn, bool aside) { run_as<Tx>(fn, aside); }

void PgPool::run_single(const std::function<void(Single&)>& fn, bool aside) { run_as<Single>(fn, aside); }

void PgPool::prepare_now() {
  auto c = connect(true);
  {
    std::lock_guard lock(mutex_);
    if (open_ >= size_) return;  // the pool is full already: this connection only checked the statements
    ++open_;
    idle_.push_back(std::move(c));
  }
  available_.notify_one();
}

void PgPool::warm(bool side, std::stop_token stop) {
  for (;;) {
    if (stop.stop_requested()) return;
    {
      std::lock_guard lock(mutex_);
      if (open_ >= size_) break;
      ++open_;  // counted as open while it connects: a caller waits for it rather than opening one more
    }
    std::unique_ptr<Connection> c;
    try {
      c = connect();
    } catch (const std::exception&) {
      {
        std::lock_guard lock(mutex_);
        --open_;
      }
      available_.notify_one();
      return;
    }
    {
      std::lock_guard lock(mutex_);
      idle_.push_back(std::move(c));
    }
    available_.notify_one();
  }
  if (!side || stop.stop_requested()) return;
  std::lock_guard lock(aside_mutex_);
  try {
    if (!aside_ || !aside_->is_open()) aside_ = connect();
  } catch (const std::exception&) {
    // opened when first needed instead
  }
}

bool PgPool::ping() {
  try {
    with_connection([](Connection& c) {
      pqxx::nontransaction n(c);
      n.exec("SELECT 1");
    });
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

PoolStats PgPool::stats() const {
  std::lock_guard lock(mutex_);
  return {size_, open_, in_use_, waiting_};
}

void PgPool::close_idle() {
  std::vector<std::unique_ptr<Connection>> idle;
  {
    std::lock_guard lock(mutex_);
    open_ -= idle_.size();
    idle.swap(idle_);
  }
}

}  // namespace ow::store
