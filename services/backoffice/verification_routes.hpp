// The approver's 告知承诺核查 verdict: POST /api/v1/tasks/{id}/verification (verification_desk.hpp).
#pragma once

#include "services/backoffice/verification_desk.hpp"
#include "services/platform/router.hpp"

namespace ow::backoffice {

void add_verification_routes(platform::Router& router, VerificationDesk& desk);

}  // namespace ow::backoffice
