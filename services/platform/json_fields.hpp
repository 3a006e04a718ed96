// Text fields of a JSON request body, read at the boundary: one rule for every handler.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "workflow/calendar/instant.hpp"

namespace ow::platform {

// The string `name` of `o`. Missing, null or empty: a 400 problem naming the field when `required`, else "".
// Not a string, or longer than `max` bytes: a 400 problem naming the field.
std::string text_field(const boost::json::object& o, const char* name, bool required, std::size_t max = 1000);
// The same, optional: nullopt when missing, null or empty.
std::optional<std::string> optional_text_field(const boost::json::object& o, const char* name, std::size_t max = 1000);
// An optional text as JSON: the string, or null.
boost::json::value text_or_null(const std::optional<std::string>& s);
// A non-empty array of material ids under `name` (what an applicant must bring); 400 naming the field otherwise.
std::vector<std::string> material_ids(const boost::json::object& o, const char* name);
// An optional date "YYYY-MM-DD" under `name` (absent or null: none); anything else is a 400 naming the field.
std::optional<calendar::Date> date_field(const boost::json::object& o, const char* name);

}  // namespace ow::platform
