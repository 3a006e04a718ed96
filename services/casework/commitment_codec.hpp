// 告知承诺 between the flow's record and cases.commitments (JSON text, sql/100_case_commitments.sql).
#pragma once

#include <string>
#include <vector>

#include "workflow/flow/case_record.hpp"

namespace ow::casework {

std::string commitments_to_json(const std::vector<flow::Commitment>& commitments);
std::vector<flow::Commitment> commitments_from_json(const std::string& text);

}  // namespace ow::casework
