// JSON views of a case: the full staff view, the masked list item, the public progress answer.
#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <vector>

#include "services/store/case_store.hpp"
#include "workflow/calendar/clock.hpp"
#include "workflow/catalog/model.hpp"

namespace ow::acceptance {

// Chinese label of a case state for screens and documents.
const char* state_label(const std::string& state);
// The document kinds a case has, from its audit (receipt after acceptance, …).
std::vector<std::string> document_kinds(const std::vector<store::AuditRow>& audit, const store::CaseRow& c);

boost::json::object full_view(const store::CaseRow& c, const std::vector<store::TaskRow>& tasks,
                              const std::vector<store::AuditRow>& audit, const catalog::Catalog* catalog,
                              const calendar::ClockMath& math, calendar::Instant now);
boost::json::object list_item(const store::CaseRow& c, const catalog::Catalog* catalog);
boost::json::object progress_view(const store::CaseRow& c, const std::vector<store::TaskRow>& tasks, const catalog::Catalog* catalog);

}  // namespace ow::acceptance
