// Which request the current worker thread is serving: the route ("GET /api/v1/cases/{number}") and the request
// id. The router sets it around every handler, so that code deep in a service (the personal-data access log)
// can name the request without every signature carrying it. Thread-local: a handler runs on one worker thread.
#pragma once

#include <string>

namespace ow::platform {

struct RequestOrigin {
  std::string route;  // method and route pattern, never the filled-in path
  std::string request_id;
};

// The origin of the request this thread is handling; empty fields outside a request (CLI, tests, timers).
const RequestOrigin& current_origin();

// Sets the thread's origin for its lifetime and restores the previous one after.
class OriginScope {
 public:
  explicit OriginScope(RequestOrigin origin);
  ~OriginScope();
  OriginScope(const OriginScope&) = delete;
  OriginScope& operator=(const OriginScope&) = delete;

 private:
  RequestOrigin previous_;
};

}  // namespace ow::platform
