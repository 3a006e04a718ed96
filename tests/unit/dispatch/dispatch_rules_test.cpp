// The dispatcher's pure rules: which answers are retried, the backoff bounds, the circuit breaker's states,
// and the signature scheme.
#include <gtest/gtest.h>

#include "adapters/department/signature.hpp"
#include "services/dispatcher/retry_policy.hpp"
#include "services/store/circuit_breaker.hpp"

using namespace ow;
using namespace std::chrono_literals;

TEST(RetryPolicy, ClassifiesAnswers) {
  using dispatcher::Outcome;
  auto of = [](int status) {
    return dispatcher::classify(adapters::HttpAnswer{status, {}, status ? "" : "timeout", status == 0});
  };
  EXPECT_EQ(of(200), Outcome::delivered);
  EXPECT_EQ(of(202), Outcome::delivered);
  for (int s : {0, 408, 429, 500, 502, 503, 504}) EXPECT_EQ(of(s), Outcome::retryable) << s;
  for (int s : {301, 400, 401, 403, 404, 409, 422}) EXPECT_EQ(of(s), Outcome::refused) << s;
}

TEST(RetryPolicy, BackoffDoublesWithJitterUpToTheCap) {
  for (int attempt = 1; attempt <= 12; ++attempt) {
    const auto full = std::min<long long>(60000, 1000LL << (attempt - 1));
    EXPECT_EQ(dispatcher::retry_delay(attempt, 1000ms, 60000ms, 0.0).count(), full / 2) << attempt;
    const auto high = dispatcher::retry_delay(attempt, 1000ms, 60000ms, 0.999999).count();
    EXPECT_GE(high, full - 1) << attempt;
    EXPECT_LE(high, full) << attempt;
  }
  EXPECT_EQ(dispatcher::retry_delay(100, 1000ms, 60000ms, 1.0).count(), 60000);  // no overflow for huge attempt numbers
}

TEST(CircuitBreaker, OpensAfterConsecutiveFailuresProbesOnceThenClosesOrReopens) {
  using S = store::CircuitBreaker::State;
  store::CircuitBreaker b(3, 1000ms);
  const auto t0 = store::CircuitBreaker::Clock::time_point{} + 1h;
  EXPECT_TRUE(b.allow(t0));
  b.failed(t0);
  b.failed(t0);
  b.succeeded();  // a success resets the count
  b.failed(t0);
  b.failed(t0);
  EXPECT_EQ(b.state(t0), S::closed);
  b.failed(t0);
  EXPECT_EQ(b.state(t0), S::open);
  EXPECT_FALSE(b.allow(t0 + 999ms));
  EXPECT_EQ(b.state(t0 + 1000ms), S::half_open);
  EXPECT_TRUE(b.allow(t0 + 1000ms));   // the probe
  EXPECT_FALSE(b.allow(t0 + 1001ms));  // only one at a time
  b.failed(t0 + 1100ms);               // the probe failed: open again for a full cool-down
  EXPECT_EQ(b.state(t0 + 1500ms), S::open);
  EXPECT_TRUE(b.allow(t0 + 2100ms));
  b.succeeded();
  EXPECT_EQ(b.state(t0 + 2100ms), S::closed);
  EXPECT_TRUE(b.allow(t0 + 2100ms));
}

TEST(Signature, IsHmacSha256OverTimestampDotBody) {
  // Expected values from `openssl dgst -sha256 -hmac` (an independent implementation) over the same bytes:
  //   printf '%s' '1700000000.{"a":1}' | openssl dgst -sha256 -hmac secret
  EXPECT_EQ(adapters::sign("secret", "1700000000", R"({"a":1})"),
            "49f24e537407743fa4a0242bb63b94b9a47ee99cbbe071ccd8a22550ae411686");
  const std::string s = adapters::sign("secret", "1700000000", R"({"a":1})");
  EXPECT_TRUE(adapters::signature_matches("secret", "1700000000", R"({"a":1})", s));
  EXPECT_FALSE(adapters::signature_matches("secret", "1700000001", R"({"a":1})", s));
  EXPECT_FALSE(adapters::signature_matches("secret", "1700000000", R"({"a":2})", s));
  EXPECT_FALSE(adapters::signature_matches("other", "1700000000", R"({"a":1})", s));
  EXPECT_FALSE(adapters::signature_matches("secret", "1700000000", R"({"a":1})", s.substr(1)));
}

TEST(Signature, TimestampsOutsideTheSkewAreStale) {
  EXPECT_TRUE(adapters::timestamp_fresh("1000", 1000, 300));
  EXPECT_TRUE(adapters::timestamp_fresh("1300", 1000, 300));
  EXPECT_TRUE(adapters::timestamp_fresh("700", 1000, 300));
  EXPECT_FALSE(adapters::timestamp_fresh("1301", 1000, 300));
  EXPECT_FALSE(adapters::timestamp_fresh("699", 1000, 300));
  for (const char* bad : {"", "12a", " 1000", "1e3", "-"})
    EXPECT_FALSE(adapters::timestamp_fresh(bad, 1000, 300)) << bad;
}
