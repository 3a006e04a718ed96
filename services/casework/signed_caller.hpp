// The check every signed system caller passes (department callbacks, 12345 hotline tickets): its API key
// belongs to the system named (the key's code), a signing secret is configured for it, X-OW-Timestamp is the
// Unix time within ±5 minutes of the wall clock, and X-OW-Signature is HMAC-SHA256(secret, timestamp + "." +
// body) (adapters/department/signature.hpp). Replays are answered by each caller's own idempotency on its
// event or ticket id. A refusal is logged (system, caller, reason; never the body) and thrown as a 401 Problem.
#pragma once

#include <optional>
#include <string>

#include "services/platform/actor.hpp"

namespace ow::casework {

struct SignedRequest {
  std::string system;  // the department code, or the hotline's code, the request claims to come from
  std::string timestamp, signature, body;
};

// `secret`: the system's signing secret, nullopt when none is configured. `title`: the problem's Chinese title.
void authenticate_signed(const platform::Actor& caller, const SignedRequest& r, const std::optional<std::string>& secret,
                         const std::string& title);

}  // namespace ow::casework
