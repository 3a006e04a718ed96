// Between the flow's CaseRecord and the database rows: clocks, pauses and deferrals as JSON, states by name.
#pragma once

#include <boost/json/value.hpp>
#include <string>
#include <vector>

#include "services/store/case_store.hpp"
#include "workflow/calendar/clock.hpp"
#include "workflow/flow/case_record.hpp"

namespace ow::casework {

boost::json::value clock_to_json(const calendar::Clock& c);
calendar::Clock clock_from_json(const boost::json::value& v);

// Rebuilds the flow's record from a case row and its task rows.
flow::CaseRecord record_from_rows(const store::CaseRow& c, const std::vector<store::TaskRow>& tasks);
// Copies the record's flow-owned fields onto the row (state, clocks, due instants, deferrals, visits).
void record_to_row(const flow::CaseRecord& r, const calendar::ClockMath& math, store::CaseRow& row);
store::TaskRow task_to_row(const flow::TaskRecord& t, std::int64_t case_id, const calendar::ClockMath& math);

std::string iso_or_empty(const std::optional<calendar::Instant>& t);

}  // namespace ow::casework
