// The login throttle against a real Redis and PostgreSQL: concurrent wrong passwords cannot overrun the
// limit (tries are reserved before the hash), a clean address keeps its owner's access while another is
// locked, a success clears only its own address's failures, undecided tries are released, the window
// slides, no raw login reaches Redis, and a dead Redis fails logins closed.
#include <gtest/gtest.h>

#include <unistd.h>

#include <atomic>
#include <latch>
#include <thread>

#include "services/platform/auth_service.hpp"
#include "services/platform/credentials.hpp"
#include "services/platform/problem.hpp"
#include "services/store/pg_types.hpp"
#include "services/store/statements.hpp"
#include "services/store/user_store.hpp"
#include "tests/support/test_env.hpp"

using namespace ow;
using namespace std::chrono_literals;

namespace {

const std::string kRight = "Tall-Lantern-4821";

// A fresh database with users alice and bob, a throttle under keys no other test uses, and the service.
struct World {
  explicit World(const std::string& name, platform::LoginLimits limits)
      : pool(ow::testing::migrated_database(name), 6, 5000ms, store::all_statements()),
        redis(ow::testing::test_servers().redis_host, ow::testing::test_servers().redis_port, 2000ms,
              ow::testing::test_servers().redis_password),
        prefix("it:" + name + ":" + std::to_string(::getpid()) + ":" +
               std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()) + ":"),
        throttle(redis, limits, prefix),
        auth(pool, throttle, 60) {
    platform::init_credentials();
    const std::string hash = platform::hash_password(kRight);
    pool.transact([&](ow::store::Tx& tx) {
      store::users::insert(tx,
                           {"alice", "张三", "supervisor", "330100", std::nullopt, std::nullopt, std::nullopt, hash});
      store::users::insert(tx, {"bob", "李四", "supervisor", "330100", std::nullopt, std::nullopt, std::nullopt, hash});
    });
  }
  // The HTTP status login() answers (201 for a session), and the Retry-After of a 429.
  int login(const std::string& user, const std::string& password, const std::string& address,
            unsigned* retry_after = nullptr) {
    try {
      auth.login(user, password, address);
      return 201;
    } catch (const platform::Problem& p) {
      if (retry_after) *retry_after = p.retry_after();
      return static_cast<int>(p.status());
    }
  }
  store::PgPool pool;
  store::RedisClient redis;
  std::string prefix;
  platform::LoginThrottle throttle;
  platform::AuthService auth;
};

}  // namespace

TEST(LoginThrottle, SixteenConcurrentWrongPasswordsGetAtMostTheLimit) {
  World w("it_throttle_concurrent", {5, 20, 900s});
  std::latch start(16);
  std::atomic<int> unauthorized{0}, limited{0}, other{0}, limited_without_retry_after{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 16; ++i)
    threads.emplace_back([&, i] {  // i by value: the loop moves on while the threads run
      start.arrive_and_wait();
      unsigned retry_after = 0;
      const int status = w.login("alice", "wrong-password-" + std::to_string(i), "198.51.100.1", &retry_after);
      if (status == 401)
        ++unauthorized;
      else if (status == 429) {
        ++limited;
        if (retry_after == 0) ++limited_without_retry_after;
      } else {
        ++other;
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(w.auth.password_checks(), 5u) << "tries reached the password hash beyond the limit";
  EXPECT_EQ(unauthorized.load(), 5);
  EXPECT_EQ(limited.load(), 11);
  EXPECT_EQ(other.load(), 0);
  EXPECT_EQ(limited_without_retry_after.load(), 0);

  // Locked from that address, even with the right password; the hash is not even computed.
  unsigned retry_after = 0;
  EXPECT_EQ(w.login("alice", kRight, "198.51.100.1", &retry_after), 429);
  EXPECT_GT(retry_after, 890u);
  EXPECT_LE(retry_after, 900u);
  EXPECT_EQ(w.auth.password_checks(), 5u);
  // The owner at a clean address is not locked out by someone else's failures.
  EXPECT_EQ(w.login("alice", kRight, "203.0.113.7"), 201);
  // An address that itself guesses wrong on a login under attack gets that one try only.
  EXPECT_EQ(w.login("alice", "another-guess-1", "192.0.2.44"), 401);
  EXPECT_EQ(w.login("alice", kRight, "192.0.2.44"), 429);
  // Other logins from the locked address are still allowed (its address count is 5 of 20).
  EXPECT_EQ(w.login("bob", kRight, "198.51.100.1"), 201);
}

TEST(LoginThrottle, PerAddressLimitCoversEveryLogin) {
  World w("it_throttle_address", {5, 4, 900s});
  for (const char* user : {"alice", "bob", "carol", "dave"})
    EXPECT_EQ(w.login(user, "wrong-password", "198.51.100.2"), 401);
  EXPECT_EQ(w.login("bob", kRight, "198.51.100.2"), 429);
  EXPECT_EQ(w.login("bob", kRight, "198.51.100.3"), 201);
  // A success does not reset the address's count: a guesser cannot clear it with an account of its own.
  EXPECT_EQ(w.login("alice", kRight, "198.51.100.2"), 429);
}

TEST(LoginThrottle, ASuccessClearsOnlyItsOwnAddressFailures) {
  World w("it_throttle_success", {3, 20, 900s});
  EXPECT_EQ(w.login("alice", "typo-password-1", "198.51.100.4"), 401);
  EXPECT_EQ(w.login("alice", "typo-password-2", "198.51.100.4"), 401);
  EXPECT_EQ(w.login("alice", kRight, "198.51.100.4"), 201);
  EXPECT_EQ(w.login("alice", "guess-from-elsewhere", "192.0.2.9"), 401);
  // The owner's typos are forgotten (else the login's total, 3, would block at once), the other address's
  // failure is not: two more tries, then the login's total (rule 3) stops this address, which has failures.
  for (int i = 0; i < 2; ++i) EXPECT_EQ(w.login("alice", "wrong-again", "198.51.100.4"), 401) << i;
  EXPECT_EQ(w.login("alice", "wrong-again", "198.51.100.4"), 429);
  EXPECT_EQ(w.login("alice", kRight, "198.51.100.5"), 201);  // a clean address still gets in
}

TEST(LoginThrottle, UndecidedTriesAreReleasedAndTheWindowSlides) {
  World w("it_throttle_window", {2, 20, 1s});
  for (int i = 0; i < 5; ++i) {
    auto a = w.throttle.reserve("alice", "198.51.100.5");
    EXPECT_TRUE(a.allowed()) << i;  // destroyed undecided (e.g. the database failed): nothing counted
  }
  {
    auto a = w.throttle.reserve("alice", "198.51.100.5");
    auto b = w.throttle.reserve("alice", "198.51.100.5");
    auto refused = w.throttle.reserve("alice", "198.51.100.5");  // two in flight fill the limit
    EXPECT_TRUE(a.allowed());
    EXPECT_TRUE(b.allowed());
    EXPECT_FALSE(refused.allowed());
    EXPECT_EQ(refused.retry_after_seconds(), 1);
    a.failed();
    b.failed();
  }
  EXPECT_FALSE(w.throttle.reserve("alice", "198.51.100.5").allowed());
  std::this_thread::sleep_for(1100ms);
  EXPECT_TRUE(w.throttle.reserve("alice", "198.51.100.5").allowed());
}

TEST(LoginThrottle, NoRawLoginInRedisKeys) {
  World w("it_throttle_keys", {5, 20, 900s});
  EXPECT_EQ(w.login("alice", "wrong-password", "198.51.100.6"), 401);
  auto keys = w.redis.command({"KEYS", w.prefix + "*"});
  ASSERT_EQ(keys.items.size(), 3u);
  for (const auto& k : keys.items) {
    EXPECT_EQ(k.text.find("alice"), std::string::npos) << k.text;
    EXPECT_GT(w.redis.command({"PTTL", k.text}).integer, 0) << k.text;  // every key expires with the window
  }
}

TEST(LoginThrottle, ADeadRedisFailsLoginsClosed) {
  platform::init_credentials();
  store::PgPool pool(ow::testing::migrated_database("it_throttle_dead"), 1, 2000ms, store::all_statements());
  store::RedisClient dead("127.0.0.1", ow::testing::free_port(), 200ms);
  platform::LoginThrottle throttle(dead, {5, 20, 900s});
  platform::AuthService auth(pool, throttle, 60);
  EXPECT_THROW(auth.login("alice", kRight, "198.51.100.7"), store::RedisUnavailable);
  EXPECT_EQ(auth.password_checks(), 0u);
  EXPECT_THROW(platform::LoginThrottle(dead, {0, 20, 900s}), std::invalid_argument);
}

TEST(LoginThrottle, WrongCurrentPasswordsOnAPasswordChangeAreCounted) {
  World w("it_throttle_change", {2, 20, 900s});
  auto session = w.auth.login("alice", kRight, "198.51.100.8");
  auto actor = w.auth.authenticate(session.token, "");
  ASSERT_TRUE(actor);
  auto change = [&](const std::string& current) {
    try {
      w.auth.change_own_password(*actor, current, "Quiet-Harbour-7315", "198.51.100.8");
      return 204;
    } catch (const platform::Problem& p) {
      return static_cast<int>(p.status());
    }
  };
  EXPECT_EQ(change("wrong-current-1"), 403);
  EXPECT_EQ(change("wrong-current-2"), 403);
  EXPECT_EQ(change(kRight), 429);
  EXPECT_EQ(w.login("alice", kRight, "198.51.100.9"), 201);  // another address is not affected
}
