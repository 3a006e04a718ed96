// Authenticating a fresh hiredis connection (Redis `requirepass`, setting redis.password), shared by the
// command client, the subscriber and the Sentinel client, and their timeouts as hiredis wants them. Store
// implementation files only.
#pragma once

#include <sys/time.h>

#include <chrono>
#include <string>

struct redisContext;

namespace ow::store {

// Sends AUTH when `password` is not empty; false when Redis refuses it or does not answer. The password is
// never part of any message.
bool redis_authenticate(redisContext* c, const std::string& password);

// A timeout as hiredis takes it.
timeval redis_timeval(std::chrono::milliseconds ms);

}  // namespace ow::store
