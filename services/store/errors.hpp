// Storage errors the HTTP layer maps to answers: a store that cannot be reached is 503, never a crash; an
// Idempotency-Key sent again with another request is 422.
#pragma once

#include <stdexcept>

namespace ow::store {

// PostgreSQL is down, the pool is exhausted, or the connection broke before commit.
struct DatabaseUnavailable : std::runtime_error {
  using std::runtime_error::runtime_error;
};
// Redis did not answer in time or refused.
struct RedisUnavailable : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// An Idempotency-Key that an actor already used for a different request body.
struct IdempotencyKeyReused : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Two transactions raced to write the same unique key (e.g. one callback event id sent twice at once): the
// loser may retry (409 with Retry-After).
struct ConcurrentWrite : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A row broke a constraint of the schema (a CHECK), e.g. a malformed code given on the command line.
struct ConstraintViolation : std::runtime_error {
  using std::runtime_error::runtime_error;
};

}  // namespace ow::store
