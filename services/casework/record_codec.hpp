// Between the flow's CaseRecord and the database rows: clocks, pauses and deferrals as JSON, states by name.
#pragma once

#include <boost/json/value.hpp>
#include <functional>
#include <string>
#include <vector>

#include "services/store/case_store.hpp"
#include "workflow/calendar/clock.hpp"
#include "workflow/flow/case_record.hpp"
#include "workflow/flow/decision.hpp"

namespace ow::casework {

boost::json::value clock_to_json(const calendar::Clock& c);
calendar::Clock clock_from_json(const boost::json::value& v);
// A task's open 补正 request as stored in tasks.supplement:
// {"materials": [...], "reason": "...", "since": "<instant>", "due_date": "YYYY-MM-DD" (when given)}.
std::string supplement_to_json(const flow::SupplementRequest& s);
flow::SupplementRequest supplement_from_json(const std::string& text);

// Rebuilds the flow's record from a case row and its task rows.
flow::CaseRecord record_from_rows(const store::CaseRow& c, const std::vector<store::TaskRow>& tasks);
// Copies the record's flow-owned fields onto the row (state, clocks, due instants, deferrals, visits).
void record_to_row(const flow::CaseRecord& r, const calendar::ClockMath& math, store::CaseRow& row);
store::TaskRow task_to_row(const flow::TaskRecord& t, std::int64_t case_id, const calendar::ClockMath& math);
// Brings a case's task rows in step with a decision, as the decision writer wrote them: each task's state,
// clock and due instant from the record, its work (assignee, result, opinion) from the decision. A task the
// decision creates gets its id from `new_id`; without one, false is returned and the rows must be read again.
// Whether a task's stored fields differ (state, clock, special procedure, due instant, 补正 request); both rows
// as task_to_row makes them. An unchanged task is not written.
bool task_row_changed(const store::TaskRow& before, const store::TaskRow& after);
bool update_task_rows(std::vector<store::TaskRow>& rows, const flow::CaseRecord& before, const flow::Decision& d,
                      std::int64_t case_id, const calendar::ClockMath& math,
                      const std::function<std::int64_t()>& new_id = {});

std::string iso_or_empty(const std::optional<calendar::Instant>& t);

}  // namespace ow::casework
