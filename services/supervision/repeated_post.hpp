// A creating POST sent again with its Idempotency-Key (the house rule for every creating POST): the key and
// the body's hash read once at the edge, looked up and kept inside the service's own write transaction
// (store::idempotency, the same records the case intake keeps), so a repeat replays the first answer.
#pragma once

#include <optional>
#include <string>

#include "services/platform/http_types.hpp"
#include "services/store/transaction.hpp"

namespace ow::supervision {

struct RepeatedPost {
  std::string actor, key, body_hash;
  bool replayed = false;  // set when the answer came from the first request
};

// None without the header; 400 (field Idempotency-Key) when it is longer than 128 characters.
std::optional<RepeatedPost> repeated_post(platform::RequestContext& ctx);
// The answer kept for this key, when the same request came before (422 idempotency_key_reused for another body).
std::optional<std::string> replay(store::Tx& tx, std::optional<RepeatedPost>& r);
// Keeps the answer of the first request (no-op without a key).
void keep(store::Tx& tx, const std::optional<RepeatedPost>& r, const std::string& answer);

}  // namespace ow::supervision
