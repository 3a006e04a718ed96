// A section of a supervision report (title, a line about its period, a table) in CSV or HTML; the figures and
// text inside it are written by report_text (percentages, CSV fields, escaped HTML).
#pragma once

#include <string>
#include <vector>

#include "services/supervision/report_text.hpp"

namespace ow::supervision {

struct ReportSection {
  std::string title;  // 12345热线工单, 大厅巡查, …
  std::string note;   // its period and what its figures mean
  std::vector<std::string> headers;
  std::vector<std::vector<std::string>> rows;
};

std::string section_csv(const ReportSection& s);
std::string section_html(const ReportSection& s);

}  // namespace ow::supervision
