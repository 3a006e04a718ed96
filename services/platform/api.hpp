// The request pipeline every API call goes through, in one place: request id, routing (404/405),
// authentication and the route's access rule (401/403), the handler, mapping every exception to
// problem+json, metrics, and one JSON log line. A pure function of the request: no sockets here.
#pragma once

#include "services/platform/static_files.hpp"

#include <functional>
#include <optional>
#include <string>

#include "services/platform/client_address.hpp"
#include "services/platform/http_types.hpp"
#include "services/platform/metrics.hpp"
#include "services/platform/router.hpp"

namespace ow::platform {

// Finds the actor for a bearer token or a department API key (empty strings when absent).
using Authenticator = std::function<std::optional<Actor>(const std::string& bearer_token, const std::string& api_key)>;
// Finds the applicant behind an applicant session's cookie (kApplicantCookie); applicants never use bearer tokens
// and staff never this cookie.
using ApplicantAuthenticator = std::function<std::optional<Actor>(const std::string& session_token)>;
inline constexpr const char* kApplicantCookie = "ow_applicant";

class Api {
 public:
  Api(const Router& router, Authenticator authenticate, Metrics& metrics)
      : router_(router), authenticate_(std::move(authenticate)), metrics_(metrics) {}

  // `peer_address`: the socket peer; handlers see the client address (see trust_proxies) as remote_address.
  Response handle(const Request& request, const std::string& peer_address) const;
  // The console's files, served for GET paths outside /api/ that no route matches.
  void serve_files(const StaticFiles* files) { files_ = files; }
  // Peers whose X-Forwarded-For is believed for the client address (client_address.hpp); none by default.
  void trust_proxies(TrustedProxies proxies) { proxies_ = std::move(proxies); }
  // Applicant sessions (none by default: the cookie is then ignored).
  void authenticate_applicants(ApplicantAuthenticator f) { applicants_ = std::move(f); }

  // True while the credentials of an open event stream (the header X-OW-SSE-Credential that handle() puts on an
  // event-stream answer, never sent to the client) still name an actor: a logout, a password change or a
  // disabled user ends the stream at its next heartbeat. Blocks on the store: worker threads only.
  bool still_authenticated(const std::string& credential) const;

  // The answer to an exception, as the HTTP layer gives it (also used by the server for transport errors).
  static Problem to_problem(std::exception_ptr error);
  // Logs and counts a response that was produced outside handle() (413 from the parser, 503 while draining).
  void record(const Request* request, const std::string& route, const Response& response, double seconds,
              const std::string& request_id, const std::string& actor, const std::string& remote) const;

 private:
  const Router& router_;
  Authenticator authenticate_;
  Metrics& metrics_;
  const StaticFiles* files_ = nullptr;
  TrustedProxies proxies_;
  ApplicantAuthenticator applicants_;
};

// A request id from the client's X-Request-Id when it is sane (1–64 of [A-Za-z0-9._-]), else a new one.
std::string request_id_for(const Request& request);

}  // namespace ow::platform
