// An applicant's sign-in as a browser does it, for tests: the platform's /api/v1/applicant/login (302 to the
// simulator's identity provider), its login page, the choice of a demo person (302 back to the platform's
// callback with code and state), the callback (the session cookie). Each hop's answer is kept.
#pragma once

#include <string>

#include "tests/support/http_client.hpp"

namespace ow::testing {

struct ApplicantSignIn {
  HttpResult login, page, choice, callback;
  std::string authorization_url;  // where the platform sent the browser
  std::string callback_target;    // the platform's callback path and query (code, state)
  std::string cookie;             // "ow_applicant=…" (empty when the callback set none)
};

// `person`: a demo person's id (identity_provider.cpp: resident-wangfang, resident-lixiuying, agent-zhangwei, …).
ApplicantSignIn sign_in_applicant(int platform_port, int provider_port, const std::string& person,
                                  bool kiosk = false);
// The path and query of an absolute http URL.
std::string target_of(const std::string& url);

}  // namespace ow::testing
