// A department's 补正 request as its system or its approver sends it: the same fields and rules at both doors
// (the department callback and the approver's decision).
#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>

#include "workflow/flow/commands.hpp"

namespace ow::casework {

// {"materials": [ids or names…], "reason": "…", "due_date": "YYYY-MM-DD" (optional)}; a 400 naming the field
// when one is missing or malformed.
flow::RequestTaskSupplement supplement_request(const std::string& step, const boost::json::object& body,
                                               std::optional<flow::TaskWork> work = {});

}  // namespace ow::casework
