// The Sentinel client (store/redis_sentinel.hpp) against a real redis-sentinel watching the test Redis: the
// master's address asked of the Sentinels (a dead one skipped), a client and a subscriber that reach the
// master through them, and the address list setting. (Following a switch is the cluster test's part.)
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <thread>

#include "services/store/redis_client.hpp"
#include "services/store/redis_sentinel.hpp"
#include "services/store/redis_subscriber.hpp"
#include "tests/support/test_env.hpp"

using namespace ow;
using namespace std::chrono_literals;

namespace {

// A redis-sentinel of the test's own (as Debian's `redis` user when root), monitoring the test Redis as
// "ow-test"; stopped at the end.
class SentinelProcess {
 public:
  SentinelProcess() {
    const auto& s = ow::testing::test_servers();
    port_ = ow::testing::free_port();
    dir_ = std::filesystem::temp_directory_path() / ("ow-sentinel-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
    {
      std::ofstream conf(dir_ / "sentinel.conf");
      conf << "port " << port_ << "\nbind 127.0.0.1\ndir " << dir_.string() << "\nsentinel monitor ow-test "
           << s.redis_host << " " << s.redis_port << " 1\nsentinel auth-pass ow-test " << s.redis_password << "\n";
    }
    const bool root = ::getuid() == 0;
    if (root) ow::testing::run_command("chown -R redis:redis " + dir_.string());
    ow::testing::run_command(std::string(root ? "runuser -u redis -- " : "") + "redis-sentinel " + dir_.string() +
                             "/sentinel.conf --daemonize yes --pidfile " + dir_.string() + "/sentinel.pid --logfile " +
                             dir_.string() + "/sentinel.log");
  }
  ~SentinelProcess() {
    std::ifstream pid(dir_ / "sentinel.pid");
    int p = 0;
    if (pid >> p && p > 0) ::kill(p, SIGTERM);
    std::this_thread::sleep_for(200ms);
    std::filesystem::remove_all(dir_);
  }
  store::RedisAddress address() const { return {"127.0.0.1", port_}; }

 private:
  int port_ = 0;
  std::filesystem::path dir_;
};

std::optional<store::RedisAddress> ask_until_answered(const store::RedisAddress& sentinel) {
  for (int i = 0; i < 50; ++i) {
    if (auto a = store::ask_sentinel(sentinel, "ow-test", 300ms)) return a;
    std::this_thread::sleep_for(100ms);
  }
  return std::nullopt;
}

}  // namespace

TEST(RedisSentinel, TheMasterComesFromTheSentinelsAndADeadOneIsSkipped) {
  const auto& s = ow::testing::test_servers();
  SentinelProcess sentinel;
  const auto master = ask_until_answered(sentinel.address());
  ASSERT_TRUE(master) << "redis-sentinel did not answer";
  EXPECT_EQ(master->port, s.redis_port);
  EXPECT_FALSE(store::ask_sentinel(sentinel.address(), "no-such-master", 300ms));

  const store::RedisAddress dead{"127.0.0.1", ow::testing::free_port()};
  store::RedisLocator where({dead, sentinel.address()}, "ow-test", 300ms);
  ASSERT_TRUE(where.locate());
  EXPECT_EQ(where.locate()->port, s.redis_port);
  EXPECT_NE(where.describe().find("ow-test"), std::string::npos);

  store::RedisClient redis(where, 500ms, s.redis_password);
  EXPECT_TRUE(redis.ping());
  redis.command({"SET", "it:sentinel", "ok"});
  EXPECT_EQ(redis.command({"GET", "it:sentinel"}).text, "ok");

  std::atomic<int> messages{0}, connected{0};
  store::RedisSubscriber subscriber(
      where, "it:sentinel:*", [&](const std::string&, const std::string&) { ++messages; }, [&] { ++connected; },
      s.redis_password);
  subscriber.start();
  for (int i = 0; i < 50 && connected == 0; ++i) std::this_thread::sleep_for(100ms);
  ASSERT_EQ(connected, 1);
  for (int i = 0; i < 50 && messages == 0; ++i) {
    redis.command({"PUBLISH", "it:sentinel:x", "1"});
    std::this_thread::sleep_for(100ms);
  }
  EXPECT_GE(messages, 1);
  subscriber.stop();
}

TEST(RedisSentinel, NoSentinelAnsweringIsRedisUnavailable) {
  store::RedisLocator where({{"127.0.0.1", ow::testing::free_port()}}, "ow-test", 200ms);
  EXPECT_FALSE(where.locate());
  store::RedisClient redis(where, 200ms);
  EXPECT_THROW(redis.command({"PING"}), store::RedisUnavailable);
}

TEST(RedisSentinel, TheSettingIsAListOfHostPort) {
  const auto list = store::parse_redis_addresses("127.0.0.1:26379, ,10.0.0.2:26380");
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0], (store::RedisAddress{"127.0.0.1", 26379}));
  EXPECT_EQ(list[1].text(), "10.0.0.2:26380");
  EXPECT_THROW(store::parse_redis_addresses("127.0.0.1"), std::invalid_argument);
  EXPECT_THROW(store::parse_redis_addresses("h:0"), std::invalid_argument);
  EXPECT_THROW(store::parse_redis_addresses("h:12x"), std::invalid_argument);
  EXPECT_TRUE(store::parse_redis_addresses("").empty());
}
