// PSUBSCRIBE loop: poll() on the socket so that stop() is noticed within half a second.
#include "services/store/redis_subscriber.hpp"
#include "services/store/redis_auth.hpp"

#include <hiredis/hiredis.h>
#include <poll.h>

#include <chrono>

#include "services/platform/log.hpp"

namespace ow::store {

RedisSubscriber::RedisSubscriber(std::string host, int port, std::string pattern, OnMessage on_message,
                                 std::function<void()> on_connected, std::string password)
    : RedisSubscriber(RedisLocator(std::move(host), port), std::move(pattern), std::move(on_message),
                      std::move(on_connected), std::move(password)) {}

RedisSubscriber::RedisSubscriber(RedisLocator where, std::string pattern, OnMessage on_message,
                                 std::function<void()> on_connected, std::string password)
    : where_(std::move(where)),
      pattern_(std::move(pattern)),
      on_message_(std::move(on_message)),
      on_connected_(std::move(on_connected)),
      password_(std::move(password)) {}

RedisSubscriber::~RedisSubscriber() { stop(); }

void RedisSubscriber::start() {
  thread_ = std::thread([this] { run(); });
}

void RedisSubscriber::stop() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
}

void RedisSubscriber::run() {
  bool warned = false;
  while (!stopping_) {
    const auto master = where_.locate();
    redisContext* c = master ? redisConnectWithTimeout(master->host.c_str(), master->port, timeval{1, 0}) : nullptr;
    bool ok = c && !c->err && redis_authenticate(c, password_);
    if (ok && where_.via_sentinel()) {
      redisSetTimeout(c, timeval{1, 0});
      ok = redis_is_master(c);
      redisSetTimeout(c, timeval{0, 0});
    }
    if (ok) {
      auto* r = static_cast<redisReply*>(redisCommand(c, "PSUBSCRIBE %s", pattern_.c_str()));
      ok = r != nullptr;
      if (r) freeReplyObject(r);
    }
    if (!ok) {
      if (!warned)
        platform::log(platform::LogLevel::warn, "Redis subscription unavailable; retrying every second",
                      {{"pattern", pattern_}});
      warned = true;
      if (c) redisFree(c);
      for (int i = 0; i < 10 && !stopping_; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
      continue;
    }
    if (warned) platform::log(platform::LogLevel::info, "Redis subscription restored", {{"pattern", pattern_}});
    warned = false;
    try {
      on_connected_();
    } catch (const std::exception& e) {
      platform::log(platform::LogLevel::warn, "catch-up after Redis (re)connect failed", {{"error", e.what()}});
    }
    auto checked = std::chrono::steady_clock::now();
    while (!stopping_) {
      pollfd p{c->fd, POLLIN, 0};
      const int n = ::poll(&p, 1, 500);
      if (where_.via_sentinel() && std::chrono::steady_clock::now() - checked > std::chrono::seconds(2)) {
        checked = std::chrono::steady_clock::now();
        const auto now_master = where_.locate();
        if (now_master && *now_master != *master) {
          platform::log(platform::LogLevel::info, "Redis master switched; subscribing on the new one",
                        {{"master", now_master->text()}});
          break;
        }
      }
      if (n == 0) continue;
      if (n < 0 || redisBufferRead(c) != REDIS_OK) break;
      void* raw = nullptr;
      bool broken = false;
      while (redisGetReplyFromReader(c, &raw) == REDIS_OK && raw) {
        auto* r = static_cast<redisReply*>(raw);
        // pmessage: [ "pmessage", pattern, channel, payload ]
        if (r->type == REDIS_REPLY_ARRAY && r->elements == 4 && r->element[3]->type == REDIS_REPLY_STRING)
          on_message_(std::string(r->element[2]->str, r->element[2]->len),
                      std::string(r->element[3]->str, r->element[3]->len));
        freeReplyObject(r);
        raw = nullptr;
      }
      if (c->err) broken = true;
      if (broken) break;
    }
    redisFree(c);
  }
}

}  // namespace ow::store
