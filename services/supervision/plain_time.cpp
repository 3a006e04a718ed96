// Instants in words.
#include "services/supervision/plain_time.hpp"

namespace ow::supervision {

std::string plain_time(const std::string& iso) {
  if (iso.size() < 10 || iso[4] != '-' || iso[7] != '-') return iso;
  const std::string day = iso.substr(0, 4) + "年" + std::to_string(std::stoi(iso.substr(5, 2))) + "月" +
                          std::to_string(std::stoi(iso.substr(8, 2))) + "日";
  return iso.size() >= 16 ? day + " " + iso.substr(11, 5) : day;
}

}  // namespace ow::supervision
