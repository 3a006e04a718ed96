// Serving the OpenAPI document.
#include "services/platform/openapi_route.hpp"

namespace ow::platform {

void add_openapi_route(Router& router) {
  router.add(http::verb::get, "/api/v1/openapi.json", Access::open(), [](RequestContext&) {
    auto res = text_response(200, "application/json", std::string(openapi_document()));
    res.set(http::field::cache_control, "public, max-age=300");
    return res;
  });
}

}  // namespace ow::platform
