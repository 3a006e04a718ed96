// The simulator playing the 12345 hotline system (demo and tests): POST /_hotline/tickets on the simulator
// with a ticket's JSON (id and received_at may be left out: SIM-<n> and now are filled in) sends it to the
// platform's POST /api/v1/hotline/tickets with the hotline's API key, timestamp and HMAC signature, and
// answers with the platform's status and body.
#pragma once

#include <cstdint>
#include <string>
#include <utility>

#include "adapters/department/http_client.hpp"

namespace ow::simulator {

struct HotlineIdentity {
  std::string code, secret, api_key;  // from OW_HOTLINE_SECRET and OW_HOTLINE_APIKEY (or their _FILE variants)
};

// `sequence` numbers tickets sent without an id. Returns (status, body); 400 for a body that is not an object.
std::pair<int, std::string> send_hotline_ticket(adapters::HttpClient& client, const std::string& platform_url,
                                                const HotlineIdentity& hotline, const std::string& body,
                                                std::int64_t now_unix, int sequence);

}  // namespace ow::simulator
