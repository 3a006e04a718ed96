// hiredis calls, timeouts and reply conversion.
#include "services/store/redis_client.hpp"
#include "services/store/redis_auth.hpp"

#include <hiredis/hiredis.h>
#include <sys/time.h>

#include <memory>

namespace ow::store {
namespace {

struct ReplyFree {
  void operator()(redisReply* r) const { freeReplyObject(r); }
};

RedisReply convert(const redisReply* r) {
  RedisReply out;
  switch (r->type) {
    case REDIS_REPLY_INTEGER:
      out.kind = RedisReply::Kind::integer;
      out.integer = r->integer;
      break;
    case REDIS_REPLY_STRING:
      out.kind = RedisReply::Kind::text;
      out.text.assign(r->str, r->len);
      break;
    case REDIS_REPLY_STATUS:
      out.kind = RedisReply::Kind::status;
      out.text.assign(r->str, r->len);
      break;
    case REDIS_REPLY_ARRAY:
      out.kind = RedisReply::Kind::array;
      for (std::size_t i = 0; i < r->elements; ++i) out.items.push_back(convert(r->element[i]));
      break;
    default: break;
  }
  return out;
}

timeval to_timeval(std::chrono::milliseconds ms) {
  timeval tv{};
  tv.tv_sec = static_cast<time_t>(ms.count() / 1000);
  tv.tv_usec = static_cast<suseconds_t>((ms.count() % 1000) * 1000);
  return tv;
}

}  // namespace

RedisClient::RedisClient(std::string host, int port, std::chrono::milliseconds timeout, std::string password)
    : host_(std::move(host)), port_(port), timeout_(timeout), password_(std::move(password)) {}

RedisClient::~RedisClient() {
  std::lock_guard lock(mutex_);
  disconnect_locked();
}

void RedisClient::disconnect_locked() {
  if (context_) redisFree(context_);
  context_ = nullptr;
}

void RedisClient::connect_locked() {
  if (context_) return;
  redisContext* c = redisConnectWithTimeout(host_.c_str(), port_, to_timeval(timeout_));
  if (!c || c->err) {
    std::string why = c ? c->errstr : "out of memory";
    if (c) redisFree(c);
    if (on_error_) on_error_();
    throw RedisUnavailable("cannot connect to Redis at " + host_ + ":" + std::to_string(port_) + ": " + why);
  }
  redisSetTimeout(c, to_timeval(timeout_));
  if (!redis_authenticate(c, password_)) {
    redisFree(c);
    if (on_error_) on_error_();
    throw RedisUnavailable("Redis at " + host_ + ":" + std::to_string(port_) +
                           " refused the password (redis.password)");
  }
  context_ = c;
}

RedisReply RedisClient::command(const std::vector<std::string>& args) {
  std::vector<const char*> argv;
  std::vector<size_t> lengths;
  for (const auto& a : args) {
    argv.push_back(a.data());
    lengths.push_back(a.size());
  }
  std::lock_guard lock(mutex_);
  connect_locked();
  std::unique_ptr<redisReply, ReplyFree> reply(
      static_cast<redisReply*>(redisCommandArgv(context_, static_cast<int>(argv.size()), argv.data(), lengths.data())));
  if (!reply) {
    std::string why = context_->errstr;
    disconnect_locked();
    if (on_error_) on_error_();
    throw RedisUnavailable("Redis command failed: " + why);
  }
  if (reply->type == REDIS_REPLY_ERROR) throw std::runtime_error("Redis error: " + std::string(reply->str, reply->len));
  return convert(reply.get());
}

bool RedisClient::ping() {
  try {
    auto r = command({"PING"});
    return r.kind == RedisReply::Kind::status && r.text == "PONG";
  } catch (const std::exception&) {
    return false;
  }
}

}  // namespace ow::store
