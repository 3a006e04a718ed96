// AUTH on a new Redis connection.
#include "services/store/redis_auth.hpp"

#include <hiredis/hiredis.h>

namespace ow::store {

bool redis_authenticate(redisContext* c, const std::string& password) {
  if (password.empty()) return true;
  const char* argv[] = {"AUTH", password.data()};
  const size_t lengths[] = {4, password.size()};
  auto* r = static_cast<redisReply*>(redisCommandArgv(c, 2, argv, lengths));
  const bool ok = r && r->type == REDIS_REPLY_STATUS;
  if (r) freeReplyObject(r);
  return ok;
}

timeval redis_timeval(std::chrono::milliseconds ms) {
  timeval tv{};
  tv.tv_sec = static_cast<time_t>(ms.count() / 1000);
  tv.tv_usec = static_cast<suseconds_t>((ms.count() % 1000) * 1000);
  return tv;
}

}  // namespace ow::store
