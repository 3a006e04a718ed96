// 告知承诺 in the case views: what each commitment stood in for, its 核查 and the outcome, by name; the name of
// a 核查 task (告知承诺核查：企业设立登记); the revocation (已撤销) with its reason.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/value.hpp>
#include <string>
#include <vector>

#include "services/store/case_store.hpp"
#include "workflow/catalog/model.hpp"

namespace ow::casework {

boost::json::array commitments_view(const store::CaseRow& c, const catalog::Catalog* catalog);
// For a 核查 task's step (flow::verification_step): 告知承诺核查：<item name>; empty for any other step.
std::string verification_task_name(const catalog::Catalog* catalog, const std::string& bundle_code,
                                   const std::string& task_step);
// {"reason", "at"} of a revoked case (from its revoke audit entry), else null.
boost::json::value revocation_view(const store::CaseRow& c, const std::vector<store::AuditRow>& audit);

}  // namespace ow::casework
