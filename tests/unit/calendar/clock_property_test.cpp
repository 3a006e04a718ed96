// Property tests over random acceptances, limits and pause ledgers (fixed seed, so failures reproduce).
#include <gtest/gtest.h>

#include <random>

#include "tests/support/embedded_calendar.hpp"
#include "workflow/calendar/clock.hpp"

using namespace ow::calendar;

namespace {

struct World {
  WorkingTime time{ow::testing::embedded_calendar(), OfficeHours{}};
  ClockMath math{time};
  std::mt19937_64 rng{20261122};

  Instant random_instant(const char* from, const char* to) {
    std::uniform_int_distribution<Instant> d(parse_instant(from), parse_instant(to));
    return d(rng);
  }
  Limit random_limit() {
    std::uniform_int_distribution<int> kind(0, 3), n(1, 30);
    switch (kind(rng)) {
      case 0: return {Limit::Kind::working_days, 0};
      case 1: return {Limit::Kind::natural_days, n(rng)};
      case 2: return {Limit::Kind::working_hours, n(rng)};
      default: return {Limit::Kind::working_days, n(rng)};
    }
  }
  Clock random_clock() {
    Clock c;
    c.limit = random_limit();
    c.started_at = random_instant("2018-01-01T00:00:00+08:00", "2026-06-30T00:00:00+08:00");
    return c;
  }
  // Up to four closed pauses after acceptance, possibly overlapping, within 60 days.
  std::vector<Pause> random_pauses(Instant after) {
    std::uniform_int_distribution<int> count(0, 4);
    std::uniform_int_distribution<Instant> offset(0, 60 * kSecondsPerDay), length(0, 10 * kSecondsPerDay);
    std::vector<Pause> out;
    for (int i = count(rng); i > 0; --i) {
      Pause p;
      p.start = after + offset(rng);
      p.end = p.start + length(rng);
      out.push_back(p);
    }
    return out;
  }
};

constexpr int kRounds = 20000;

}  // namespace

TEST(ClockProperty, DueIsNeverBeforeAcceptance) {
  World w;
  for (int i = 0; i < kRounds; ++i) {
    Clock c = w.random_clock();
    c.pauses = w.random_pauses(c.started_at);
    auto due = w.math.due_at(c);
    ASSERT_TRUE(due);
    ASSERT_GE(*due, c.started_at) << format_instant(c.started_at) << " " << c.limit.to_string();
    auto warn = w.math.warn_at(c);
    ASSERT_TRUE(warn);
    ASSERT_LE(*warn, *due);
  }
}

TEST(ClockProperty, MonotonicInTheLimit) {
  World w;
  for (int i = 0; i < kRounds; ++i) {
    Clock c = w.random_clock();
    c.pauses = w.random_pauses(c.started_at);
    Clock longer = c;
    longer.limit.amount += 1;
    ASSERT_LE(*w.math.due_at(c), *w.math.due_at(longer)) << format_instant(c.started_at) << " " << c.limit.to_string();
    // 0wd accepted after closing or on a day off is due when 1wd is; natural days may land on one working day.
    if (c.limit.kind != Limit::Kind::natural_days && !c.limit.immediate()) {
      ASSERT_LT(*w.math.due_at(c), *w.math.due_at(longer));
    }
  }
}

TEST(ClockProperty, APauseNeverMakesACaseDueEarlier) {
  World w;
  for (int i = 0; i < kRounds; ++i) {
    Clock c = w.random_clock();
    c.pauses = w.random_pauses(c.started_at);
    Clock more = c;
    auto extra = w.random_pauses(c.started_at);
    more.pauses.insert(more.pauses.end(), extra.begin(), extra.end());
    ASSERT_LE(*w.math.due_at(c), *w.math.due_at(more)) << format_instant(c.started_at) << " " << c.limit.to_string();
  }
}

TEST(ClockProperty, AZeroLengthPauseChangesNothing) {
  World w;
  for (int i = 0; i < kRounds; ++i) {
    Clock c = w.random_clock();
    c.pauses = w.random_pauses(c.started_at);
    Clock with = c;
    Pause p;
    p.start = w.random_instant("2018-01-01T00:00:00+08:00", "2026-08-30T00:00:00+08:00");
    p.end = p.start;
    with.pauses.push_back(p);
    ASSERT_EQ(*w.math.due_at(c), *w.math.due_at(with));
    ASSERT_EQ(*w.math.warn_at(c), *w.math.warn_at(with));
  }
}

TEST(ClockProperty, LedgerEqualsSegmentBySegment) {
  // Working-time limits: consume the budget segment by segment between sorted, non-overlapping pauses, as
  // a clerk would with a stopwatch, and compare with the ledger computation.
  World w;
  for (int i = 0; i < kRounds; ++i) {
    Clock c = w.random_clock();
    if (c.limit.kind == Limit::Kind::natural_days) c.limit = {Limit::Kind::working_days, c.limit.amount};
    // Sequential pauses: each starts after the previous ended.
    std::uniform_int_distribution<Instant> gap(0, 5 * kSecondsPerDay), length(0, 4 * kSecondsPerDay);
    Instant t = c.started_at;
    for (int k = 0; k < 3; ++k) {
      Pause p;
      p.start = t + gap(w.rng);
      p.end = p.start + length(w.rng);
      t = *p.end;
      c.pauses.push_back(p);
    }
    const Clock bare{c.limit, c.started_at, 0, {}, std::nullopt, std::nullopt};
    // Start position: where the bare clock's consumption begins.
    const std::int64_t budget = w.math.budget(bare);
    std::int64_t position = w.time.ordinal(*w.math.due_at(bare)) - budget;
    std::int64_t left = budget;
    std::optional<Instant> due;
    for (const auto& p : c.pauses) {
      const std::int64_t run = std::max<std::int64_t>(0, w.time.ordinal(p.start) - position);
      if (run >= left) break;
      left -= run;
      position = std::max(position, w.time.ordinal(*p.end));
    }
    due = w.time.instant_at(position + left);
    ASSERT_EQ(format_instant(*w.math.due_at(c)), format_instant(*due))
        << format_instant(c.started_at) << " " << c.limit.to_string();
    // Reading the clock at its due instant finds the whole budget consumed.
    auto reading = w.math.read(c, *due);
    ASSERT_EQ(reading.remaining, 0);
    ASSERT_EQ(reading.status, ClockStatus::overdue);
  }
}
