// Posting one signed SMS to the gateway.
#include "adapters/sms/sms_gateway.hpp"

#include <boost/json.hpp>

#include "adapters/department/signature.hpp"

namespace ow::adapters {

std::string sms_body(const std::string& id, const std::string& phone, const std::string& text) {
  return boost::json::serialize(boost::json::object{{"id", id}, {"phone", phone}, {"text", text}});
}

SmsGateway::SmsGateway(SmsGatewaySettings settings, std::function<std::int64_t()> unix_now)
    : settings_(std::move(settings)), unix_now_(std::move(unix_now)) {}

HttpAnswer SmsGateway::send(const std::string& id, const std::string& phone, const std::string& text) {
  const std::string body = sms_body(id, phone, text);
  const std::string ts = std::to_string(unix_now_());
  return client_.post(settings_.url,
                      {{"Content-Type", "application/json"},
                       {"Idempotency-Key", id},
                       {"X-OW-Timestamp", ts},
                       {"X-OW-Signature", sign(settings_.secret, ts, body)}},
                      body, settings_.timeout, settings_.timeout);
}

}  // namespace ow::adapters
