// A small blocking HTTP/1.1 client for talking to department systems (pushes) and, in the simulator, to the
// platform (callbacks): connect and response timeouts, keep-alive connections pooled per host, TLS (with
// certificate chain and host name verification) when the URL is https. Call it from worker threads, never an
// event loop.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace ow::adapters {

struct HttpAnswer {
  int status = 0;  // 0: no answer (see error)
  std::string body;
  std::string error;  // connect / timeout / protocol error, empty when an answer came
  bool timed_out = false;
  int retry_after_seconds = -1;  // the answer's Retry-After (delta-seconds form), -1 when absent
};

struct ParsedUrl {
  bool tls = false;
  std::string host, port, path;  // path starts with '/'
};
ParsedUrl parse_url(const std::string& url);  // throws std::invalid_argument

class HttpClient {
 public:
  // `ca_file`: an extra PEM bundle trusted for https besides the system's (departments with a private CA).
  explicit HttpClient(const std::string& ca_file = {});
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  HttpAnswer post(const std::string& url, const std::map<std::string, std::string>& headers, const std::string& body,
                  std::chrono::milliseconds connect_timeout, std::chrono::milliseconds response_timeout);
  HttpAnswer get(const std::string& url, const std::map<std::string, std::string>& headers,
                 std::chrono::milliseconds connect_timeout, std::chrono::milliseconds response_timeout);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ow::adapters
