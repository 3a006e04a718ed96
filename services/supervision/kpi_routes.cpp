// KPI and evaluation handlers.
#include "services/supervision/kpi_routes.hpp"

#include <boost/json.hpp>

namespace ow::supervision {

void add_kpi_routes(platform::Router& router, KpiService& service) {
  using platform::http::verb;
  router.add(verb::get, "/api/v1/stats", platform::Access::only({platform::Role::supervisor}), [&service](platform::RequestContext& ctx) {
    auto q = [&](const char* name) -> std::optional<std::string> {
      auto it = ctx.query.find(name);
      if (it == ctx.query.end() || it->second.empty()) return std::nullopt;
      return it->second;
    };
    return platform::json_response(200, service.stats(ctx.who(), {q("region"), q("department"), q("from"), q("to")}));
  });
  router.add(verb::get, "/api/v1/followups", platform::Access::only({platform::Role::supervisor}), [&service](platform::RequestContext& ctx) {
    auto it = ctx.query.find("state");
    return platform::json_response(200, service.followups(ctx.who(), it == ctx.query.end() || it->second != "all"));
  });
  router.add(verb::post, "/api/v1/followups/{number}/{part}", platform::Access::only({platform::Role::supervisor}),
             [&service](platform::RequestContext& ctx) {
               const auto body = ctx.json_body();
               const std::string part = ctx.params.at("part");
               auto it = body.find(part == "callback" ? "note" : "report");
               const std::string text = it != body.end() && it->value().is_string() ? std::string(it->value().as_string()) : "";
               return platform::json_response(200, service.close_followup(ctx.who(), ctx.params.at("number"), part, text));
             });
  router.add(verb::post, "/api/v1/public/evaluations", platform::Access::open(), [&service](platform::RequestContext& ctx) {
    const auto body = ctx.json_body();
    auto text = [&](const char* name) {
      auto it = body.find(name);
      return it != body.end() && it->value().is_string() ? std::string(it->value().as_string()) : std::string();
    };
    auto [status, answer] = service.evaluate(text("number"), text("phone_last4"), body);
    return platform::json_response(status, answer);
  });
}

}  // namespace ow::supervision
