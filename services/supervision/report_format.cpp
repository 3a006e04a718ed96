// Report formatting.
#include "services/supervision/report_format.hpp"

#include <iomanip>
#include <sstream>

namespace ow::supervision {

std::string percent(std::int64_t part, std::int64_t whole) {
  if (whole == 0) return "—";
  std::ostringstream o;
  o << std::fixed << std::setprecision(1) << 100.0 * static_cast<double>(part) / static_cast<double>(whole) << "%";
  return o.str();
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string html(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '<')
      out += "&lt;";
    else if (c == '>')
      out += "&gt;";
    else if (c == '&')
      out += "&amp;";
    else
      out += c;
  }
  return out;
}

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
  o << "<h2>" << html(s.title) << "（" << s.rows.size() << "）</h2>";
  if (!s.note.empty()) o << "<p class=\"note\">" << html(s.note) << "</p>";
  o << "<table><tr>";
  for (const auto& h : s.headers) o << "<th>" << html(h) << "</th>";
  o << "</tr>";
  for (const auto& row : s.rows) {
    o << "<tr>";
    for (const auto& v : row) o << "<td>" << html(v) << "</td>";
    o << "</tr>";
  }
  if (s.rows.empty()) o << "<tr><td colspan=\"" << s.headers.size() << "\">无</td></tr>";
  o << "</table>";
  return o.str();
}

}  // namespace ow::supervision
