// application/x-www-form-urlencoded text (a query string or a form body) as a map, percent-decoded.
#pragma once

#include <map>
#include <string>

namespace ow::simulator {

std::string percent_decode(const std::string& text);
std::map<std::string, std::string> form_fields(const std::string& text);

}  // namespace ow::simulator
