// The simulator's SMS gateway.
#include "adapters/simulator/sms_gateway_sim.hpp"

#include <strings.h>
#include <boost/json.hpp>
#include <ctime>

#include "adapters/department/signature.hpp"

namespace ow::simulator {
namespace json = boost::json;
namespace {

std::string header(const std::map<std::string, std::string>& headers, const char* name) {
  for (const auto& [k, v] : headers)
    if (::strcasecmp(k.c_str(), name) == 0) return v;
  return {};
}

}  // namespace

std::optional<SmsGatewaySim::Reply> SmsGatewaySim::handle(const std::string& method, const std::string& target,
                                                          const std::map<std::string, std::string>& headers,
                                                          const std::string& body) {
  if (method == "POST" && target == "/sms/messages") return receive(headers, body);
  if (method == "GET" && target == "/_sms/messages") {
    std::lock_guard lock(mutex_);
    json::array list;
    for (const auto& r : received_)
      list.push_back(json::object{{"id", r.id}, {"phone", r.phone}, {"text", r.text}, {"at", r.at}});
    return Reply{
        200,
        json::serialize(json::object{
            {"messages", list}, {"duplicates", duplicates_}, {"refused", refused_}, {"unavailable", unavailable_}})};
  }
  if (method == "POST" && target == "/_sms/outage") {
    boost::system::error_code ec;
    const auto v = json::parse(body, ec);
    if (ec || !v.is_object() || !v.as_object().contains("seconds"))
      return Reply{400, R"({"error":"{\"seconds\": N}"})"};
    std::lock_guard lock(mutex_);
    down_until_ = std::chrono::steady_clock::now() +
                  std::chrono::milliseconds(static_cast<long long>(v.at("seconds").to_number<double>() * 1000));
    return Reply{200, "{}"};
  }
  return std::nullopt;
}

SmsGatewaySim::Reply SmsGatewaySim::receive(const std::map<std::string, std::string>& headers,
                                            const std::string& body) {
  std::lock_guard lock(mutex_);
  if (std::chrono::steady_clock::now() < down_until_) {
    ++unavailable_;
    return {503, R"({"error":"gateway unavailable"})"};
  }
  const std::string ts = header(headers, "X-OW-Timestamp"), signature = header(headers, "X-OW-Signature");
  if (!adapters::timestamp_fresh(ts, std::time(nullptr), 300) ||
      !adapters::signature_matches(secret_, ts, body, signature)) {
    ++refused_;
    return {401, R"({"error":"bad signature"})"};
  }
  boost::system::error_code ec;
  const auto v = json::parse(body, ec);
  if (ec || !v.is_object() || !v.as_object().contains("phone") || !v.as_object().contains("text") ||
      !v.at("phone").is_string() || !v.at("text").is_string()) {
    ++refused_;
    return {422, R"({"error":"phone and text required"})"};
  }
  const std::string key = header(headers, "Idempotency-Key");
  if (!key.empty() && !keys_.insert(key).second) {
    ++duplicates_;
    return {200, json::serialize(json::object{{"id", key}, {"duplicate", true}})};
  }
  received_.push_back({key, std::string(v.at("phone").as_string()), std::string(v.at("text").as_string()),
                       static_cast<std::int64_t>(std::time(nullptr))});
  return {200, json::serialize(json::object{{"id", key}})};
}

}  // namespace ow::simulator
