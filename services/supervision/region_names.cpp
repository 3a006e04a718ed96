// The divisions' names, from the catalog.
#include "services/supervision/region_names.hpp"

namespace ow::supervision {

RegionNames region_names_of(const catalog::Catalog& c) {
  RegionNames out;
  for (const auto& [code, r] : c.regions) out[code] = r.name;
  return out;
}

std::string region_name(const RegionNames& names, const std::string& code) {
  if (auto it = names.find(code); it != names.end()) return it->second;
  if (code.size() > 6)
    if (auto it = names.find(code.substr(0, 6)); it != names.end()) return it->second + "辖区街道";
  return "";
}

boost::json::object region_names_json(const RegionNames& names, const std::vector<std::string>& codes) {
  boost::json::object out;
  for (const auto& c : codes) {
    const std::string name = region_name(names, c);
    out[c] = name.empty() ? "区划" + c : name;
  }
  return out;
}

}  // namespace ow::supervision
