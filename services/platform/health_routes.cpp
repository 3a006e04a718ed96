// Liveness, readiness and Prometheus metrics. Ready means the core can be served: PostgreSQL answers. Redis
// (sessions' throttles, the e-licence cache, the live alert feed) down is reported as degraded, still 200:
// intake and approval work without it, and a load balancer must not take a working platform out of service.
#include <boost/json.hpp>

#include "services/platform/platform_routes.hpp"

namespace ow::platform {

void add_health_routes(Router& router, Readiness readiness, const Metrics& metrics) {
  router.add(http::verb::get, "/healthz", Access::open(), [](RequestContext&) {
    return json_response(200, boost::json::object{{"status", "ok"}});
  });
  router.add(http::verb::get, "/readyz", Access::open(), [readiness](RequestContext& ctx) {
    const bool db = readiness.database(), redis = readiness.redis();
    boost::json::object checks{{"postgresql", db ? "ok" : "down"}, {"redis", redis ? "ok" : "down"}};
    if (db)
      return json_response(200, boost::json::object{{"status", redis ? "ready" : "degraded"}, {"checks", checks}});
    Problem p(503, "not_ready", "服务尚未就绪", "a dependency does not answer",
              boost::json::object{{"checks", checks}});
    p.with_retry_after(5);
    return problem_response(p, ctx.path, ctx.request_id);
  });
  // The metrics, and what /readyz would say now (asked outside the registry's lock: a ping may take a while).
  router.add(http::verb::get, "/metrics", Access::open(), [&metrics, readiness](RequestContext&) {
    const bool db = readiness.database(), redis = readiness.redis();
    std::string text = metrics.render();
    text += "# HELP ow_ready 1 when the dependency answers (PostgreSQL down: /readyz is 503).\n# TYPE ow_ready gauge\n";
    text += std::string("ow_ready{dependency=\"postgresql\"} ") + (db ? "1" : "0") + "\n";
    text += std::string("ow_ready{dependency=\"redis\"} ") + (redis ? "1" : "0") + "\n";
    return text_response(200, "text/plain; version=0.0.4; charset=utf-8", std::move(text));
  });
}

}  // namespace ow::platform
