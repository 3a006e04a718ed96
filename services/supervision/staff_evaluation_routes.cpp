// The quarterly staff evaluation handler.
#include "services/supervision/staff_evaluation_routes.hpp"

#include <boost/json.hpp>

#include "services/platform/problem.hpp"
#include "services/supervision/staff_evaluation.hpp"

namespace ow::supervision {

void add_staff_evaluation_routes(platform::Router& router, store::PgPool& pool,
                                 catalog_service::CatalogService& catalog) {
  using platform::http::verb;
  router.add(verb::get, "/api/v1/reports/staff-quarterly", platform::Access::only({platform::Role::supervisor}),
             [&pool, &catalog](platform::RequestContext& ctx) {
               auto q = [&](const char* name) {
                 auto it = ctx.query.find(name);
                 return it == ctx.query.end() ? std::string() : it->second;
               };
               Quarter quarter;
               try {
                 quarter = parse_quarter(q("quarter"));
               } catch (const std::exception& e) {
                 throw platform::problems::bad_request(std::string("quarter: ") + e.what(), "quarter");
               }
               const std::string format = q("format").empty() ? "json" : q("format");
               if (format != "json" && format != "csv" && format != "html")
                 throw platform::problems::bad_request("format is json, csv or html", "format");
               std::string scope = platform::region_scope(ctx.who().region_code);
               if (!q("region").empty()) {
                 if (!q("region").starts_with(scope))
                   throw platform::problems::forbidden("region " + q("region") + " is outside your scope");
                 scope = platform::region_scope(q("region"));
               }
               const auto loaded = catalog.current();
               const auto e = staff_evaluation(pool, scope, quarter, loaded ? &loaded->catalog : nullptr);
               if (format == "json") return platform::json_response(200, staff_evaluation_json(e));
               auto res = platform::text_response(
                   200, format == "csv" ? "text/csv; charset=utf-8" : "text/html; charset=utf-8",
                   staff_evaluation_text(e, format));
               if (format == "csv")
                 res.set("Content-Disposition", "attachment; filename=\"staff-" + quarter.label + ".csv\"");
               return res;
             });
}

}  // namespace ow::supervision
