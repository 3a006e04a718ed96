// SMS templates, rendering and the ID-number guard.
#include "workflow/notify/sms_text.hpp"

#include <algorithm>
#include <stdexcept>

#include "workflow/flow/identity.hpp"

namespace ow::notify {
namespace {

bool id_char(char c, bool last) { return (c >= '0' && c <= '9') || (last && (c == 'X' || c == 'x')); }
bool alnum(char c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

}  // namespace

const std::vector<std::string>& sms_placeholders() {
  static const std::vector<std::string> names = {"case_number", "bundle", "date",    "due_date",
                                                 "materials",   "hall",   "delivery"};
  return names;
}

std::string check_sms_template(std::string_view tmpl) {
  if (tmpl.empty()) return "the template is empty";
  std::size_t pos = 0;
  while (pos < tmpl.size()) {
    const auto open = tmpl.find_first_of("{}", pos);
    if (open == std::string_view::npos) break;
    if (tmpl[open] == '}') return "a '}' without its '{'";
    const auto close = tmpl.find('}', open);
    if (close == std::string_view::npos) return "a '{' without its '}'";
    const std::string name(tmpl.substr(open + 1, close - open - 1));
    const auto& known = sms_placeholders();
    if (std::find(known.begin(), known.end(), name) == known.end())
      return "unknown placeholder {" + name + "} (known: case_number, bundle, date, due_date, materials, hall, delivery)";
    pos = close + 1;
  }
  return {};
}

std::string render_sms(std::string_view tmpl, const std::map<std::string, std::string>& values) {
  if (auto why = check_sms_template(tmpl); !why.empty()) throw std::invalid_argument(why);
  std::string out;
  std::size_t pos = 0;
  while (pos < tmpl.size()) {
    const auto open = tmpl.find('{', pos);
    if (open == std::string_view::npos) {
      out += tmpl.substr(pos);
      break;
    }
    out += tmpl.substr(pos, open - pos);
    const auto close = tmpl.find('}', open);
    const auto it = values.find(std::string(tmpl.substr(open + 1, close - open - 1)));
    if (it != values.end()) out += it->second;
    pos = close + 1;
  }
  return out;
}

std::string mask_id_numbers(std::string text, const std::vector<std::string>& known) {
  for (const auto& id : known) {
    if (id.size() < 8) continue;
    const std::string mask = flow::mask_id(id);
    for (auto at = text.find(id); at != std::string::npos; at = text.find(id, at + mask.size()))
      text.replace(at, id.size(), mask);
  }
  // Stand-alone runs of 18 ID characters (bounded by anything but letters and digits).
  std::size_t i = 0;
  while (i < text.size()) {
    if (!id_char(text[i], false) || (i > 0 && alnum(text[i - 1]))) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < text.size() && j - i < 17 && id_char(text[j], false)) ++j;
    if (j - i == 17 && j < text.size() && id_char(text[j], true) && (j + 1 == text.size() || !alnum(text[j + 1]))) {
      const std::string mask = flow::mask_id(std::string_view(text).substr(i, 18));
      text.replace(i, 18, mask);
      i += mask.size();
    } else {
      i = j + 1;
    }
  }
  return text;
}

std::string chinese_date(calendar::Date d) {
  const std::string iso = calendar::format_date(d);  // YYYY-MM-DD
  return iso.substr(0, 4) + "年" + std::to_string(std::stoi(iso.substr(5, 2))) + "月" +
         std::to_string(std::stoi(iso.substr(8, 2))) + "日";
}

}  // namespace ow::notify
