// The test-mode clock control.
#include "services/platform/test_clock_route.hpp"

#include <boost/json.hpp>

namespace ow::platform {

void add_test_clock_route(Router& router, std::atomic<std::int64_t>& offset_seconds) {
  router.add(http::verb::post, "/api/v1/test/clock", Access::open(), [&offset_seconds](RequestContext& ctx) {
    const auto body = ctx.json_body();
    auto it = body.find("offset_seconds");
    if (it == body.end() || !it->value().is_int64())
      throw problems::bad_request("'offset_seconds' must be a whole number", "offset_seconds");
    offset_seconds = it->value().as_int64();
    return json_response(200, boost::json::object{{"offset_seconds", offset_seconds.load()}});
  });
}

}  // namespace ow::platform
