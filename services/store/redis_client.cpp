// hiredis calls, timeouts and reply conversion.
#include "services/store/redis_client.hpp"
#include "services/store/redis_auth.hpp"

#include <hiredis/hiredis.h>
#include <sys/time.h>

#include <memory>
#include <string_view>

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


}  // namespace

RedisClient::RedisClient(std::string host, int port, std::chrono::milliseconds timeout, std::string password,
                         std::size_t connections)
    : RedisClient(RedisLocator(std::move(host), port), timeout, std::move(password), connections) {}

RedisClient::RedisClient(RedisLocator where, std::chrono::milliseconds timeout, std::string password,
                         std::size_t connections)
    : where_(std::move(where)),
      timeout_(timeout),
      password_(std::move(password)),
      connections_(connections == 0 ? 1 : connections),
      breaker_(3, std::chrono::milliseconds(1000)) {}

RedisClient::~RedisClient() {
  std::lock_guard lock(mutex_);
  for (auto* c : idle_) redisFree(c);
}

bool RedisClient::short_circuited() const {
  std::lock_guard lock(breaker_mutex_);
  return breaker_.state(CircuitBreaker::Clock::now()) != CircuitBreaker::State::closed;
}

void RedisClient::fail(const std::string& why) {
  {
    std::lock_guard lock(breaker_mutex_);
    breaker_.failed(CircuitBreaker::Clock::now());
  }
  if (on_error_) on_error_();
  throw RedisUnavailable(why);
}

redisContext* RedisClient::connect(std::string& why) {
  const auto master = where_.locate();
  if (!master) {
    why = "no Sentinel answers for the Redis master (" + where_.describe() + ")";
    return nullptr;
  }
  redisContext* c = redisConnectWithTimeout(master->host.c_str(), master->port, redis_timeval(timeout_));
  if (!c || c->err) {
    if (c) redisFree(c);
    why = "cannot connect to Redis at " + master->text();
    return nullptr;
  }
  redisSetTimeout(c, redis_timeval(timeout_));
  if (!redis_authenticate(c, password_)) {
    redisFree(c);
    why = "Redis at " + master->text() + " refused the password (redis.password)";
    return nullptr;
  }
  if (where_.via_sentinel() && !redis_is_master(c)) {  // a Sentinel behind a switch named a replica
    redisFree(c);
    why = "Redis at " + master->text() + " is not a master (yet)";
    return nullptr;
  }
  return c;
}

redisContext* RedisClient::take() {
  std::unique_lock lock(mutex_);
  if (!returned_.wait_for(lock, timeout_, [&] { return !idle_.empty() || open_ < connections_; }))
    fail("every Redis connection is busy with a call Redis has not answered");
  if (!idle_.empty()) {
    auto* c = idle_.back();
    idle_.pop_back();
    return c;
  }
  ++open_;
  lock.unlock();
  std::string why;
  redisContext* c = connect(why);
  if (!c) {
    give_back(nullptr, false);
    fail(why);
  }
  return c;
}

void RedisClient::give_back(redisContext* c, bool healthy) {
  {
    std::lock_guard lock(mutex_);
    if (c && healthy) {
      idle_.push_back(c);
    } else {
      if (c) redisFree(c);
      --open_;
    }
  }
  returned_.notify_one();
}

bool RedisClient::admit() {
  std::lock_guard lock(breaker_mutex_);
  return breaker_.allow(CircuitBreaker::Clock::now());
}

void RedisClient::answered() {
  std::lock_guard lock(breaker_mutex_);
  breaker_.succeeded();
}

RedisReply RedisClient::command(const std::vector<std::string>& args) {
  auto replies = run({args});
  const RedisReply& r = replies.front();
  if (r.kind == RedisReply::Kind::error) throw std::runtime_error("Redis error: " + r.text);
  return std::move(replies.front());
}

std::vector<RedisReply> RedisClient::pipeline(const std::vector<std::vector<std::string>>& commands) {
  if (commands.empty()) return {};
  return run(commands);
}

std::vector<RedisReply> RedisClient::run(const std::vector<std::vector<std::string>>& commands) {
  if (!admit()) {
    if (on_error_) on_error_();
    throw RedisUnavailable("Redis is not answering (circuit open; retried within a second)");
  }
  redisContext* c = take();
  for (const auto& args : commands) {
    std::vector<const char*> argv;
    std::vector<size_t> lengths;
    for (const auto& a : args) {
      argv.push_back(a.data());
      lengths.push_back(a.size());
    }
    if (redisAppendCommandArgv(c, static_cast<int>(argv.size()), argv.data(), lengths.data()) != REDIS_OK) {
      const std::string why = c->errstr;
      give_back(c, false);
      fail("Redis command failed: " + why);
    }
  }
  std::vector<RedisReply> out;
  out.reserve(commands.size());
  for (std::size_t i = 0; i < commands.size(); ++i) {
    void* raw = nullptr;
    if (redisGetReply(c, &raw) != REDIS_OK || !raw) {
      const std::string why = c->errstr;
      give_back(c, false);
      fail("Redis command failed: " + why);
    }
    std::unique_ptr<redisReply, ReplyFree> reply(static_cast<redisReply*>(raw));
    if (reply->type == REDIS_REPLY_ERROR && std::string_view(reply->str, reply->len).starts_with("READONLY")) {
      // The server became a replica (a failover): this connection is done; the next finds the new master.
      give_back(c, false);
      fail("Redis answered READONLY: it is a replica now");
    }
    if (reply->type == REDIS_REPLY_ERROR) {
      RedisReply e;
      e.kind = RedisReply::Kind::error;
      e.text = std::string(reply->str, reply->len);
      out.push_back(std::move(e));
    } else {
      out.push_back(convert(reply.get()));
    }
  }
  give_back(c, true);
  answered();
  return out;
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
