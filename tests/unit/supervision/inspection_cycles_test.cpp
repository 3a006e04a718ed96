// The inspection kinds' own cycles in the weekly bulletin (issue 18): each covers the seven days before its
// inspection day, starting on that same weekday.
#include <gtest/gtest.h>

#include "services/supervision/inspection_cycles.hpp"

using namespace ow::supervision;
namespace cal = ow::calendar;

TEST(InspectionCycles, EachKindCoversItsOwnWeekdayToTheDayBefore) {
  const cal::Date monday = cal::parse_date("2026-11-23");  // 2026-W48
  const auto hall = cycle_in_week(*inspection_kind("大厅巡查"), monday);
  EXPECT_EQ(cal::format_date(hall.held), "2026-11-26");
  EXPECT_EQ(cal::format_date(hall.first), "2026-11-19");
  EXPECT_EQ(cal::weekday(hall.first), 3);  // Thursday …
  EXPECT_EQ(cal::format_date(hall.last), "2026-11-25");
  EXPECT_EQ(cal::weekday(hall.last), 2);  // … to Wednesday
  const auto self = cycle_in_week(*inspection_kind("district_self_check"), monday);
  EXPECT_EQ(cal::format_date(self.first), "2026-11-20");  // Friday
  EXPECT_EQ(cal::format_date(self.last), "2026-11-26");   // Thursday
  const auto guide = cycle_in_week(*inspection_kind("办事指南一致性检查"), monday);
  EXPECT_EQ(cal::format_date(guide.held), "2026-11-25");  // Wednesday
  EXPECT_EQ(cal::format_date(guide.first), "2026-11-18");
  EXPECT_EQ(cal::format_date(guide.last), "2026-11-24");  // Tuesday
  EXPECT_FALSE(inspection_kind("月度检查"));
  EXPECT_STREQ(weekday_name(3), "周四");
}
