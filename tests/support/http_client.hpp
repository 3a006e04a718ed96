// A minimal blocking HTTP/1.1 client for tests (Boost.Beast), one connection per request unless kept.
#pragma once

#include <map>
#include <string>

namespace ow::testing {

struct HttpResult {
  int status = 0;  // 0 when the connection failed
  std::string body;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string error;
};

// source_address: the loopback address to connect from (e.g. 127.0.0.2, to be another client); empty: any.
HttpResult http_request(int port, const std::string& method, const std::string& target, const std::string& body = {},
                        const std::map<std::string, std::string>& headers = {}, int timeout_ms = 10000,
                        const std::string& source_address = {});

// Sends raw bytes and returns the raw answer (for malformed requests).
std::string raw_exchange(int port, const std::string& bytes, int timeout_ms = 5000);

}  // namespace ow::testing
