// How the supervision reports write figures and text: a share as 12.5% (— for none), CSV fields quoted when
// they need it, HTML text escaped, and a section (title, a line about its period, a table) in either format.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace ow::supervision {

std::string percent(std::int64_t part, std::int64_t whole);
std::string csv_field(const std::string& s);
std::string html(const std::string& s);

struct ReportSection {
  std::string title;  // 12345热线工单, 大厅巡查, …
  std::string note;   // its period and what its figures mean
  std::vector<std::string> headers;
  std::vector<std::vector<std::string>> rows;
};

std::string section_csv(const ReportSection& s);
std::string section_html(const ReportSection& s);

}  // namespace ow::supervision
