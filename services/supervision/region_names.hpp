// The names of the administrative divisions (区划) a supervisor's figures are grouped by, so that screens and
// reports say 西湖区, not 330106. The demo city's divisions (GB/T 2260); a code below a known district (a
// street, 9+ digits) is named after its district.
#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <vector>

namespace ow::supervision {

// 西湖区 for 330106, 西湖区辖区街道 for 330106001; "" when the code is not known.
std::string region_name(const std::string& code);
// {"<code>": "<name>", …} for the given codes, each named (an unknown code: 区划 followed by the code).
boost::json::object region_names_json(const std::vector<std::string>& codes);

}  // namespace ow::supervision
