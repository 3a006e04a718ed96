// Users, sessions and API keys in PostgreSQL: live, revoked, expired and disabled sessions.
#include <gtest/gtest.h>

#include <pqxx/pqxx>

#include "services/platform/credentials.hpp"
#include "services/store/migrator.hpp"
#include "services/store/pg_pool.hpp"
#include "services/store/pg_types.hpp"
#include "services/store/statements.hpp"
#include "services/store/user_store.hpp"
#include "tests/support/test_env.hpp"

using namespace ow;
using namespace std::chrono_literals;

namespace {}  // namespace

TEST(UserStore, SessionLifecycle) {
  platform::init_credentials();
  store::PgPool pool(ow::testing::migrated_database("it_users"), 2, 1000ms, store::all_statements());
  store::NewUser u{"clerk1", "王窗口", "clerk",      "330102",
                   "H1",     "W01",    std::nullopt, platform::hash_password("secret-pass")};
  const auto id = pool.transact([&](ow::store::Tx& tx) { return store::users::insert(tx, u); });
  EXPECT_THROW(pool.transact([&](ow::store::Tx& tx) { store::users::insert(tx, u); }),
               store::ConcurrentWrite);  // the store names the race; pqxx stays inside it

  const std::string live = platform::token_hash(platform::new_token());
  const std::string expired = platform::token_hash(platform::new_token());
  pool.transact([&](ow::store::Tx& tx) {
    store::users::create_session(tx, live, id, 60, "127.0.0.1");
    store::users::create_session(tx, expired, id, 0, "127.0.0.1");
  });
  auto lookup = [&](const std::string& h) {
    return pool.transact([&](ow::store::Tx& tx) { return store::users::user_for_session(tx, h); });
  };
  ASSERT_TRUE(lookup(live));
  EXPECT_EQ(lookup(live)->display_name, "王窗口");
  EXPECT_EQ(lookup(live)->window_code.value_or(""), "W01");
  EXPECT_FALSE(lookup(expired));

  pool.transact([&](ow::store::Tx& tx) { store::users::revoke_session(tx, live); });
  EXPECT_FALSE(lookup(live));

  const std::string second = platform::token_hash(platform::new_token());
  pool.transact([&](ow::store::Tx& tx) { store::users::create_session(tx, second, id, 60, "127.0.0.1"); });
  EXPECT_TRUE(lookup(second));
  EXPECT_TRUE(pool.transact([&](ow::store::Tx& tx) { return store::users::disable(tx, "clerk1"); }));
  EXPECT_FALSE(lookup(second));
  EXPECT_FALSE(pool.transact([&](ow::store::Tx& tx) { return store::users::disable(tx, "nobody"); }));
}

TEST(UserStore, RejectsInvalidUsersAtTheDatabase) {
  platform::init_credentials();
  store::PgPool pool(ow::testing::migrated_database("it_users_invalid"), 1, 1000ms, store::all_statements());
  store::NewUser clerk_without_window{"clerk2", "x", "clerk", "330102", "H1", std::nullopt, std::nullopt, "h"};
  EXPECT_THROW(pool.transact([&](ow::store::Tx& tx) { store::users::insert(tx, clerk_without_window); }),
               store::ConstraintViolation);
  store::NewUser bad_region{"sup", "x", "supervisor", "33", std::nullopt, std::nullopt, std::nullopt, "h"};
  EXPECT_THROW(pool.transact([&](ow::store::Tx& tx) { store::users::insert(tx, bad_region); }),
               store::ConstraintViolation);
}

TEST(UserStore, ApiKeys) {
  store::PgPool pool(ow::testing::migrated_database("it_api_keys"), 1, 1000ms, store::all_statements());
  const std::string key = platform::token_hash(platform::new_token());
  pool.transact([&](ow::store::Tx& tx) { store::users::create_api_key(tx, key, "SCJG", "市场监管局"); });
  auto dept = pool.transact([&](ow::store::Tx& tx) { return store::users::department_for_api_key(tx, key); });
  EXPECT_EQ(dept.value_or(""), "SCJG");
  auto none =
      pool.transact([&](ow::store::Tx& tx) { return store::users::department_for_api_key(tx, std::string(32, 'x')); });
  EXPECT_FALSE(none);
}
