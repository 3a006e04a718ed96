// POST /api/v1/departments/{code}/events and GET /api/v1/departments/{code}/tasks.
#include "services/dispatcher/department_routes.hpp"

#include <boost/json.hpp>

namespace ow::dispatcher {

void add_department_routes(platform::Router& router, DepartmentEvents& events) {
  using platform::http::verb;
  const auto department = platform::Access::only({platform::Role::department_system});
  router.add(verb::post, "/api/v1/departments/{code}/events", department, [&events](platform::RequestContext& ctx) {
    SignedRequest r{ctx.params.at("code"), ctx.header("X-OW-Timestamp"), ctx.header("X-OW-Signature"),
                    ctx.request.body()};
    auto answer = events.receive(ctx.who(), r);
    auto res = platform::text_response(
        answer.status, answer.status >= 400 ? "application/problem+json" : "application/json", answer.body);
    if (answer.replayed) res.set("Idempotent-Replayed", "true");
    return res;
  });
  router.add(verb::get, "/api/v1/departments/{code}/tasks", department, [&events](platform::RequestContext& ctx) {
    auto it = ctx.query.find("state");
    return platform::json_response(
        200, events.tasks(ctx.who(), ctx.params.at("code"), it == ctx.query.end() ? "" : it->second));
  });
}

}  // namespace ow::dispatcher
