// The holiday data file format and `calendar check`'s rules.
#include <gtest/gtest.h>

#include "tests/support/embedded_calendar.hpp"
#include "workflow/calendar/calendar_data.hpp"

using namespace ow::calendar;

namespace {
bool mentions(const std::vector<CalendarIssue>& issues, const std::string& text, int line) {
  for (const auto& i : issues)
    if (i.line == line && i.message.find(text) != std::string::npos) return true;
  return false;
}
}  // namespace

TEST(CalendarData, TheProjectsOwnFileIsClean) {
  auto issues = check_calendar_csv(ow::testing::embedded_calendar_csv());
  for (const auto& i : issues) ADD_FAILURE() << i.line << ": " << i.message;
  auto entries = parse_calendar_csv(ow::testing::embedded_calendar_csv());
  EXPECT_EQ(entries.size(), 314u);
}

TEST(CalendarData, ParsesRowsWithNames) {
  auto e = parse_calendar_csv("date,kind,name\n2027-01-01,holiday,元旦\r\n2027-02-06,workday,春节\n");
  ASSERT_EQ(e.size(), 2u);
  EXPECT_EQ(e[0].kind, DayKind::holiday);
  EXPECT_EQ(e[0].name, "元旦");
  EXPECT_EQ(e[1].kind, DayKind::workday);
}

TEST(CalendarData, MalformedRowIsAParseErrorNamingTheLine) {
  try {
    parse_calendar_csv("date,kind,name\n2027-01-01,holiday,元旦\n2027-01-02,vacation,x\n");
    FAIL();
  } catch (const ParseError& e) {
    EXPECT_NE(std::string(e.what()).find("line 3"), std::string::npos) << e.what();
  }
}

TEST(CalendarData, CheckFindsEveryProblemWithItsLine) {
  const char* text =
      "date,kind,name\n"
      "2027-01-01,holiday,元旦\n"
      "2027-02-10,holiday,春节\n"
      "2027-02-09,holiday,春节\n"   // out of order
      "2027-02-10,holiday,春节\n"   // twice
      "2027-02-08,workday,春节\n"   // a Monday
      "2027-02-31,holiday,春节\n"   // no such date
      "2029-01-01,holiday,元旦\n";  // 2028 is then empty
  auto issues = check_calendar_csv(text);
  EXPECT_TRUE(mentions(issues, "out of order", 4));
  EXPECT_TRUE(mentions(issues, "twice", 5));
  EXPECT_TRUE(mentions(issues, "Monday–Friday", 6));
  EXPECT_TRUE(mentions(issues, "no such date", 7));
  EXPECT_TRUE(mentions(issues, "year 2028 has no rows", 0));
  EXPECT_TRUE(mentions(issues, "out of order", 6));  // 02-08 also comes after 02-10
  EXPECT_EQ(issues.size(), 6u);
}

TEST(CalendarData, CheckRejectsAnEmptyFile) {
  EXPECT_TRUE(mentions(check_calendar_csv("date,kind,name\n"), "no dates", 0));
}

TEST(CalendarData, WeekendWorkdayIsFine) {
  EXPECT_TRUE(check_calendar_csv("date,kind,name\n2027-02-06,workday,春节\n").empty());  // a Saturday
}
