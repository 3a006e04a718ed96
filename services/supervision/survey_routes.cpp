// Survey handlers: parse the query, hand over to SurveyService.
#include "services/supervision/survey_routes.hpp"

#include <boost/json.hpp>

#include "services/platform/problem.hpp"

namespace ow::supervision {
namespace {

// The answer of a repeated request says so (Idempotent-Replayed), like every replayed POST.
platform::Response replayed_if(const std::optional<RepeatedPost>& r, platform::Response res) {
  if (r && r->replayed) res.set("Idempotent-Replayed", "true");
  return res;
}

std::optional<std::string> query(const platform::RequestContext& ctx, const char* name) {
  auto it = ctx.query.find(name);
  if (it == ctx.query.end() || it->second.empty()) return std::nullopt;
  return it->second;
}

std::int64_t id_param(const platform::RequestContext& ctx) {
  const std::string& text = ctx.params.at("id");
  if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos)
    throw platform::problems::not_found("no such id");
  return std::stoll(text);
}

std::string format_of(const platform::RequestContext& ctx, const char* fallback) {
  const std::string f = query(ctx, "format").value_or(fallback);
  if (f != "csv" && f != "html" && f != "json")
    throw platform::problems::bad_request("format is json, csv or html", "format");
  return f;
}

}  // namespace

void add_survey_routes(platform::Router& router, SurveyService& service) {
  using platform::Role;
  using platform::http::verb;
  const auto both = platform::Access::only({Role::surveyor, Role::supervisor});
  router.add(verb::get, "/api/v1/sampling-frame", both, [&service](platform::RequestContext& ctx) {
    const std::string month = query(ctx, "month").value_or("");
    const Reader reader{"GET /api/v1/sampling-frame", ctx.request_id};
    const std::string format = format_of(ctx, "json");
    if (format == "html") throw platform::problems::bad_request("format is json or csv", "format");
    if (format == "json")
      return platform::json_response(200, service.frame(ctx.who(), month, query(ctx, "region"), reader));
    auto res = platform::text_response(200, "text/csv; charset=utf-8",
                                       service.frame_csv(ctx.who(), month, query(ctx, "region"), reader));
    res.set("Content-Disposition", "attachment; filename=\"sampling-frame-" + month + ".csv\"");
    res.set("Cache-Control", "no-store");
    return res;
  });
  router.add(verb::post, "/api/v1/sampling-frame/corrections", both, [&service](platform::RequestContext& ctx) {
    auto repeat = repeated_post(ctx);
    return replayed_if(repeat,
                       platform::json_response(
                           201, service.correct(ctx.who(), ctx.json_body(),
                                                {"POST /api/v1/sampling-frame/corrections", ctx.request_id}, &repeat)));
  });
  router.add(verb::post, "/api/v1/callback-draws", both, [&service](platform::RequestContext& ctx) {
    auto repeat = repeated_post(ctx);
    return replayed_if(repeat, platform::json_response(201, service.draw(ctx.who(), ctx.json_body(), &repeat)));
  });
  router.add(verb::get, "/api/v1/callback-draws", both, [&service](platform::RequestContext& ctx) {
    return platform::json_response(200, service.draws(ctx.who(), query(ctx, "week"), query(ctx, "region")));
  });
  router.add(verb::get, "/api/v1/callback-draws/{id}", both, [&service](platform::RequestContext& ctx) {
    return platform::json_response(200, service.draw_view(ctx.who(), id_param(ctx)));
  });
  router.add(verb::get, "/api/v1/callbacks", platform::Access::only({Role::surveyor}),
             [&service](platform::RequestContext& ctx) {
               const bool open_only = query(ctx, "state").value_or("open") != "all";
               return platform::json_response(
                   200, service.calls_of(ctx.who(), open_only, {"GET /api/v1/callbacks", ctx.request_id}));
             });
  router.add(verb::post, "/api/v1/callbacks/{id}/attempts", platform::Access::only({Role::surveyor}),
             [&service](platform::RequestContext& ctx) {
               auto repeat = repeated_post(ctx);
               return replayed_if(repeat, platform::json_response(201, service.record_call(ctx.who(), id_param(ctx),
                                                                                           ctx.json_body(), &repeat)));
             });
  router.add(verb::get, "/api/v1/survey-estimates", both, [&service](platform::RequestContext& ctx) {
    return platform::json_response(
        200, service.estimates(ctx.who(), query(ctx, "month").value_or(""), query(ctx, "region")));
  });
  router.add(verb::get, "/api/v1/reports/callbacks", both, [&service](platform::RequestContext& ctx) {
    const std::string format = format_of(ctx, "csv");
    if (format == "json") throw platform::problems::bad_request("format is csv or html", "format");
    const std::string week = query(ctx, "week").value_or("");
    auto res = platform::text_response(200, format == "csv" ? "text/csv; charset=utf-8" : "text/html; charset=utf-8",
                                       service.weekly_filing(ctx.who(), week, query(ctx, "region"), format));
    if (format == "csv") res.set("Content-Disposition", "attachment; filename=\"callbacks-" + week + ".csv\"");
    return res;
  });
}

}  // namespace ow::supervision
