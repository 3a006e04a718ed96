// KPI and evaluation handlers.
#include "services/supervision/kpi_routes.hpp"

#include <boost/json.hpp>

#include "services/platform/actor.hpp"
#include "services/supervision/weekly_report.hpp"

namespace ow::supervision {

void add_kpi_routes(platform::Router& router, KpiService& service, std::function<calendar::Instant()> now,
                    casework::PublicGate& gate) {
  using platform::http::verb;
  router.add(verb::get, "/api/v1/reports/weekly", platform::Access::only({platform::Role::supervisor}),
             [&service, now](platform::RequestContext& ctx) {
               auto q = [&](const char* name) {
                 auto it = ctx.query.find(name);
                 return it == ctx.query.end() ? std::string() : it->second;
               };
               Week week;
               try {
                 week = parse_iso_week(q("week"));
               } catch (const std::exception& e) {
                 throw platform::problems::bad_request(std::string("week: ") + e.what(), "week");
               }
               const std::string format = q("format").empty() ? "csv" : q("format");
               if (format != "csv" && format != "html")
                 throw platform::problems::bad_request("format is csv or html", "format");
               std::string scope = platform::region_scope(ctx.who().region_code);
               if (!q("region").empty()) {
                 if (!q("region").starts_with(scope))
                   throw platform::problems::forbidden("region " + q("region") + " is outside your scope");
                 scope = platform::region_scope(q("region"));
               }
               auto res = platform::text_response(
                   200, format == "csv" ? "text/csv; charset=utf-8" : "text/html; charset=utf-8",
                   weekly_report(service.reports(), scope, week, format, now(), service.report_names()));
               if (format == "csv")
                 res.set("Content-Disposition", "attachment; filename=\"weekly-" + week.label + ".csv\"");
               return res;
             });
  router.add(verb::get, "/api/v1/stats", platform::Access::only({platform::Role::supervisor}),
             [&service](platform::RequestContext& ctx) {
               auto q = [&](const char* name) -> std::optional<std::string> {
                 auto it = ctx.query.find(name);
                 if (it == ctx.query.end() || it->second.empty()) return std::nullopt;
                 return it->second;
               };
               return platform::json_response(
                   200, service.stats(ctx.who(), {q("region"), q("department"), q("from"), q("to")}));
             });
  router.add(verb::get, "/api/v1/followups", platform::Access::only({platform::Role::supervisor}),
             [&service](platform::RequestContext& ctx) {
               auto it = ctx.query.find("state");
               return platform::json_response(
                   200, service.followups(ctx.who(), it == ctx.query.end() || it->second != "all"));
             });
  router.add(verb::post, "/api/v1/followups/{number}/{part}", platform::Access::only({platform::Role::supervisor}),
             [&service](platform::RequestContext& ctx) {
               const auto body = ctx.json_body();
               const std::string part = ctx.params.at("part");
               auto it = body.find(part == "callback" ? "note" : "report");
               const std::string text =
                   it != body.end() && it->value().is_string() ? std::string(it->value().as_string()) : "";
               return platform::json_response(200,
                                              service.close_followup(ctx.who(), ctx.params.at("number"), part, text));
             });
  router.add(verb::post, "/api/v1/public/evaluations", platform::Access::open(),
             [&service, &gate](platform::RequestContext& ctx) {
               const auto body = ctx.json_body();
               auto text = [&](const char* name) {
                 auto it = body.find(name);
                 return it != body.end() && it->value().is_string() ? std::string(it->value().as_string())
                                                                    : std::string();
               };
               const std::string number = text("number");
               gate.admit(number, text("code"), ctx.remote_address);
               auto [status, answer] = service.evaluate(number, body);
               return platform::json_response(status, answer);
             });
}

}  // namespace ow::supervision
