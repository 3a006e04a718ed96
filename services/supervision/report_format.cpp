// Report sections in CSV and HTML.
#include "services/supervision/report_format.hpp"

#include <sstream>

namespace ow::supervision {

std::string section_csv(const ReportSection& s) {
  std::ostringstream o;
  o << "\n" << csv_field(s.title) << "," << csv_field(s.note) << "\n";
  for (std::size_t i = 0; i < s.headers.size(); ++i) o << (i ? "," : "") << csv_field(s.headers[i]);
  o << "\n";
  for (const auto& row : s.rows) {
    for (std::size_t i = 0; i < row.size(); ++i) o << (i ? "," : "") << csv_field(row[i]);
    o << "\n";
  }
  return o.str();
}

std::string section_html(const ReportSection& s) {
  std::ostringstream o;
  o << "<h2>" << html_text(s.title) << "（" << s.rows.size() << "）</h2>";
  if (!s.note.empty()) o << "<p class=\"note\">" << html_text(s.note) << "</p>";
  o << "<table><tr>";
  for (const auto& h : s.headers) o << "<th>" << html_text(h) << "</th>";
  o << "</tr>";
  for (const auto& row : s.rows) {
    o << "<tr>";
    for (const auto& v : row) o << "<td>" << html_text(v) << "</td>";
    o << "</tr>";
  }
  if (s.rows.empty()) o << "<tr><td colspan=\"" << s.headers.size() << "\">无</td></tr>";
  o << "</table>";
  return o.str();
}

}  // namespace ow::supervision
