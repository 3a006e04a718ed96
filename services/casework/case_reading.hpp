// Reading cases with the personal-data rule applied (personal_data.hpp decides, the views mask) and every
// unmasked read recorded in pii_access in the reading transaction, with the request's route and id.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <string>
#include <vector>

#include "services/casework/personal_data.hpp"
#include "services/platform/actor.hpp"
#include "services/store/case_store.hpp"
#include "services/store/transaction.hpp"
#include "workflow/calendar/clock.hpp"
#include "workflow/catalog/model.hpp"

namespace ow::casework {

// The staff view of `row` for `viewer`: 404 when hidden, 403 when refused; masked or full, full recorded.
boost::json::object read_case(store::Tx& tx, const platform::Actor& viewer, const store::CaseRow& row,
                              const catalog::Catalog* catalog, const calendar::ClockMath& math, calendar::Instant now);
// List items for `viewer`: each full or masked by the rule (cases the viewer may not see are left out); the
// full ones recorded.
boost::json::array read_case_list(store::Tx& tx, const platform::Actor& viewer, const std::vector<store::CaseRow>& rows,
                                  const catalog::Catalog* catalog);
// Before a document (which names the applicant) is rendered: only for a viewer who may see the case unmasked;
// 404 when hidden, 403 `personal_data_restricted` otherwise. Records the read.
void require_unmasked(store::Tx& tx, const platform::Actor& viewer, const store::CaseRow& row,
                      const std::vector<store::TaskRow>& tasks);
// Records that `viewer` read these cases unmasked through the current request (platform/request_origin.hpp).
void record_unmasked_reads(store::Tx& tx, const platform::Actor& viewer, const std::vector<std::string>& case_numbers);

}  // namespace ow::casework
