// Working days over the official data, against an independent day-by-day oracle for every day of 2018–2026.
#include <gtest/gtest.h>

#include <map>

#include "tests/support/embedded_calendar.hpp"
#include "workflow/calendar/work_calendar.hpp"

using namespace ow::calendar;

namespace {
const WorkCalendar& cal() { return ow::testing::embedded_calendar(); }

// The oracle: the rule of issue 3 applied literally, one day at a time.
bool oracle_workday(Date d) {
  static const auto listed = [] {
    std::map<Date, DayKind> m;
    for (const auto& e : parse_calendar_csv(ow::testing::embedded_calendar_csv())) m[e.date] = e.kind;
    return m;
  }();
  auto it = listed.find(d);
  if (it != listed.end()) return it->second == DayKind::workday;
  return !is_weekend(d);
}
}  // namespace

TEST(WorkCalendar, KnownDays) {
  EXPECT_TRUE(cal().is_workday(parse_date("2019-09-29")));  // make-up Sunday before National Day
  EXPECT_FALSE(cal().is_workday(parse_date("2019-10-07")));
  EXPECT_TRUE(cal().is_workday(parse_date("2019-10-12")));  // make-up Saturday
  EXPECT_TRUE(cal().is_workday(parse_date("2019-04-28")));  // 2019 Labour Day amendment
  EXPECT_FALSE(cal().is_workday(parse_date("2019-05-03")));
  EXPECT_FALSE(cal().is_workday(parse_date("2019-05-04")));
  EXPECT_TRUE(cal().is_workday(parse_date("2019-05-05")));
  EXPECT_FALSE(cal().is_workday(parse_date("2020-01-31")));  // 2020 Spring Festival extension
  EXPECT_FALSE(cal().is_workday(parse_date("2020-02-01")));  // was to be worked, then not
  EXPECT_TRUE(cal().is_workday(parse_date("2020-02-03")));
  EXPECT_TRUE(cal().is_workday(parse_date("2018-12-29")));  // from the 2019 notice
  EXPECT_FALSE(cal().is_workday(parse_date("2022-12-31")));
  EXPECT_FALSE(cal().is_workday(parse_date("2026-11-22")));  // an ordinary Sunday
  EXPECT_TRUE(cal().is_workday(parse_date("2026-11-23")));
}

TEST(WorkCalendar, EveryDayMatchesTheOracle) {
  for (Date d = parse_date("2018-01-01"); d <= parse_date("2026-12-31"); ++d)
    ASSERT_EQ(cal().is_workday(d), oracle_workday(d)) << format_date(d);
}

TEST(WorkCalendar, AddWorkingDaysMatchesWalkingDayByDay) {
  const Date last = parse_date("2026-11-30");
  for (Date d = parse_date("2018-01-01"); d <= last; ++d) {
    Date walked = d;
    for (int n = 1; n <= 20; ++n) {
      do ++walked;
      while (!oracle_workday(walked));
      ASSERT_EQ(cal().add_working_days(d, n), walked) << format_date(d) << " + " << n;
      ASSERT_EQ(cal().working_days_between(d, walked), n);
    }
  }
}

TEST(WorkCalendar, WorkingDaysBetweenIsHalfOpen) {
  EXPECT_EQ(cal().working_days_between(parse_date("2019-09-27"), parse_date("2019-10-10")), 5);
  EXPECT_EQ(cal().working_days_between(parse_date("2019-10-10"), parse_date("2019-09-27")), 0);
  EXPECT_EQ(cal().working_days_between(parse_date("2019-10-10"), parse_date("2019-10-10")), 0);
}

TEST(WorkCalendar, OutsideTheLoadedYearsIsAnError) {
  EXPECT_EQ(cal().first_year(), 2018);
  EXPECT_EQ(cal().last_year(), 2026);
  EXPECT_THROW(cal().is_workday(parse_date("2027-01-04")), CalendarRangeError);
  EXPECT_THROW(cal().is_workday(parse_date("2017-12-29")), CalendarRangeError);
  EXPECT_EQ(cal().add_working_days(parse_date("2026-12-30"), 1), parse_date("2026-12-31"));
  EXPECT_THROW(cal().add_working_days(parse_date("2026-12-30"), 2), CalendarRangeError);
  try {
    cal().is_workday(parse_date("2027-03-01"));
  } catch (const CalendarRangeError& e) {
    EXPECT_STREQ(e.what(), "2027-03-01 is outside the loaded calendar years 2018–2026");
  }
}

TEST(WorkCalendar, WeekdayFallbackIsOptInAndReported) {
  std::vector<Date> warned;
  WorkCalendar::Options options;
  options.weekday_fallback = true;
  options.on_fallback = [&](Date d) { warned.push_back(d); };
  WorkCalendar fallback(parse_calendar_csv(ow::testing::embedded_calendar_csv()), options);
  EXPECT_TRUE(fallback.is_workday(parse_date("2027-01-04")));   // a Monday
  EXPECT_FALSE(fallback.is_workday(parse_date("2027-01-09")));  // a Saturday
  EXPECT_EQ(warned.size(), 2u);
  // 2026-12-31 (Thu) is the first; by the weekday rule 2027-01-01 (Fri) is the second, Monday 2027-01-04 the third.
  EXPECT_EQ(fallback.add_working_days(parse_date("2026-12-30"), 3), parse_date("2027-01-04"));
  EXPECT_EQ(fallback.add_working_days(parse_date("2026-12-31"), 10), parse_date("2027-01-14"));
  EXPECT_EQ(fallback.working_days_between(parse_date("2026-12-31"), parse_date("2027-01-14")), 10);
  EXPECT_GT(warned.size(), 2u);
  EXPECT_TRUE(fallback.is_workday(parse_date("2017-12-29")));
  EXPECT_EQ(fallback.add_working_days(parse_date("2017-12-29"), 1), parse_date("2018-01-02"));
}

TEST(WorkCalendar, RejectsDuplicateDatesAcrossFiles) {
  auto entries = parse_calendar_csv("date,kind,name\n2027-01-01,holiday,元旦\n");
  entries.push_back(entries.front());
  EXPECT_THROW(WorkCalendar{entries}, std::invalid_argument);
  EXPECT_THROW(WorkCalendar{{}}, std::invalid_argument);
}
