// Instants and dates in China Standard Time: parsing, formatting, weekdays.
#include <gtest/gtest.h>

#include "workflow/calendar/instant.hpp"

using namespace ow::calendar;

TEST(Instant, ParsesOffsetsAndZuluToTheSameInstant) {
  EXPECT_EQ(parse_instant("2019-09-27T16:00:00+08:00"), parse_instant("2019-09-27T08:00:00Z"));
  EXPECT_EQ(parse_instant("2019-09-27T16:00:00+08:00"), parse_instant("2019-09-27T03:00:00-05:00"));
  EXPECT_EQ(parse_instant("2019-09-27T16:00:00.750+08:00"), parse_instant("2019-09-27T16:00:00+08:00"));
  EXPECT_EQ(parse_instant("1970-01-01T00:00:00Z"), 0);
}

TEST(Instant, FormatsInChinaStandardTime) {
  EXPECT_EQ(format_instant(parse_instant("2019-10-10T09:30:00Z")), "2019-10-10T17:30:00+08:00");
  EXPECT_EQ(format_instant(parse_instant("2019-12-31T20:00:00Z")), "2020-01-01T04:00:00+08:00");
}

TEST(Instant, DateOfAnInstantIsTheCstDate) {
  // 17:00 UTC is already the next day in Beijing.
  EXPECT_EQ(format_date(cst_date(parse_instant("2020-01-22T17:00:00Z"))), "2020-01-23");
  EXPECT_EQ(cst_second_of_day(parse_instant("2020-01-22T17:00:00Z")), 3600);
}

TEST(Instant, RejectsMalformedText) {
  for (const char* bad : {"", "2019-09-27", "2019-09-27T16:00:00", "2019-09-27T16:00+08:00", "2019-02-30T10:00:00Z",
                          "2019-09-27T24:00:00Z", "2019-09-27T16:00:00+8:00", "2019-09-27T16:00:00Zjunk",
                          "abcd-09-27T16:00:00Z", "2019-09-27T16:00:00."})
    EXPECT_THROW(parse_instant(bad), ParseError) << bad;
}

TEST(Date, WeekdaysAndValidation) {
  EXPECT_EQ(weekday(parse_date("2019-09-29")), 6);  // a Sunday
  EXPECT_EQ(weekday(parse_date("2020-02-03")), 0);  // a Monday
  EXPECT_TRUE(is_weekend(parse_date("2026-11-22")));
  EXPECT_EQ(format_date(parse_date("2024-02-29")), "2024-02-29");
  EXPECT_THROW(parse_date("2023-02-29"), ParseError);
  EXPECT_THROW(parse_date("2023-2-28"), ParseError);
}

// There is no year 0000 (PostgreSQL refuses it): a date or instant in it is a parse error, never a 500 later.
TEST(Instant, YearZeroIsNotADate) {
  EXPECT_THROW(ow::calendar::parse_date("0000-01-01"), ow::calendar::ParseError);
  EXPECT_THROW(ow::calendar::parse_instant("0000-01-01T00:00:00Z"), ow::calendar::ParseError);
  EXPECT_EQ(ow::calendar::format_date(ow::calendar::parse_date("0001-01-01")), "0001-01-01");
}
