// The intake-rule cases shared by the core's test and the console's (tests/unit/intake_rules_cases.json).
#pragma once

#include <string_view>

namespace ow::testing {

std::string_view embedded_intake_rules_cases();

}  // namespace ow::testing
