// Authenticating a fresh hiredis connection (Redis `requirepass`, setting redis.password), shared by the
// command client and the subscriber. Store implementation files only.
#pragma once

#include <string>

struct redisContext;

namespace ow::store {

// Sends AUTH when `password` is not empty; false when Redis refuses it or does not answer. The password is
// never part of any message.
bool redis_authenticate(redisContext* c, const std::string& password);

}  // namespace ow::store
