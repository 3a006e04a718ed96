// Applicants' sign-in routes (OpenID Connect, applicant_sign_in.hpp):
//   GET    /api/v1/applicant/login[?kiosk=1]   302 to the identity provider (open)
//   GET    /api/v1/applicant/callback?code&state  the provider's redirect: session cookie, 302 to /applicant
//   GET    /api/v1/applicant/me                 the signed-in applicant (applicant)
//   DELETE /api/v1/applicant/session            sign-out (applicant)
#pragma once

#include "services/platform/applicant_sign_in.hpp"
#include "services/platform/router.hpp"

namespace ow::platform {

void add_applicant_session_routes(Router& router, ApplicantSignIn& sign_in);

}  // namespace ow::platform
