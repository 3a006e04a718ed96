// Sending signed 12345 tickets.
#include "adapters/simulator/hotline_sender.hpp"

#include <boost/json.hpp>

#include "adapters/department/signature.hpp"
#include "workflow/calendar/instant.hpp"

namespace ow::simulator {

std::pair<int, std::string> send_hotline_ticket(adapters::HttpClient& client, const std::string& platform_url,
                                                const HotlineIdentity& hotline, const std::string& body,
                                                std::int64_t now_unix, int sequence) {
  namespace json = boost::json;
  boost::system::error_code error;
  json::value v = json::parse(body, error);
  if (error || !v.is_object()) return {400, R"({"error":"a ticket is a JSON object"})"};
  json::object& t = v.as_object();
  if (!t.contains("id")) t["id"] = "SIM-" + std::to_string(now_unix) + "-" + std::to_string(sequence);
  if (!t.contains("received_at")) t["received_at"] = calendar::format_instant(now_unix);
  const std::string signed_body = json::serialize(t), ts = std::to_string(now_unix);
  auto a = client.post(platform_url + "/api/v1/hotline/tickets",
                       {{"X-Api-Key", hotline.api_key},
                        {"X-OW-Timestamp", ts},
                        {"X-OW-Signature", adapters::sign(hotline.secret, ts, signed_body)}},
                       signed_body, std::chrono::milliseconds(2000), std::chrono::milliseconds(5000));
  if (a.status == 0) return {502, json::serialize(json::object{{"error", a.error}})};
  return {a.status, a.body};
}

}  // namespace ow::simulator
