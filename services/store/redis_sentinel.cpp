// The Sentinel protocol over hiredis: get-master-addr-by-name and ROLE.
#include "services/store/redis_sentinel.hpp"
#include "services/store/redis_auth.hpp"

#include <hiredis/hiredis.h>

#include <memory>
#include <stdexcept>

namespace ow::store {
namespace {

struct ReplyFree {
  void operator()(redisReply* r) const {
    if (r) freeReplyObject(r);
  }
};
using Reply = std::unique_ptr<redisReply, ReplyFree>;

}  // namespace

std::vector<RedisAddress> parse_redis_addresses(const std::string& text) {
  std::vector<RedisAddress> out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    auto comma = text.find(',', pos);
    std::string item = text.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
    pos = comma == std::string::npos ? text.size() : comma + 1;
    item.erase(0, item.find_first_not_of(" \t"));
    item.erase(item.find_last_not_of(" \t") + 1);
    if (item.empty()) continue;
    const auto colon = item.rfind(':');
    int port = 0;
    try {
      if (colon == std::string::npos || colon == 0) throw std::invalid_argument("no port");
      std::size_t used = 0;
      port = std::stoi(item.substr(colon + 1), &used);
      if (used != item.size() - colon - 1 || port <= 0 || port > 65535) throw std::invalid_argument("bad port");
    } catch (const std::exception&) {
      throw std::invalid_argument("'" + item + "' is not host:port");
    }
    out.push_back({item.substr(0, colon), port});
  }
  return out;
}

std::optional<RedisAddress> ask_sentinel(const RedisAddress& sentinel, const std::string& master,
                                         std::chrono::milliseconds timeout) {
  redisContext* c = redisConnectWithTimeout(sentinel.host.c_str(), sentinel.port, redis_timeval(timeout));
  if (!c) return std::nullopt;
  std::unique_ptr<redisContext, void (*)(redisContext*)> guard(c, redisFree);
  if (c->err) return std::nullopt;
  redisSetTimeout(c, redis_timeval(timeout));
  const char* argv[] = {"SENTINEL", "get-master-addr-by-name", master.c_str()};
  const size_t lengths[] = {8, 23, master.size()};
  Reply r(static_cast<redisReply*>(redisCommandArgv(c, 3, argv, lengths)));
  // [host, port], or nil when this Sentinel does not monitor the name
  if (!r || r->type != REDIS_REPLY_ARRAY || r->elements != 2 || r->element[0]->type != REDIS_REPLY_STRING ||
      r->element[1]->type != REDIS_REPLY_STRING)
    return std::nullopt;
  try {
    return RedisAddress{std::string(r->element[0]->str, r->element[0]->len),
                        std::stoi(std::string(r->element[1]->str, r->element[1]->len))};
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

bool redis_is_master(redisContext* c) {
  Reply r(static_cast<redisReply*>(redisCommand(c, "ROLE")));
  return r && r->type == REDIS_REPLY_ARRAY && r->elements > 0 && r->element[0]->type == REDIS_REPLY_STRING &&
         std::string(r->element[0]->str, r->element[0]->len) == "master";
}

RedisLocator::RedisLocator(std::string host, int port) : fixed_{std::move(host), port} {}

RedisLocator::RedisLocator(std::vector<RedisAddress> sentinels, std::string master_name,
                           std::chrono::milliseconds timeout)
    : master_name_(std::move(master_name)), timeout_(timeout), sentinels_(std::move(sentinels)) {}

RedisLocator::RedisLocator(const RedisLocator& other)
    : fixed_(other.fixed_), master_name_(other.master_name_), timeout_(other.timeout_) {
  std::lock_guard lock(other.mutex_);
  sentinels_ = other.sentinels_;
}

std::optional<RedisAddress> RedisLocator::locate() {
  std::vector<RedisAddress> order;
  {
    std::lock_guard lock(mutex_);
    if (sentinels_.empty()) return fixed_;
    order = sentinels_;
  }
  for (const auto& s : order) {
    auto master = ask_sentinel(s, master_name_, timeout_);
    if (!master) continue;
    std::lock_guard lock(mutex_);
    for (std::size_t i = 0; i < sentinels_.size(); ++i)
      if (sentinels_[i] == s && i > 0) {
        sentinels_.erase(sentinels_.begin() + static_cast<std::ptrdiff_t>(i));
        sentinels_.insert(sentinels_.begin(), s);
        break;
      }
    return master;
  }
  return std::nullopt;
}

std::string RedisLocator::describe() const {
  std::lock_guard lock(mutex_);
  if (sentinels_.empty()) return fixed_.text();
  std::string out = "master '" + master_name_ + "' via Sentinel";
  for (const auto& s : sentinels_) out += " " + s.text();
  return out;
}

}  // namespace ow::store
