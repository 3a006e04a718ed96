// GET /api/v1/calendar/working-days?from=YYYY-MM-DD&working_days=N&bundle=CODE (any signed-in user: the
// calendar is public knowledge). `from` defaults to today (China Standard Time); `working_days` to the
// bundle's committed limit in working days, else 5. With a bundle the answer also carries the committed due
// date of a case accepted now and `deferral_date`, the default promise date of a 容缺 material.
#include "services/acceptance/calendar_routes.hpp"

#include <boost/json.hpp>

#include "services/acceptance/intake_checks.hpp"
#include "services/acceptance/query_params.hpp"
#include "services/platform/problem.hpp"
#include "workflow/calendar/clock.hpp"
#include "workflow/flow/intake_rules.hpp"

namespace ow::acceptance {
namespace {

namespace json = boost::json;
using platform::problems::bad_request;

int working_days_param(const std::string& text) {
  std::size_t used = 0;
  int n = 0;
  try {
    n = std::stoi(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != text.size() || n < 1 || n > 250)
    throw bad_request("working_days is a number from 1 to 250", "working_days");
  return n;
}

}  // namespace

void add_calendar_routes(platform::Router& router, catalog_service::CatalogService& catalog,
                         const calendar::WorkingTime& time, std::function<calendar::Instant()> now) {
  router.add(platform::http::verb::get, "/api/v1/calendar/working-days", platform::Access::any_actor(),
             [&catalog, &time, now](platform::RequestContext& ctx) {
               const calendar::Instant at = now();
               calendar::Date from = calendar::cst_date(at);
               if (auto f = query_param(ctx, "from")) {
                 try {
                   from = calendar::parse_date(*f);
                 } catch (const calendar::ParseError& e) {
                   throw bad_request(e.what(), "from");
                 }
               }
               const catalog::Bundle* bundle = nullptr;
               std::shared_ptr<const catalog_service::LoadedCatalog> loaded;
               if (auto code = query_param(ctx, "bundle")) {
                 loaded = catalog.current();
                 if (!loaded || !loaded->catalog.bundles.contains(*code))
                   throw bad_request("no bundle '" + *code + "' in the catalog", "bundle");
                 bundle = &loaded->catalog.bundles.at(*code);
               }
               const auto n_text = query_param(ctx, "working_days");
               const int n =
                   n_text ? working_days_param(*n_text) : (bundle ? flow::default_deferral_days(bundle->committed) : 5);
               const auto& cal = time.calendar();
               json::object out{{"from", calendar::format_date(from)},
                                {"working_days", n},
                                {"date", calendar::format_date(cal.add_working_days(from, n))}};
               if (bundle) {
                 const calendar::ClockMath math(time);
                 const calendar::Date due = committed_due_date(math, *bundle, at);
                 out["bundle"] = bundle->code;
                 out["committed_due_date"] = calendar::format_date(due);
                 out["deferral_date"] = calendar::format_date(flow::default_deferral_date(cal, from, n, due));
               }
               return platform::json_response(200, out);
             });
}

}  // namespace ow::acceptance
