// Carrying out a flow decision inside the caller's transaction: the DESIGN.md rule in one place. The case
// row must already be locked (loaded FOR UPDATE); the flow decides, this writes the case row, new and
// changed tasks, the audit entries and the outbox messages.
#pragma once

#include <pqxx/pqxx>
#include <string>

#include "services/catalog/catalog_service.hpp"
#include "services/store/case_store.hpp"
#include "workflow/calendar/clock.hpp"
#include "workflow/flow/case_flow.hpp"

namespace ow::acceptance {

void write_decision(pqxx::work& tx, store::CaseRow& row, const flow::CaseRecord& before, const flow::Decision& d,
                    const calendar::ClockMath& math, calendar::Instant now);

// Rebuilds the record of a locked case, applies the command under the case's own catalog version, writes the
// decision; throws FlowRefused / FlowInvalid (nothing written) when the flow says no.
flow::Decision apply_to_locked_case(pqxx::work& tx, store::CaseRow& row, catalog_service::CatalogService& catalog,
                                    const calendar::ClockMath& math, const flow::Command& command, const std::string& actor,
                                    calendar::Instant now);

}  // namespace ow::acceptance
