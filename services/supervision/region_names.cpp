// The divisions' names (GB/T 2260, 2023: 杭州市 after the 2021 redrawing of its districts).
#include "services/supervision/region_names.hpp"

#include <map>

namespace ow::supervision {

std::string region_name(const std::string& code) {
  static const std::map<std::string, std::string> names = {
      {"33", "浙江省"},     {"3301", "杭州市"},   {"330100", "杭州市"}, {"330102", "上城区"},
      {"330105", "拱墅区"}, {"330106", "西湖区"}, {"330108", "滨江区"}, {"330109", "萧山区"},
      {"330110", "余杭区"}, {"330111", "富阳区"}, {"330112", "临安区"}, {"330113", "临平区"},
      {"330114", "钱塘区"}, {"330122", "桐庐县"}, {"330127", "淳安县"}, {"330182", "建德市"},
  };
  if (auto it = names.find(code); it != names.end()) return it->second;
  if (code.size() > 6)
    if (auto it = names.find(code.substr(0, 6)); it != names.end()) return it->second + "辖区街道";
  return "";
}

boost::json::object region_names_json(const std::vector<std::string>& codes) {
  boost::json::object out;
  for (const auto& c : codes) {
    const std::string name = region_name(c);
    out[c] = name.empty() ? "区划" + c : name;
  }
  return out;
}

}  // namespace ow::supervision
