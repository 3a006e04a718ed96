// The clerk's credit check before deciding on intake (信用核查): is the applicant a 失信被执行人 or on a serious-
// dishonesty list? POST /api/v1/credit-checks (the number in the body, never in a URL).
#pragma once

#include "adapters/credit/credit_lookup.hpp"
#include "services/platform/router.hpp"

namespace ow::acceptance {

// POST /api/v1/credit-checks {"holder": ID number or credit code} (clerks): {available, listed, lists, summary}.
// The service not answering within its timeout is no error: available false and the summary 信用核查暂不可用 (the
// clerk proceeds under the item's rule).
void add_credit_routes(platform::Router& router, const adapters::CreditLookup& credit);

}  // namespace ow::acceptance
