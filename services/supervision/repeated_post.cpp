// Idempotency-Key for the supervision services' creating POSTs.
#include "services/supervision/repeated_post.hpp"

#include "services/catalog/catalog_json.hpp"
#include "services/platform/problem.hpp"
#include "services/store/case_store.hpp"
#include "services/store/idempotency_store.hpp"

namespace ow::supervision {

std::optional<RepeatedPost> repeated_post(platform::RequestContext& ctx) {
  const std::string key = ctx.header("Idempotency-Key");
  if (key.empty()) return std::nullopt;
  if (key.size() > 128) throw platform::problems::bad_request("Idempotency-Key is 1–128 characters", "Idempotency-Key");
  return RepeatedPost{ctx.who().log_id(), key, catalog_service::sha256_hex(ctx.request.body()), false};
}

std::optional<std::string> replay(store::Tx& tx, std::optional<RepeatedPost>& r) {
  if (!r) return std::nullopt;
  r->replayed = false;
  auto seen = store::idempotency::find_same(tx, r->actor, r->key, r->body_hash);
  if (!seen) return std::nullopt;
  r->replayed = true;
  return seen->response;
}

void keep(store::Tx& tx, const std::optional<RepeatedPost>& r, const std::string& answer) {
  if (r) store::idempotency::put(tx, r->actor, r->key, r->body_hash, 201, answer);
}

}  // namespace ow::supervision
