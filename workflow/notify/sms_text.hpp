// SMS texts to applicants, pure: templates with {placeholders} (set in config, checked at start), the
// rendering, and the last guard before a text leaves — no resident ID number in full, ever.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "workflow/calendar/instant.hpp"

namespace ow::notify {

// The placeholders a template may use: case_number, bundle, date, due_date, materials, hall, delivery.
const std::vector<std::string>& sms_placeholders();
// Empty when `tmpl` is a usable template (not empty, braces balanced, only known placeholders), else why.
std::string check_sms_template(std::string_view tmpl);
// Replaces each {name} by values[name] (a missing value is empty). Throws std::invalid_argument for a template
// check_sms_template refuses.
std::string render_sms(std::string_view tmpl, const std::map<std::string, std::string>& values);
// Every ID number in `text` masked (330***********1234): each of `known` wherever it appears, and any
// stand-alone 18-character run of 17 digits and a digit or X (a case number, 21 characters, is not one).
std::string mask_id_numbers(std::string text, const std::vector<std::string>& known);
// 2026年11月28日.
std::string chinese_date(calendar::Date d);

}  // namespace ow::notify
