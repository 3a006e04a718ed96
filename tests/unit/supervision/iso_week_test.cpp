// ISO 8601 week labels of the weekly report.
#include <gtest/gtest.h>

#include "services/supervision/weekly_report.hpp"

using ow::supervision::parse_iso_week;
namespace cal = ow::calendar;

TEST(IsoWeek, MondaysOfKnownWeeks) {
  EXPECT_EQ(cal::format_date(parse_iso_week("2026-W47").monday), "2026-11-16");
  EXPECT_EQ(cal::format_date(parse_iso_week("2026-W01").monday), "2025-12-29");  // week 1 holds 4 January
  EXPECT_EQ(cal::format_date(parse_iso_week("2020-W53").monday), "2020-12-28");
  EXPECT_EQ(cal::format_date(parse_iso_week("2026-W53").monday), "2026-12-28");  // 2026 begins on a Thursday: 53 weeks
  EXPECT_EQ(cal::format_date(parse_iso_week("2027-W01").monday), "2027-01-04");
}

TEST(IsoWeek, RejectsWhatIsNotAWeek) {
  for (const char* bad : {"2021-W53", "2026-W00", "2026-W54", "2026W47", "2026-47", "", "2026-W4"})
    EXPECT_THROW(parse_iso_week(bad), std::invalid_argument) << bad;
}
