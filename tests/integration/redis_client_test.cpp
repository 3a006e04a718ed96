// The Redis client against a real Redis: commands, binary safety, and a dead server as a quick error.
#include <gtest/gtest.h>

#include <chrono>

#include "services/store/redis_client.hpp"
#include "tests/support/test_env.hpp"

using namespace ow;
using namespace std::chrono_literals;

TEST(RedisClient, CommandsAndBinarySafety) {
  const auto& s = ow::testing::test_servers();
  store::RedisClient redis(s.redis_host, s.redis_port, 500ms, s.redis_password);
  EXPECT_TRUE(redis.ping());
  const std::string value("a\0b\r\n一窗", 11);
  redis.command({"SET", "it:key", value});
  auto r = redis.command({"GET", "it:key"});
  EXPECT_EQ(r.kind, store::RedisReply::Kind::text);
  EXPECT_EQ(r.text, value);
  EXPECT_EQ(redis.command({"INCR", "it:counter"}).kind, store::RedisReply::Kind::integer);
  EXPECT_EQ(redis.command({"GET", "it:missing"}).kind, store::RedisReply::Kind::nil);
  EXPECT_THROW(redis.command({"NOSUCHCOMMAND"}), std::runtime_error);
  EXPECT_TRUE(redis.ping());  // an error reply does not break the connection
}

TEST(RedisClient, ADeadServerIsAQuickErrorAndCounted) {
  store::RedisClient redis("127.0.0.1", ow::testing::free_port(), 300ms);
  int errors = 0;
  redis.on_error([&] { ++errors; });
  const auto started = std::chrono::steady_clock::now();
  EXPECT_FALSE(redis.ping());
  EXPECT_THROW(redis.command({"GET", "x"}), store::RedisUnavailable);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 2s);
  EXPECT_EQ(errors, 2);
}

TEST(RedisClient, TheTestRedisWantsItsPasswordAndAWrongOneIsRefused) {
  const auto& s = ow::testing::test_servers();
  ASSERT_FALSE(s.redis_password.empty()) << "ops/redis starts Redis with requirepass";
  store::RedisClient anonymous(s.redis_host, s.redis_port, 500ms);
  EXPECT_THROW(anonymous.command({"GET", "it:key"}), std::runtime_error);  // NOAUTH
  store::RedisClient wrong(s.redis_host, s.redis_port, 500ms, "not-the-password");
  try {
    wrong.command({"GET", "it:key"});
    ADD_FAILURE() << "a wrong password must be refused";
  } catch (const store::RedisUnavailable& e) {
    EXPECT_NE(std::string(e.what()).find("refused the password"), std::string::npos) << e.what();
    EXPECT_EQ(std::string(e.what()).find("not-the-password"), std::string::npos) << "never the password itself";
  }
}
