// The timekeeper's clock-jump guard (issue 22, item 9): small corrections are followed, a step forward or
// back is held (time runs on at the steady rate) and taken only once it has lasted the confirmation period.
#include "services/supervision/clock_guard.hpp"

#include <gtest/gtest.h>

using namespace std::chrono_literals;
using ow::supervision::ClockGuard;
using V = ClockGuard::Verdict;

namespace {
const ClockGuard::Steady t0 = ClockGuard::Steady{} + 1000h;
const std::int64_t wall = 1'790'000'000;  // 2026-09-21
}  // namespace

TEST(ClockGuard, FollowsTheSourceWhileItAgreesWithTheSteadyClock) {
  ClockGuard g(60s, 900s);
  EXPECT_EQ(g.observe(wall, t0).trusted, wall);
  EXPECT_EQ(g.observe(wall + 5, t0 + 5s).trusted, wall + 5);
  const auto r = g.observe(wall + 40, t0 + 10s);  // NTP stepped 30 s: within the tolerance
  EXPECT_EQ(r.verdict, V::followed);
  EXPECT_EQ(r.trusted, wall + 40);
}

TEST(ClockGuard, AForwardJumpRaisesNothingEarlyAndIsForgottenWhenTheClockComesBack) {
  ClockGuard g(60s, 900s);
  g.observe(wall, t0);
  // Someone sets the date two days ahead: time keeps to the steady clock.
  auto r = g.observe(wall + 2 * 86400 + 5, t0 + 5s);
  EXPECT_EQ(r.verdict, V::held);
  EXPECT_EQ(r.trusted, wall + 5);
  EXPECT_EQ(r.step, 2 * 86400);
  r = g.observe(wall + 2 * 86400 + 300, t0 + 300s);
  EXPECT_EQ(r.verdict, V::held);
  EXPECT_EQ(r.trusted, wall + 300);
  // … and sets it right ten minutes later: followed again, nothing was ever ahead.
  r = g.observe(wall + 600, t0 + 600s);
  EXPECT_EQ(r.verdict, V::followed);
  EXPECT_EQ(r.trusted, wall + 600);
}

TEST(ClockGuard, ABackwardJumpDoesNotStopTime) {
  ClockGuard g(60s, 900s);
  g.observe(wall, t0);
  const auto r = g.observe(wall - 3600 + 10, t0 + 10s);
  EXPECT_EQ(r.verdict, V::held);
  EXPECT_EQ(r.trusted, wall + 10);
}

TEST(ClockGuard, AStepThatLastsTheConfirmationPeriodIsTheNewTime) {
  ClockGuard g(60s, 900s);
  g.observe(wall, t0);
  const std::int64_t step = 3 * 3600;  // the host had booted three hours slow and was corrected
  EXPECT_EQ(g.observe(wall + step + 5, t0 + 5s).verdict, V::held);
  EXPECT_EQ(g.observe(wall + step + 600, t0 + 600s).verdict, V::held);
  auto r = g.observe(wall + step + 905, t0 + 905s);
  EXPECT_EQ(r.verdict, V::accepted);
  EXPECT_EQ(r.trusted, wall + step + 905);
  r = g.observe(wall + step + 910, t0 + 910s);
  EXPECT_EQ(r.verdict, V::followed);
  EXPECT_EQ(r.trusted, wall + step + 910);
}

TEST(ClockGuard, ADifferentStepStartsTheConfirmationOver) {
  ClockGuard g(60s, 900s);
  g.observe(wall, t0);
  EXPECT_EQ(g.observe(wall + 7200 + 5, t0 + 5s).verdict, V::held);
  EXPECT_EQ(g.observe(wall + 86400 + 800, t0 + 800s).verdict, V::held);    // now a day ahead: a new step
  EXPECT_EQ(g.observe(wall + 86400 + 1000, t0 + 1000s).verdict, V::held);  // 200 s of it, not 900
  EXPECT_EQ(g.observe(wall + 86400 + 1705, t0 + 1705s).verdict, V::accepted);
}
