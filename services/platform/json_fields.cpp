// Reading text fields of request bodies.
#include "services/platform/json_fields.hpp"

#include "services/platform/problem.hpp"

namespace ow::platform {

std::string text_field(const boost::json::object& o, const char* name, bool required, std::size_t max) {
  const auto it = o.find(name);
  const bool absent =
      it == o.end() || it->value().is_null() || (it->value().is_string() && it->value().as_string().empty());
  if (absent) {
    if (required) throw problems::bad_request(std::string("'") + name + "' is required", name);
    return {};
  }
  if (!it->value().is_string() || it->value().as_string().size() > max)
    throw problems::bad_request(
        std::string("'") + name + "' must be a string of at most " + std::to_string(max) + " bytes", name);
  return std::string(it->value().as_string());
}

std::vector<std::string> material_ids(const boost::json::object& o, const char* name) {
  auto it = o.find(name);
  if (it == o.end() || !it->value().is_array() || it->value().as_array().empty())
    throw problems::bad_request(std::string("'") + name + "' lists what the applicant must bring", name);
  std::vector<std::string> out;
  for (const auto& m : it->value().as_array()) {
    if (!m.is_string()) throw problems::bad_request(std::string("'") + name + "' lists material ids", name);
    out.emplace_back(m.as_string());
  }
  return out;
}

std::optional<calendar::Date> date_field(const boost::json::object& o, const char* name) {
  const std::string text = text_field(o, name, false, 10);
  if (text.empty()) return std::nullopt;
  try {
    return calendar::parse_date(text);
  } catch (const calendar::ParseError&) {
    throw problems::bad_request(std::string("'") + name + "' must be a date YYYY-MM-DD", name);
  }
}

std::optional<std::string> optional_text_field(const boost::json::object& o, const char* name, std::size_t max) {
  std::string v = text_field(o, name, false, max);
  return v.empty() ? std::nullopt : std::optional<std::string>(std::move(v));
}

boost::json::value text_or_null(const std::optional<std::string>& s) {
  return s ? boost::json::value(*s) : boost::json::value(nullptr);
}

}  // namespace ow::platform
