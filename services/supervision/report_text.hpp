// Text helpers of the supervision reports (weekly report, sampling frame, 回访情况): CSV fields, HTML text and
// percentages as people read them.
#pragma once

#include <cstdint>
#include <map>
#include <string>

namespace ow::supervision {

// A CSV field, quoted when it holds a comma, a quote or a line break.
std::string csv_field(const std::string& s);
// Text for an HTML page: <, > and & escaped.
std::string html_text(const std::string& s);
// "96.0%", or "—" when there is nothing to divide by.
std::string percent(std::int64_t part, std::int64_t whole);
// The name of a code from a catalog map, or the code itself when it is not named.
std::string name_or_code(const std::map<std::string, std::string>& names, const std::string& code);

}  // namespace ow::supervision
