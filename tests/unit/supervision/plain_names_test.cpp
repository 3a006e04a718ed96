// What the supervision side writes for people: instants in words, districts by name.
#include <gtest/gtest.h>

#include "services/supervision/region_names.hpp"
#include "workflow/calendar/chinese_time.hpp"

namespace ow::supervision {

TEST(PlainTime, InstantsAndDatesInWords) {
  EXPECT_EQ(ow::calendar::chinese_time("2026-06-03T17:30:00+08:00"), "2026年6月3日 17:30");
  EXPECT_EQ(ow::calendar::chinese_time("2026-11-27 21:09:00+08"), "2026年11月27日 21:09");
  EXPECT_EQ(ow::calendar::chinese_time("2026-06-01"), "2026年6月1日");
  EXPECT_EQ(ow::calendar::chinese_time("soon"), "soon");
  EXPECT_EQ(ow::calendar::chinese_time("2026-xx-01"), "2026-xx-01");
}

TEST(RegionNames, DistrictsAndTheirStreetsByName) {
  catalog::Catalog c;
  c.regions["3301"] = {"3301", "杭州市"};
  c.regions["330106"] = {"330106", "西湖区"};
  const RegionNames regions = region_names_of(c);
  EXPECT_EQ(region_name(regions, "330106"), "西湖区");
  EXPECT_EQ(region_name(regions, "3301"), "杭州市");
  EXPECT_EQ(region_name(regions, "330106001"), "西湖区辖区街道");
  EXPECT_EQ(region_name(regions, "110101"), "");
  const auto names = region_names_json(regions, {"330106", "110101"});
  EXPECT_EQ(names.at("330106"), "西湖区");
  EXPECT_EQ(names.at("110101"), "区划110101");
}

}  // namespace ow::supervision
