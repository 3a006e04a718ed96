// A long outage between the platform and a department (issue 22, item 9): the platform keeps a push for
// `retry_minutes` after its first attempt (not for a handful of attempts), and the department (the simulator)
// keeps a callback the platform does not take for hours, at a capped backoff that honours Retry-After.
#include <gtest/gtest.h>

#include "adapters/simulator/simulator.hpp"
#include "services/dispatcher/retry_policy.hpp"

using namespace std::chrono_literals;
namespace dispatcher = ow::dispatcher;
namespace simulator = ow::simulator;

TEST(LongOutage, APushIsKeptForItsRetryWindowNotForAFewAttempts) {
  using dispatcher::Outcome;
  const auto day = std::chrono::seconds(24 * 3600);
  // Two hours of failures, hundreds of attempts: still retried.
  EXPECT_FALSE(dispatcher::give_up(Outcome::retryable, 400, 2 * 3600.0, 0, day));
  // The window has passed: given up (DispatchFailed, a supervisor may re-dispatch).
  EXPECT_TRUE(dispatcher::give_up(Outcome::retryable, 401, 24 * 3600.0, 0, day));
  // A refusal is an answer: given up at once; a delivery never.
  EXPECT_TRUE(dispatcher::give_up(Outcome::refused, 1, 0.0, 0, day));
  EXPECT_FALSE(dispatcher::give_up(Outcome::delivered, 50, 99 * 3600.0, 3, day));
  // A department configured with max_attempts is limited by count too.
  EXPECT_TRUE(dispatcher::give_up(Outcome::retryable, 3, 1.0, 3, day));
  EXPECT_FALSE(dispatcher::give_up(Outcome::retryable, 2, 1.0, 3, day));
}

TEST(LongOutage, ACallbackWaitsLongerEachTimeUpToTheCapOrAsThePlatformAsks) {
  EXPECT_EQ(simulator::callback_delay(1, 60s), 500ms);
  EXPECT_EQ(simulator::callback_delay(2, 60s), 1000ms);
  EXPECT_EQ(simulator::callback_delay(5, 60s), 8000ms);
  EXPECT_EQ(simulator::callback_delay(8, 60s), 60s);         // capped
  EXPECT_EQ(simulator::callback_delay(500, 60s), 60s);       // no overflow
  EXPECT_EQ(simulator::callback_delay(1, 60s, 5s), 5s);      // Retry-After: 5
  EXPECT_EQ(simulator::callback_delay(1, 60s, 3600s), 60s);  // … but never beyond the cap
  // Ten hours of outage are a few hundred tries, not thousands.
  std::chrono::milliseconds waited{0};
  int tries = 0;
  while (waited < 10h) waited += simulator::callback_delay(++tries, 60s);
  EXPECT_LT(tries, 620);
  EXPECT_GT(tries, 590);
}

TEST(LongOutage, OnlyAnswersThatMeanLaterAreRetried) {
  EXPECT_TRUE(simulator::callback_retryable(0, false));   // no answer
  EXPECT_TRUE(simulator::callback_retryable(503, true));  // PostgreSQL away
  EXPECT_TRUE(simulator::callback_retryable(429, false));
  EXPECT_TRUE(simulator::callback_retryable(409, true));    // the same event being applied at that moment
  EXPECT_FALSE(simulator::callback_retryable(409, false));  // not allowed in the task's state: final
  EXPECT_FALSE(simulator::callback_retryable(200, false));
  EXPECT_FALSE(simulator::callback_retryable(401, false));
  EXPECT_FALSE(simulator::callback_retryable(422, false));
}

TEST(LongOutage, APushWaitsAtLeastAsLongAsTheDepartmentAsksButNoLongerThanTheCap) {
  using namespace std::chrono_literals;
  // Backoff alone for attempt 1 with base 1 s: 0.5–1 s; the department asked for 30 s.
  EXPECT_EQ(dispatcher::retry_delay(1, 1000ms, 300000ms, 0.0, 30s), 30000ms);
  // Asking for less than the backoff changes nothing.
  EXPECT_EQ(dispatcher::retry_delay(5, 1000ms, 300000ms, 0.0, 1s), dispatcher::retry_delay(5, 1000ms, 300000ms, 0.0));
  // Never beyond the cap (a department asking for a day is tried again within the cap).
  EXPECT_EQ(dispatcher::retry_delay(1, 1000ms, 300000ms, 0.0, 86400s), 300000ms);
}
