// The Chinese name of each request field the API can refuse, so that a 400's title tells a clerk which field
// to correct (「联系电话」未填写或有误), not 请求参数有误. Field names are the API's (dotted for nested ones).
#pragma once

#include <string>
#include <string_view>

namespace ow::platform {

// The field's Chinese name; empty when the field has none (the title then stays generic).
std::string field_label(std::string_view field);

}  // namespace ow::platform
