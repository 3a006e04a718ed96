// The connection pool against a real PostgreSQL: commit and rollback, prepared statements (all at the boot check,
// each on first use otherwise),
// exhaustion, and reconnecting by itself after the server is stopped and started again.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "services/store/pg_pool.hpp"
#include "services/store/pg_types.hpp"
#include "tests/support/test_env.hpp"

using namespace ow;
using namespace std::chrono_literals;

namespace {
const std::vector<store::Statement> kStatements = {
    {"t_insert", "INSERT INTO t (x) VALUES ($1)"},
    {"t_count", "SELECT count(*) FROM t"},
};

std::string prepared_database(const std::string& name) {
  auto url = ow::testing::fresh_database(name);
  pqxx::connection c(url);
  pqxx::work tx(c);
  tx.exec("CREATE TABLE t (x int)");
  tx.commit();
  return url;
}

int count(store::PgPool& pool) {
  return pool.transact([](ow::store::Tx& tx) { return tx.exec_prepared1("t_count")[0].as<int>(); });
}
}  // namespace

TEST(PgPool, CommitsAndRollsBack) {
  store::PgPool pool(prepared_database("it_pool_commit"), 2, 1000ms, kStatements);
  pool.transact([](ow::store::Tx& tx) { tx.exec_prepared0("t_insert", 1); });
  EXPECT_THROW(pool.transact([](ow::store::Tx& tx) {
    tx.exec_prepared0("t_insert", 2);
    throw std::runtime_error("handler failed half-way");
  }),
               std::runtime_error);
  EXPECT_EQ(count(pool), 1);  // nothing of the failed transaction was kept
  EXPECT_EQ(pool.stats().in_use, 0u);
  EXPECT_LE(pool.stats().open, 2u);
}

TEST(PgPool, ABadStatementFailsTheBootCheckAndWhenItRuns) {
  store::PgPool pool(prepared_database("it_pool_bad"), 1, 1000ms,
                     {{"good", "SELECT 1"}, {"bad", "SELECT * FROM no_such_table"}});
  EXPECT_THROW(pool.prepare_now(), pqxx::sql_error);
  EXPECT_EQ(pool.stats().open, 0u);
  // A connection the pool makes as needed prepares each statement when it first runs it.
  EXPECT_NO_THROW(pool.transact([](ow::store::Tx& tx) { tx.exec_prepared1("good"); }));
  EXPECT_THROW(pool.transact([](ow::store::Tx& tx) { tx.exec_prepared0("bad"); }), pqxx::sql_error);
}

TEST(PgPool, AStatementIsPreparedOnAConnectionWhenItFirstRunsThere) {
  store::PgPool pool(prepared_database("it_pool_lazy"), 1, 1000ms, kStatements);
  const auto prepared = [&] {
    return pool.transact(
        [](ow::store::Tx& tx) { return tx.exec("SELECT name FROM pg_prepared_statements ORDER BY name").size(); });
  };
  EXPECT_EQ(prepared(), 0u);  // a connection made: nothing sent yet
  EXPECT_EQ(count(pool), 0);
  EXPECT_EQ(prepared(), 1u);  // t_count, on the same (only) connection; t_insert not yet
  EXPECT_EQ(count(pool), 0);
  EXPECT_EQ(prepared(), 1u);  // not prepared twice

  store::PgPool checked(prepared_database("it_pool_checked"), 1, 1000ms, kStatements);
  checked.prepare_now();  // the boot check: every statement, on a connection that joins the pool
  EXPECT_EQ(checked.stats().open, 1u);
  EXPECT_EQ(checked.transact([](ow::store::Tx& tx) { return tx.exec("SELECT 1 FROM pg_prepared_statements").size(); }),
            2u);
}

TEST(PgPool, ExhaustionIsUnavailableNotAHang) {
  store::PgPool pool(prepared_database("it_pool_exhaust"), 1, 200ms, kStatements);
  std::thread holder([&] { pool.with_connection([](pqxx::connection&) { std::this_thread::sleep_for(800ms); }); });
  std::this_thread::sleep_for(100ms);
  const auto started = std::chrono::steady_clock::now();
  EXPECT_THROW(count(pool), store::DatabaseUnavailable);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 700ms);
  holder.join();
  EXPECT_EQ(count(pool), 0);
}

TEST(PgPool, ReconnectsAfterThePostgresRestarts) {
  // A private server, since this test stops it.
  const std::string dir = std::filesystem::current_path().string() + "/pg-restart-pool";
  ow::testing::start_private_postgres(dir);
  const std::string url = ow::testing::private_postgres_url(dir);
  {
    pqxx::connection c(url);
    pqxx::work tx(c);
    tx.exec("DROP TABLE IF EXISTS t; CREATE TABLE t (x int)");
    tx.commit();
  }
  store::PgPool pool(url + "&connect_timeout=2", 2, 1000ms, kStatements);
  EXPECT_EQ(count(pool), 0);
  ow::testing::stop_private_postgres(dir);
  EXPECT_THROW(count(pool), store::DatabaseUnavailable);
  EXPECT_FALSE(pool.ping());
  ow::testing::start_private_postgres(dir);
  EXPECT_TRUE(pool.ping());
  pool.transact([](ow::store::Tx& tx) { tx.exec_prepared0("t_insert", 7); });
  EXPECT_EQ(count(pool), 1);
  ow::testing::stop_private_postgres(dir);
}

TEST(PgPool, WarmingOpensEveryConnectionAheadAndNeverMoreThanTheSize) {
  const auto url = prepared_database("it_pool_warm");
  store::PgPool pool(url, 3, 1000ms, kStatements);
  pqxx::connection watcher(url);
  const auto backends = [&] {  // client connections to this database, the watcher's own left out
    pqxx::nontransaction n(watcher);
    return n
        .exec1(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> "
            "pg_backend_pid() AND backend_type = 'client backend'")[0]
        .as<int>();
  };
  // The set-up's connection has closed; its backend ends in its own time.
  for (int i = 0; i < 200 && backends() > 0; ++i) std::this_thread::sleep_for(10ms);
  EXPECT_EQ(backends(), 0);
  // Warmed while transactions run: the pool never opens more than its size.
  std::thread warming([&] { pool.warm(true); });
  for (int i = 0; i < 20; ++i) pool.transact([i](ow::store::Tx& tx) { tx.exec_prepared0("t_insert", i); });
  warming.join();
  EXPECT_EQ(pool.stats().open, 3u);
  EXPECT_EQ(pool.stats().in_use, 0u);
  EXPECT_EQ(backends(), 4);  // the pool's three and the side connection
  // Later work, on the pool and aside, finds them open: no connection is made for it.
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(count(pool), 20 + i);
    pool.single_aside([](ow::store::Single& one) { one.exec_prepared0("t_insert", 0); });
  }
  EXPECT_EQ(backends(), 4);
  EXPECT_EQ(pool.stats().open, 3u);
}
