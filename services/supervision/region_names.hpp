// The names of the administrative divisions (区划) a supervisor's figures are grouped by, so that screens and
// reports say 西湖区, not 330106: from the catalog's regions (config/catalog/halls.yaml); a code below a known
// district (a street, 9+ digits) is named after its district.
#pragma once

#include <boost/json/object.hpp>
#include <map>
#include <string>
#include <vector>

#include "workflow/catalog/model.hpp"

namespace ow::supervision {

using RegionNames = std::map<std::string, std::string>;  // code → name

RegionNames region_names_of(const catalog::Catalog& c);
// 西湖区 for 330106, 西湖区辖区街道 for 330106001; "" when the code is not known.
std::string region_name(const RegionNames& names, const std::string& code);
// {"<code>": "<name>", …} for the given codes, each named (an unknown code: 区划 followed by the code).
boost::json::object region_names_json(const RegionNames& names, const std::vector<std::string>& codes);

}  // namespace ow::supervision
