// The window API: intake, pre-review decisions, case views and lists, documents, the public progress lookup.
#pragma once

#include "services/acceptance/intake_service.hpp"
#include "services/casework/public_gate.hpp"
#include "services/platform/router.hpp"

namespace ow::acceptance {

// POST /api/v1/cases (clerk; Idempotency-Key required), POST /api/v1/cases/{number}/decision (clerk),
// GET /api/v1/cases/{number} and GET /api/v1/cases (staff in scope), GET /api/v1/cases/{number}/documents/{kind},
// GET /api/v1/public/progress?number=&code= (no login; the query code checked by `gate`).
void add_acceptance_routes(platform::Router& router, IntakeService& intake, casework::PublicGate& gate);
// A printable document's answer: HTML under a policy that lets it run nothing and fetch nothing.
platform::Response document_response(std::string html);

}  // namespace ow::acceptance
