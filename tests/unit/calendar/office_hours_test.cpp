// Office hours: parsing and the working seconds of a day.
#include <gtest/gtest.h>

#include "workflow/calendar/instant.hpp"
#include "workflow/calendar/office_hours.hpp"

using namespace ow::calendar;

TEST(OfficeHours, DefaultIs420MinutesADay) {
  OfficeHours h;
  EXPECT_EQ(h.seconds_per_day(), 420 * 60);
  EXPECT_EQ(h.to_string(), "09:00-12:00,13:30-17:30");
  EXPECT_EQ(h.worked_before(8 * 3600), 0);
  EXPECT_EQ(h.worked_before(10 * 3600), 3600);
  EXPECT_EQ(h.worked_before(13 * 3600), 3 * 3600);  // lunch
  EXPECT_EQ(h.worked_before(20 * 3600), 420 * 60);
  EXPECT_EQ(h.second_at(0), 9 * 3600);
  EXPECT_EQ(h.second_at(3 * 3600), 12 * 3600);  // the earliest second: noon, not 13:30
  EXPECT_EQ(h.second_at(3 * 3600 + 1), 13 * 3600 + 1800 + 1);
  EXPECT_EQ(h.second_at(420 * 60), 17 * 3600 + 1800);
}

TEST(OfficeHours, ParsesAndRejects) {
  EXPECT_EQ(OfficeHours::parse("08:30-12:00, 14:00-18:00").seconds_per_day(), (210 + 240) * 60);
  for (const char* bad : {"", "9:00-12:00", "12:00-09:00", "09:00-12:00,11:00-13:00", "09:00", "25:00-26:00"})
    EXPECT_THROW(OfficeHours::parse(bad), ParseError) << bad;
}
