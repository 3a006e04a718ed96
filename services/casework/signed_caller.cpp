// Authenticating a signed system caller.
#include "services/casework/signed_caller.hpp"

#include <chrono>

#include "adapters/department/signature.hpp"
#include "services/platform/log.hpp"
#include "services/platform/problem.hpp"

namespace ow::casework {

namespace {
constexpr std::int64_t kSkewSeconds = 300;
}

void authenticate_signed(const platform::Actor& caller, const SignedRequest& r,
                         const std::optional<std::string>& secret, const std::string& title) {
  auto refuse = [&](const std::string& code, const std::string& detail) {
    platform::log(platform::LogLevel::warn, "signed request refused",
                  {{"system", r.system}, {"caller", caller.log_id()}, {"reason", code}});
    return platform::Problem(401, code, title, detail);
  };
  if (caller.role != platform::Role::department_system || caller.login != r.system)
    throw refuse("wrong_department_key", "the API key does not belong to " + r.system);
  if (!secret) throw refuse("unknown_department", "no signing secret is configured for " + r.system);
  const auto wall =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  if (!adapters::timestamp_fresh(r.timestamp, wall, kSkewSeconds))  // the wall clock, not the flow's (injectable) clock
    throw refuse("stale_timestamp", "X-OW-Timestamp must be the Unix time within 5 minutes of ours");
  if (!adapters::signature_matches(*secret, r.timestamp, r.body, r.signature))
    throw refuse("bad_signature", "X-OW-Signature does not match the body");
}

}  // namespace ow::casework
