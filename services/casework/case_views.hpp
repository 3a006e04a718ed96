// JSON views of a case: the staff view and list item (full or masked), the public progress answer.
#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <vector>

#include "services/casework/personal_data.hpp"
#include "services/store/case_store.hpp"
#include "workflow/calendar/clock.hpp"
#include "workflow/catalog/model.hpp"

namespace ow::casework {

// The hall a case was accepted at (nullptr: none, or not in the catalog) and a window's name there ("" likewise).
const catalog::Hall* hall_of(const catalog::Catalog* catalog, const std::optional<std::string>& hall_code);
std::string window_name(const catalog::Hall* hall, const std::optional<std::string>& window_code);
// Chinese label of a case state for screens and documents.
const char* state_label(const std::string& state);
// A case's state as people read it: an archived case still says how it ended (不予受理，已归档).
std::string case_state_label(const store::CaseRow& c);
// The document kinds a case has, from its audit (receipt after acceptance, …) and its tasks (a department's
// 补正告知书 while a department waits for materials: department_supplement_notice).
std::vector<std::string> document_kinds(const std::vector<store::AuditRow>& audit, const store::CaseRow& c,
                                        const std::vector<store::TaskRow>& tasks);
// A task's open 补正 request, or null when it waits for none: {materials: [{id, name}], reason, since, due_date}.
// A material the catalog does not know is shown as the department wrote it.
boost::json::value supplement_view(const store::TaskRow& t, const catalog::Catalog* catalog);

// The staff view of a case; the applicant and phone as `sight` allows (full or masked: personal_data.hpp decides,
// case_reading.hpp applies the decision and records unmasked reads).
boost::json::object case_view(const store::CaseRow& c, const std::vector<store::TaskRow>& tasks,
                              const std::vector<store::AuditRow>& audit, const catalog::Catalog* catalog,
                              const calendar::ClockMath& math, calendar::Instant now, CaseSight sight);
// The unmasked view, only for the clerk's answer to their own intake (the data they have just typed).
boost::json::object full_view(const store::CaseRow& c, const std::vector<store::TaskRow>& tasks,
                              const std::vector<store::AuditRow>& audit, const catalog::Catalog* catalog,
                              const calendar::ClockMath& math, calendar::Instant now);
boost::json::object list_item(const store::CaseRow& c, const catalog::Catalog* catalog, CaseSight sight);
// The applicant's view: state, dates and each step with its own state (in words for the applicant) and the
// instant it last changed (from the audit); no personal data, no one's name.
boost::json::object progress_view(const store::CaseRow& c, const std::vector<store::TaskRow>& tasks,
                                  const std::vector<store::AuditRow>& audit, const catalog::Catalog* catalog);
// A task state in the applicant's words (已转交部门, 部门办理中, 需补正材料, …).
const char* applicant_step_label(const std::string& task_state);

}  // namespace ow::casework
