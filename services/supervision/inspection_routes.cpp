// Inspection finding handlers.
#include "services/supervision/inspection_routes.hpp"

#include <boost/json.hpp>

namespace ow::supervision {

void add_inspection_routes(platform::Router& router, InspectionDesk& desk) {
  using platform::http::verb;
  const auto supervisor = platform::Access::only({platform::Role::supervisor});
  router.add(verb::post, "/api/v1/inspections", supervisor, [&desk](platform::RequestContext& ctx) {
    return platform::json_response(201, desk.record(ctx.who(), ctx.json_body()));
  });
  router.add(verb::get, "/api/v1/inspections", supervisor, [&desk](platform::RequestContext& ctx) {
    return platform::json_response(200, desk.list(ctx.who(), ctx.query));
  });
}

}  // namespace ow::supervision
