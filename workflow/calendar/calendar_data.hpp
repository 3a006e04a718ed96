// The holiday data files: `date,kind,name` rows of official days off (`holiday`) and make-up workdays
// (`workday`). Parsing and checking are pure; reading the files is the caller's job.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "workflow/calendar/instant.hpp"

namespace ow::calendar {

enum class DayKind { holiday, workday };

struct CalendarEntry {
  Date date;
  DayKind kind;
  std::string name;
};

// One problem found in a data file, with its 1-based line number (0 when it concerns the whole file).
struct CalendarIssue {
  int line;
  std::string message;  // for the command line
  std::string chinese;  // the same for the console's administrator
};

// Parses the text of one file. Throws ParseError naming the line on a malformed row.
std::vector<CalendarEntry> parse_calendar_csv(std::string_view text);

// Everything wrong with a file that `onewindow calendar check` reports: malformed rows, dates out of order,
// duplicates, `workday` rows on a Monday–Friday, a year in the covered span with no rows. Empty when fine.
std::vector<CalendarIssue> check_calendar_csv(std::string_view text);

}  // namespace ow::calendar
