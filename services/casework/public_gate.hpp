// The gate in front of the public progress lookup and the rating (好差评): the applicant proves the case is
// theirs with its number and query code (查询码). Misses are counted in Redis before the code is compared
// (store::AttemptLimiter), per case number and per client address, shared by every instance; a right code
// gives its reservation back. Answers that tell nothing: an unknown number, a case without a code and a
// wrong code are the same 404. Blocks on Redis and PostgreSQL (worker threads only). Thread-safe.
#pragma once

#include <chrono>
#include <string>

#include "services/store/attempt_limiter.hpp"
#include "services/store/pg_pool.hpp"
#include "workflow/calendar/instant.hpp"

namespace ow::casework {

struct LookupLimits {
  int misses_per_case = 5;      // then the case number is locked for a window
  int misses_per_address = 20;  // then the client address is locked for a window
  std::chrono::seconds window{900};
  std::string key_prefix =
      "ow:lookup:";  // Redis keys; add the database's name so deployments sharing a Redis stay apart
};

class PublicGate {
 public:
  PublicGate(store::PgPool& pool, store::AttemptLimiter& limiter, LookupLimits limits)
      : pool_(pool), limiter_(limiter), limits_(std::move(limits)) {}

  // Returns when `code` is the query code of case `number`; otherwise throws Problem:
  //   400 invalid_query_code (field "code") — not ten symbols of the code's alphabet (nothing counted);
  //   404 not_found — unknown number, a case without a code, or a wrong code (one miss counted);
  //   429 lookup_locked / lookup_throttled with Retry-After — the case number / client address is locked;
  //   503 (RedisUnavailable) — misses cannot be counted, so nothing is compared.
  void admit(const std::string& number, const std::string& code, const std::string& client_address);

 private:
  store::PgPool& pool_;
  store::AttemptLimiter& limiter_;
  const LookupLimits limits_;
};

// "2026年11月27日 21:09" (China Standard Time): the first whole minute at or after `t`, so that "try again
// after" never names a time before the lock ends.
std::string unlock_text(calendar::Instant t);

}  // namespace ow::casework
