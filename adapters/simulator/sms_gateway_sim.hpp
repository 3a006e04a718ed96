// The simulator's SMS gateway (on when OW_SMS_SECRET or OW_SMS_SECRET_FILE is set): POST /sms/messages checks
// the platform's signature (X-OW-Timestamp within 5 minutes, X-OW-Signature over timestamp and body) and
// records each message once by its Idempotency-Key; GET /_sms/messages lets a test read what arrived (and the
// duplicates and refusals); POST /_sms/outage {"seconds": N} makes it answer 503 for N seconds (0 ends it).
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace ow::simulator {

class SmsGatewaySim {
 public:
  explicit SmsGatewaySim(std::string secret) : secret_(std::move(secret)) {}
  struct Reply {
    int status;
    std::string body;
  };
  // The answer when `target` is one of its routes; nothing otherwise.
  std::optional<Reply> handle(const std::string& method, const std::string& target,
                              const std::map<std::string, std::string>& headers, const std::string& body);

 private:
  struct Received {
    std::string id, phone, text;
    std::int64_t at = 0;  // Unix seconds
  };
  Reply receive(const std::map<std::string, std::string>& headers, const std::string& body);

  std::string secret_;
  std::mutex mutex_;
  std::vector<Received> received_;
  std::set<std::string> keys_;
  int duplicates_ = 0, refused_ = 0, unavailable_ = 0;
  std::chrono::steady_clock::time_point down_until_{};
};

}  // namespace ow::simulator
