// Instants and dates in words.
#include "workflow/calendar/chinese_time.hpp"

namespace ow::calendar {
namespace {

bool digits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return !s.empty();
}

}  // namespace

std::string chinese_time(std::string_view iso) {
  if (iso.size() < 10 || iso[4] != '-' || iso[7] != '-' || !digits(iso.substr(0, 4)) || !digits(iso.substr(5, 2)) ||
      !digits(iso.substr(8, 2)))
    return std::string(iso);
  std::string out = std::string(iso.substr(0, 4)) + "年" + std::to_string(std::stoi(std::string(iso.substr(5, 2)))) +
                    "月" + std::to_string(std::stoi(std::string(iso.substr(8, 2)))) + "日";
  if (iso.size() >= 16 && (iso[10] == 'T' || iso[10] == ' ') && digits(iso.substr(11, 2)) && iso[13] == ':' &&
      digits(iso.substr(14, 2)))
    out += " " + std::string(iso.substr(11, 5));
  return out;
}

}  // namespace ow::calendar
