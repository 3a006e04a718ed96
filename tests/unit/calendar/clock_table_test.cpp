// Due instants at the holiday periods of 2018–2026, worked out by hand from the State Council notices.
#include <gtest/gtest.h>

#include "tests/support/embedded_calendar.hpp"
#include "workflow/calendar/clock.hpp"

using namespace ow::calendar;

namespace {

struct Fixture {
  WorkingTime time{ow::testing::embedded_calendar(), OfficeHours{}};
  ClockMath math{time};
};
Fixture& f() {
  static Fixture fixture;
  return fixture;
}

Clock clock_of(const char* accepted, const char* limit, std::vector<std::pair<const char*, const char*>> pauses = {}) {
  Clock c;
  c.started_at = parse_instant(accepted);
  c.limit = parse_limit(limit);
  for (auto [from, to] : pauses) {
    Pause p;
    p.start = parse_instant(from);
    if (to) p.end = parse_instant(to);
    p.reason = "supplement";
    c.pauses.push_back(p);
  }
  return c;
}

std::string due(const char* accepted, const char* limit, std::vector<std::pair<const char*, const char*>> pauses = {}) {
  auto d = f().math.due_at(clock_of(accepted, limit, std::move(pauses)));
  return d ? format_instant(*d) : "none";
}

struct Row {
  const char* accepted;
  const char* limit;
  const char* due;
  const char* why;
};

// clang-format off
const Row kTable[] = {
  // The issue's own examples.
  {"2019-09-27T16:00:00+08:00", "5wd", "2019-10-10T17:30:00+08:00", "National Day 2019; Sunday 9-29 worked"},
  {"2020-01-23T10:00:00+08:00", "3wd", "2020-02-05T17:30:00+08:00", "2020 Spring Festival extended to 2-02"},
  // 2018
  {"2018-02-09T15:00:00+08:00", "1wd", "2018-02-11T17:30:00+08:00", "Sunday 2018-02-11 is a make-up workday"},
  {"2018-02-14T09:00:00+08:00", "1wd", "2018-02-22T17:30:00+08:00", "Spring Festival 2018: 2-15..2-21 off"},
  {"2018-02-14T09:00:00+08:00", "2wd", "2018-02-23T17:30:00+08:00", "then Friday"},
  {"2018-02-14T09:00:00+08:00", "3wd", "2018-02-24T17:30:00+08:00", "Saturday 2-24 worked"},
  {"2018-04-04T11:00:00+08:00", "1wd", "2018-04-08T17:30:00+08:00", "Qingming 2018: 4-05..4-07 off, Sunday 4-08 worked"},
  {"2018-12-28T10:00:00+08:00", "1wd", "2018-12-29T17:30:00+08:00", "Saturday 2018-12-29 worked (2019 notice)"},
  {"2018-12-28T10:00:00+08:00", "2wd", "2019-01-02T17:30:00+08:00", "New Year 2019: 12-30..1-01 off"},
  // 2019, with the Labour Day amendment
  {"2019-04-26T10:00:00+08:00", "1wd", "2019-04-28T17:30:00+08:00", "Sunday 2019-04-28 worked"},
  {"2019-04-30T10:00:00+08:00", "1wd", "2019-05-05T17:30:00+08:00", "Labour Day 2019 amended: 5-01..5-04 off, Sunday 5-05 worked"},
  {"2019-04-30T10:00:00+08:00", "2wd", "2019-05-06T17:30:00+08:00", ""},
  {"2019-09-27T16:00:00+08:00", "1wd", "2019-09-29T17:30:00+08:00", ""},
  {"2019-09-27T16:00:00+08:00", "3wd", "2019-10-08T17:30:00+08:00", "10-01..10-07 off"},
  {"2019-09-27T16:00:00+08:00", "10wd", "2019-10-16T17:30:00+08:00", "Saturday 10-12 worked"},
  // 2020, with the Spring Festival extension
  {"2020-01-17T10:00:00+08:00", "1wd", "2020-01-19T17:30:00+08:00", "Sunday 2020-01-19 worked"},
  {"2020-01-22T10:00:00+08:00", "1wd", "2020-01-23T17:30:00+08:00", ""},
  {"2020-01-22T10:00:00+08:00", "2wd", "2020-02-03T17:30:00+08:00", "Saturday 2-01 not worked after the extension"},
  {"2020-09-30T10:00:00+08:00", "1wd", "2020-10-09T17:30:00+08:00", "National Day + Mid-Autumn 2020: 10-01..10-08 off"},
  {"2020-09-30T10:00:00+08:00", "2wd", "2020-10-10T17:30:00+08:00", "Saturday 10-10 worked"},
  // 2021–2026
  {"2021-02-09T10:00:00+08:00", "1wd", "2021-02-10T17:30:00+08:00", "2-10 is still worked"},
  {"2021-02-10T10:00:00+08:00", "1wd", "2021-02-18T17:30:00+08:00", "Spring Festival 2021: 2-11..2-17 off"},
  {"2021-02-10T10:00:00+08:00", "2wd", "2021-02-19T17:30:00+08:00", ""},
  {"2021-02-10T10:00:00+08:00", "3wd", "2021-02-20T17:30:00+08:00", "Saturday 2-20 worked"},
  {"2022-04-01T10:00:00+08:00", "1wd", "2022-04-02T17:30:00+08:00", "Saturday 2022-04-02 worked"},
  {"2022-04-01T10:00:00+08:00", "2wd", "2022-04-06T17:30:00+08:00", "Qingming 2022: 4-03..4-05 off"},
  {"2022-12-30T10:00:00+08:00", "1wd", "2023-01-03T17:30:00+08:00", "New Year 2023: 12-31..1-02 off"},
  {"2023-09-28T10:00:00+08:00", "1wd", "2023-10-07T17:30:00+08:00", "Mid-Autumn + National Day 2023: 9-29..10-06 off, Saturday 10-07 worked"},
  {"2024-02-08T10:00:00+08:00", "1wd", "2024-02-09T17:30:00+08:00", "除夕 2024-02-09 was a working day"},
  {"2024-02-09T10:00:00+08:00", "1wd", "2024-02-18T17:30:00+08:00", "Spring Festival 2024: 2-10..2-17 off, Sunday 2-18 worked"},
  {"2024-09-30T10:00:00+08:00", "1wd", "2024-10-08T17:30:00+08:00", "National Day 2024"},
  {"2025-01-24T10:00:00+08:00", "1wd", "2025-01-26T17:30:00+08:00", "Sunday 2025-01-26 worked"},
  {"2025-01-27T10:00:00+08:00", "1wd", "2025-02-05T17:30:00+08:00", "Spring Festival 2025: 1-28..2-04 off"},
  {"2026-12-30T10:00:00+08:00", "1wd", "2026-12-31T17:30:00+08:00", "last loaded day"},
  // 即办 (0wd)
  {"2019-09-27T16:00:00+08:00", "0wd", "2019-09-27T17:30:00+08:00", "same working day"},
  {"2019-09-27T12:30:00+08:00", "0wd", "2019-09-27T17:30:00+08:00", "accepted at lunch"},
  {"2019-09-27T17:30:00+08:00", "0wd", "2019-09-29T17:30:00+08:00", "at closing: next working day"},
  {"2019-09-27T18:00:00+08:00", "0wd", "2019-09-29T17:30:00+08:00", "after hours: next working day"},
  {"2019-09-28T10:00:00+08:00", "0wd", "2019-09-29T17:30:00+08:00", "on a day off"},
  {"2019-10-01T10:00:00+08:00", "0wd", "2019-10-08T17:30:00+08:00", "on a holiday"},
  // natural days (民法典 第二百零三条)
  {"2019-09-25T10:00:00+08:00", "5d", "2019-09-30T17:30:00+08:00", "ends on a working Monday"},
  {"2019-09-25T10:00:00+08:00", "6d", "2019-10-08T17:30:00+08:00", "ends on a holiday: next working day"},
  {"2019-09-24T10:00:00+08:00", "5d", "2019-09-29T17:30:00+08:00", "ends on a make-up Sunday: that day"},
  {"2026-11-20T10:00:00+08:00", "30d", "2026-12-21T17:30:00+08:00", "12-20 is a Sunday"},
  // working hours
  {"2019-09-27T16:00:00+08:00", "2wh", "2019-09-29T09:30:00+08:00", "1.5 h today, 0.5 h on the make-up Sunday"},
  {"2019-09-26T12:30:00+08:00", "1wh", "2019-09-26T14:30:00+08:00", "accepted at lunch: from 13:30"},
  {"2019-09-26T07:00:00+08:00", "3wh", "2019-09-26T12:00:00+08:00", "before opening: from 09:00, ends at noon"},
  {"2019-09-26T07:00:00+08:00", "7wh", "2019-09-26T17:30:00+08:00", ""},
  {"2019-09-26T07:00:00+08:00", "8wh", "2019-09-27T10:00:00+08:00", ""},
};
// clang-format on

}  // namespace

TEST(ClockTable, DueInstantsAtEveryHolidayPeriod) {
  for (const auto& r : kTable)
    EXPECT_EQ(due(r.accepted, r.limit), r.due) << r.accepted << " + " << r.limit << ": " << r.why;
}

TEST(ClockTable, AcceptanceInAnotherZoneCountsInBeijingTime) {
  // 2019-09-27T23:30 in Beijing is still 15:30 UTC on the 27th.
  EXPECT_EQ(due("2019-09-27T15:30:00Z", "1wd"), "2019-09-29T17:30:00+08:00");
  EXPECT_EQ(due("2019-09-26T16:30:00Z", "1wd"), "2019-09-29T17:30:00+08:00");  // 00:30 on the 27th in Beijing
}

TEST(ClockTable, PauseShiftsByThePausedWorkingTime) {
  // One working day (9-30) inside the pause; the holiday inside it costs nothing.
  EXPECT_EQ(due("2019-09-27T16:00:00+08:00", "5wd", {{"2019-09-30T09:00:00+08:00", "2019-10-08T09:00:00+08:00"}}),
            "2019-10-11T17:30:00+08:00");
  // Half a morning paused moves the due to 10:30 the next working day.
  EXPECT_EQ(due("2019-09-27T16:00:00+08:00", "5wd", {{"2019-10-08T09:00:00+08:00", "2019-10-08T10:30:00+08:00"}}),
            "2019-10-11T10:30:00+08:00");
  // A pause entirely on a weekend changes nothing.
  EXPECT_EQ(due("2019-10-08T10:00:00+08:00", "3wd", {{"2019-10-19T09:00:00+08:00", "2019-10-20T17:00:00+08:00"}}),
            due("2019-10-08T10:00:00+08:00", "3wd"));
  // A pause on the acceptance day, before counting starts, changes nothing.
  EXPECT_EQ(due("2019-10-08T10:00:00+08:00", "3wd", {{"2019-10-08T11:00:00+08:00", "2019-10-08T16:00:00+08:00"}}),
            due("2019-10-08T10:00:00+08:00", "3wd"));
  // A pause after the due instant changes nothing.
  EXPECT_EQ(due("2019-10-08T10:00:00+08:00", "1wd", {{"2019-10-10T09:00:00+08:00", "2019-10-11T09:00:00+08:00"}}),
            "2019-10-09T17:30:00+08:00");
  // Overlapping pauses (supplement during a special procedure) count once.
  EXPECT_EQ(due("2019-09-27T16:00:00+08:00", "5wd",
                {{"2019-09-30T09:00:00+08:00", "2019-10-08T09:00:00+08:00"},
                 {"2019-09-30T14:00:00+08:00", "2019-10-08T09:00:00+08:00"}}),
            "2019-10-11T17:30:00+08:00");
}

TEST(ClockTable, OpenPauseHasNoDueInstant) {
  EXPECT_EQ(due("2019-09-27T16:00:00+08:00", "5wd", {{"2019-09-30T09:00:00+08:00", nullptr}}), "none");
  auto c = clock_of("2019-09-27T16:00:00+08:00", "5wd", {{"2019-09-30T10:00:00+08:00", nullptr}});
  auto r = f().math.read(c, parse_instant("2019-10-09T10:00:00+08:00"));
  EXPECT_EQ(r.status, ClockStatus::paused);
  EXPECT_EQ(r.consumed, 420 * 60 + 3600);  // 9-29, and one hour on 9-30 before the pause
  EXPECT_EQ(r.remaining, 4 * 420 * 60 - 3600);
  EXPECT_FALSE(r.due_at);
}

TEST(ClockTable, ExtensionAddsToTheBudget) {
  auto c = clock_of("2019-09-27T16:00:00+08:00", "5wd");
  c.extension_seconds = 2 * 420 * 60;
  EXPECT_EQ(format_instant(*f().math.due_at(c)), "2019-10-12T17:30:00+08:00");
}

TEST(ClockTable, WarningOneWorkingDayBeforeOrHalfwayForShortBudgets) {
  auto five = clock_of("2019-09-27T16:00:00+08:00", "5wd");
  EXPECT_EQ(format_instant(*f().math.warn_at(five)), "2019-10-09T17:30:00+08:00");
  auto one = clock_of("2019-09-26T10:00:00+08:00", "1wd");
  EXPECT_EQ(format_instant(*f().math.warn_at(one)), "2019-09-27T14:00:00+08:00");  // 210 of 420 minutes
  auto hours = clock_of("2019-09-26T09:00:00+08:00", "2wh");
  EXPECT_EQ(format_instant(*f().math.warn_at(hours)), "2019-09-26T10:00:00+08:00");
  auto custom = five;
  custom.warn_remaining_seconds = 2 * 420 * 60;
  EXPECT_EQ(format_instant(*f().math.warn_at(custom)), "2019-10-08T17:30:00+08:00");
}

TEST(ClockTable, StatusThroughALifetime) {
  auto c = clock_of("2019-09-27T16:00:00+08:00", "5wd");
  auto at = [&](const char* now) { return f().math.read(c, parse_instant(now)); };
  EXPECT_EQ(at("2019-09-27T17:00:00+08:00").status, ClockStatus::running);
  EXPECT_EQ(at("2019-09-27T17:00:00+08:00").consumed, 0);
  EXPECT_EQ(at("2019-09-30T10:00:00+08:00").consumed, 420 * 60 + 3600);
  EXPECT_EQ(at("2019-10-09T17:30:00+08:00").status, ClockStatus::warning);
  EXPECT_EQ(at("2019-10-10T17:29:59+08:00").status, ClockStatus::warning);
  EXPECT_EQ(at("2019-10-10T17:30:00+08:00").status, ClockStatus::overdue);
  EXPECT_EQ(at("2019-10-11T09:30:00+08:00").remaining, -1800);
  c.stopped_at = parse_instant("2019-10-08T12:00:00+08:00");
  auto stopped = at("2019-10-20T10:00:00+08:00");
  EXPECT_EQ(stopped.status, ClockStatus::stopped);
  EXPECT_EQ(stopped.consumed, 2 * 420 * 60 + 3 * 3600);  // 9-29, 9-30 and the morning of 10-08
}

TEST(ClockTable, RecomputesWhenTheCalendarChanges) {
  // The same clock over a calendar that declares 2019-10-08 a day off too.
  auto entries = parse_calendar_csv(ow::testing::embedded_calendar_csv());
  entries.push_back({parse_date("2019-10-08"), DayKind::holiday, "test"});
  std::erase_if(entries, [](const CalendarEntry& e) { return e.date == parse_date("2019-10-12"); });
  WorkCalendar changed(entries);
  WorkingTime time(changed, OfficeHours{});
  auto c = clock_of("2019-09-27T16:00:00+08:00", "5wd");
  EXPECT_EQ(format_instant(*ClockMath(time).due_at(c)), "2019-10-11T17:30:00+08:00");
  EXPECT_EQ(format_instant(*f().math.due_at(c)), "2019-10-10T17:30:00+08:00");
}

TEST(ClockTable, BeyondTheLoadedYearsIsAnError) {
  EXPECT_THROW(due("2026-12-30T10:00:00+08:00", "2wd"), CalendarRangeError);
}

TEST(Limit, ParsesTheFourForms) {
  EXPECT_EQ(parse_limit("5wd"), (Limit{Limit::Kind::working_days, 5}));
  EXPECT_TRUE(parse_limit("0wd").immediate());
  EXPECT_EQ(parse_limit("30d"), (Limit{Limit::Kind::natural_days, 30}));
  EXPECT_EQ(parse_limit("2wh").to_string(), "2wh");
  for (const char* bad : {"", "wd", "5", "5w", "-1wd", "0d", "0wh", "5 wd", "99999wd", "1.5wd"})
    EXPECT_THROW(parse_limit(bad), ParseError) << bad;
}
