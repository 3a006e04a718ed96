// What intake's fewer round trips (issue 23, goal 3b) must not change: a request waiting for its
// Idempotency-Key's lock replays the answer the first one committed (sql/175, one statement now); a statement
// run on its own (PgPool::single) is committed when it ends; the newest catalog version is noticed at once,
// also when another instance loaded it; a revoked session is refused by the next request.
#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <thread>

#include "services/catalog/catalog_service.hpp"
#include "services/platform/credentials.hpp"
#include "services/store/case_store.hpp"
#include "services/store/idempotency_store.hpp"
#include "services/store/catalog_store.hpp"
#include "services/store/pg_pool.hpp"
#include "services/store/pg_types.hpp"
#include "services/store/statements.hpp"
#include "services/store/user_store.hpp"
#include "tests/support/test_env.hpp"

using namespace ow;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

TEST(IntakeRoundTrips, ARequestWaitingForItsKeyReplaysWhatTheFirstOneCommitted) {
  store::PgPool pool(ow::testing::migrated_database("it_idem_take"), 3, 5000ms, store::all_statements());
  std::mutex m;
  std::condition_variable cv;
  bool kept = false;
  std::optional<store::idempotency::Stored> first_saw;
  std::thread first([&] {
    pool.transact([&](store::Tx& tx) {
      first_saw = store::idempotency::find_locked(tx, "user:1", "k-1");
      store::idempotency::put(tx, "user:1", "k-1", "hash-1", 201, "{\"number\":\"A\"}");
      {
        std::lock_guard lock(m);
        kept = true;
      }
      cv.notify_all();
      std::this_thread::sleep_for(300ms);  // still holding the key's lock while the second one asks
    });
  });
  {
    std::unique_lock lock(m);
    cv.wait(lock, [&] { return kept; });
  }
  // Asked while the first transaction is open and has not committed: it waits for the key's lock, and then
  // must see the committed answer (a snapshot taken before the wait would not, and the request would run twice).
  const auto second_saw =
      pool.transact([&](store::Tx& tx) { return store::idempotency::find_locked(tx, "user:1", "k-1"); });
  first.join();
  EXPECT_FALSE(first_saw);
  ASSERT_TRUE(second_saw);
  EXPECT_EQ(second_saw->request_hash, "hash-1");
  EXPECT_EQ(second_saw->status, 201);
  EXPECT_EQ(second_saw->response, "{\"number\":\"A\"}");
  // Another key is not held by it.
  EXPECT_FALSE(pool.transact([&](store::Tx& tx) { return store::idempotency::find_locked(tx, "user:1", "k-2"); }));
}

TEST(IntakeRoundTrips, AStatementOnItsOwnIsCommittedWhenItEnds) {
  store::PgPool pool(ow::testing::migrated_database("it_single"), 2, 5000ms, store::all_statements());
  const int a =
      pool.single([](store::Single& one) { return store::cases::next_sequence(one, "330106", "2026-06-01"); });
  // Seen at once by another connection's transaction: nothing was left open.
  const int b = pool.transact([](store::Tx& tx) { return store::cases::next_sequence(tx, "330106", "2026-06-01"); });
  const int c =
      pool.single_aside([](store::Single& one) { return store::cases::next_sequence(one, "330106", "2026-06-01"); });
  EXPECT_EQ(b, a + 1);
  EXPECT_EQ(c, b + 1);
  // A failed statement on its own is no open transaction: the next one on the same pool works.
  EXPECT_ANY_THROW(pool.single([](store::Single& one) { one.exec("SELECT 1/0"); }));
  EXPECT_EQ(pool.single([](store::Single& one) { return store::cases::next_sequence(one, "330106", "2026-06-01"); }),
            c + 1);
}

TEST(IntakeRoundTrips, TheNewestCatalogIsNoticedAtOnceAlsoWhenAnotherInstanceLoadedIt) {
  const std::string url = ow::testing::migrated_database("it_catalog_current");
  store::PgPool here(url, 2, 5000ms, store::all_statements()), there(url, 2, 5000ms, store::all_statements());
  const fs::path dir = fs::temp_directory_path() / ("ow-catalog-rt-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  for (const auto& e : fs::directory_iterator(ow::testing::source_dir() + "/config/catalog"))
    fs::copy(e.path(), dir / e.path().filename());
  catalog_service::CatalogService mine(here, dir, 420), theirs(there, dir, 420);
  EXPECT_FALSE(mine.current());
  const int first = theirs.load(false, "test").version;
  ASSERT_TRUE(mine.current());
  EXPECT_EQ(mine.current()->version, first);
  // A second version, loaded by the other instance: the next look-up here uses it, with no wait.
  there.transact([&](store::Tx& tx) {
    store::catalog_versions::insert(tx, "another-checksum", store::catalog_versions::by_id(tx, first)->documents, "{}",
                                    "test");
  });
  ASSERT_TRUE(mine.current());
  EXPECT_GT(mine.current()->version, first);
  fs::remove_all(dir);
}

TEST(IntakeRoundTrips, ARevokedSessionIsRefusedByTheNextRequestOnAnyInstance) {
  const std::string url = ow::testing::migrated_database("it_session_single");
  store::PgPool here(url, 2, 5000ms, store::all_statements()), there(url, 2, 5000ms, store::all_statements());
  const std::string token = platform::new_token(), hash = platform::token_hash(token);
  here.transact([&](store::Tx& tx) {
    const std::int64_t id = store::users::insert(tx, {"rt-clerk", "窗口", "clerk", "330106", "B", "W1", std::nullopt,
                                                      platform::hash_password("Pass-word-12345")});
    store::users::create_session(tx, hash, id, 60, "127.0.0.1");
  });
  auto alive = [&](store::PgPool& pool) {
    return pool.single([&](store::Single& one) { return store::users::user_for_session(one, hash); }).has_value();
  };
  EXPECT_TRUE(alive(here));
  EXPECT_TRUE(alive(there));
  there.transact([&](store::Tx& tx) { store::users::revoke_session(tx, hash); });
  EXPECT_FALSE(alive(here));
  EXPECT_FALSE(alive(there));
}
