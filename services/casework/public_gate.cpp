// Query code checks with miss limits.
#include "services/casework/public_gate.hpp"

#include <sodium.h>

#include "services/casework/query_code.hpp"
#include "services/platform/client_address.hpp"
#include "services/platform/log.hpp"
#include "services/platform/problem.hpp"
#include "services/store/query_code_store.hpp"
#include "workflow/calendar/chinese_time.hpp"
#include "workflow/flow/case_number.hpp"

namespace ow::casework {
namespace {

using platform::Problem;

Problem nothing() {
  return Problem(404, "not_found", "未查到该办件，请核对办件编号和查询码", "no case with that number and query code");
}

Problem locked(const char* code, const char* what, std::chrono::seconds ttl) {
  const auto now =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  const std::string until = unlock_text(now + ttl.count());
  return Problem(429, code, std::string(what) + "，请于 " + until + " 后再试",
                 "too many wrong query codes; try again after " + until,
                 boost::json::object{{"retry_after_seconds", ttl.count()}})
      .with_retry_after(static_cast<unsigned>(ttl.count()));
}

// Gives a reservation back unless the attempt turned out to be a miss.
class Reserved {
 public:
  Reserved(store::AttemptLimiter& limiter, std::string key) : limiter_(limiter), key_(std::move(key)) {}
  Reserved(const Reserved&) = delete;
  Reserved& operator=(const Reserved&) = delete;
  ~Reserved() {
    if (!refund_) return;
    try {
      limiter_.refund(key_);
    } catch (const std::exception&) {  // Redis went away: one attempt too many stays counted until the window ends
    }
  }
  void keep() { refund_ = false; }

 private:
  store::AttemptLimiter& limiter_;
  std::string key_;
  bool refund_ = true;
};

}  // namespace

std::string unlock_text(calendar::Instant t) {
  const calendar::Instant minute = (t + 59) / 60 * 60;
  return calendar::chinese_time(calendar::format_instant(minute));
}

void PublicGate::admit(const std::string& number, const std::string& code, const std::string& client_address) {
  if (!flow::valid_case_number(number)) throw nothing();
  const auto typed = query_code::normalise(code);
  if (!typed)
    throw Problem(400, "invalid_query_code", "查询码应为受理回执上的 10 位字母和数字",
                  "the query code is ten letters and digits from the receipt", boost::json::object{{"field", "code"}});

  const std::string address_key = limits_.key_prefix + "address:" + platform::throttle_bucket(client_address);
  const std::string case_key = limits_.key_prefix + "case:" + number;
  const auto by_address = limiter_.reserve(address_key, limits_.misses_per_address, limits_.window);
  if (!by_address.allowed) throw locked("lookup_throttled", "查询错误次数过多", by_address.ttl);
  Reserved address(limiter_, address_key);
  const auto by_case = limiter_.reserve(case_key, limits_.misses_per_case, limits_.window);
  if (!by_case.allowed) throw locked("lookup_locked", "查询已锁定", by_case.ttl);
  Reserved per_case(limiter_, case_key);

  const auto stored = pool_.transact([&](store::Tx& tx) { return store::query_codes::of_number(tx, number); });
  const bool right =
      stored && stored->size() == typed->size() && sodium_memcmp(stored->data(), typed->data(), typed->size()) == 0;
  if (right) return;  // both reservations are given back
  address.keep();
  per_case.keep();
  if (by_case.count >= limits_.misses_per_case)
    platform::log(platform::LogLevel::warn, "public lookup locked after repeated wrong query codes",
                  {{"case_number", number}, {"remote", client_address}});
  throw nothing();
}

}  // namespace ow::casework
