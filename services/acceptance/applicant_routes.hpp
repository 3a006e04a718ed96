// The applicant's case routes (role applicant; applicant_desk.hpp):
//   POST /api/v1/applicant/cases                                  submit (Idempotency-Key)
//   GET  /api/v1/applicant/cases                                  their cases
//   GET  /api/v1/applicant/cases/{number}                         one, with steps, what is asked, documents
//   POST /api/v1/applicant/cases/{number}/supplement              补正 answered online
//   PUT  /api/v1/applicant/cases/{number}/delivery-choice         how the result reaches them
//   GET  /api/v1/applicant/cases/{number}/documents/{kind}        a document issued to them (HTML)
#pragma once

#include "services/acceptance/applicant_desk.hpp"
#include "services/platform/router.hpp"

namespace ow::acceptance {

void add_applicant_routes(platform::Router& router, ApplicantDesk& desk);

}  // namespace ow::acceptance
