// The SMS gateway adapter: one message is one signed HTTP POST of {"id", "phone", "text"} to the configured
// URL (sms.url), with X-OW-Timestamp and X-OW-Signature = hex HMAC-SHA256(secret, timestamp + "." + body) —
// the department protocol's signature — and Idempotency-Key = the message id, so a message sent again after a
// lost answer is delivered once. Blocking, with connect and response timeouts: call it from a worker thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

#include "adapters/department/http_client.hpp"

namespace ow::adapters {

struct SmsGatewaySettings {
  std::string url;     // e.g. https://sms.example.gov.cn/api/messages
  std::string secret;  // the HMAC secret (sms.secret, given as a 0600 file)
  std::chrono::milliseconds timeout{3000};
};

// The body the gateway receives.
std::string sms_body(const std::string& id, const std::string& phone, const std::string& text);

class SmsGateway {
 public:
  SmsGateway(SmsGatewaySettings settings, std::function<std::int64_t()> unix_now);
  // Posts one message; the gateway's answer (status 0: none, see error).
  HttpAnswer send(const std::string& id, const std::string& phone, const std::string& text);

 private:
  SmsGatewaySettings settings_;
  std::function<std::int64_t()> unix_now_;
  HttpClient client_;
};

}  // namespace ow::adapters
