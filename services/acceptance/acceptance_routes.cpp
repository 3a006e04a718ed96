// HTTP handlers of the window API.
#include "services/acceptance/acceptance_routes.hpp"

#include <boost/json.hpp>

#include "services/acceptance/query_params.hpp"

namespace ow::acceptance {
namespace {

using platform::Access;
using platform::RequestContext;
using platform::Role;
namespace problems = platform::problems;

}  // namespace

platform::Response document_response(std::string html) {
  auto res = platform::text_response(200, "text/html; charset=utf-8", std::move(html));
  // A document is data, never a program: no scripts, no requests, shown only inside the console.
  res.set("Content-Security-Policy",
          "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox allow-modals; frame-ancestors 'self'");
  return res;
}

void add_acceptance_routes(platform::Router& router, IntakeService& intake, casework::PublicGate& gate) {
  using platform::http::verb;
  // Case bodies: not for admin or auditor (personal_data.hpp has the rule); the list not for approvers either,
  // who work from their department's task list.
  const Access staff = Access::only({Role::clerk, Role::approver, Role::supervisor});
  router.add(verb::post, "/api/v1/cases", Access::only({Role::clerk}), [&intake](RequestContext& ctx) {
    const std::string key = ctx.header("Idempotency-Key");
    if (key.empty() || key.size() > 128)
      throw platform::Problem(400, "idempotency_key_required", "缺少幂等键",
                              "POST /api/v1/cases needs an Idempotency-Key header (1–128 characters)");
    const auto request = parse_intake_request(ctx.json_body());
    Answer a = intake.create(ctx.who(), key, ctx.request.body(), request);
    auto res = platform::text_response(a.status, "application/json; charset=utf-8", a.body);
    if (a.replayed) res.set("Idempotent-Replayed", "true");
    return res;
  });
  router.add(verb::post, "/api/v1/cases/{number}/decision", Access::only({Role::clerk}),
             [&intake](RequestContext& ctx) {
               const auto request = parse_decision_request(ctx.json_body());
               return platform::json_response(200, intake.decide(ctx.who(), ctx.params.at("number"), request));
             });
  router.add(
      verb::post, "/api/v1/cases/{number}/supplement", Access::only({Role::clerk}), [&intake](RequestContext& ctx) {
        return platform::json_response(200, intake.supplement(ctx.who(), ctx.params.at("number"), ctx.json_body()));
      });
  router.add(verb::post, "/api/v1/cases/{number}/delivery", Access::only({Role::clerk}),
             [&intake](RequestContext& ctx) {
               return platform::json_response(200, intake.deliver(ctx.who(), ctx.params.at("number"), ctx.json_body()));
             });
  router.add(verb::post, "/api/v1/cases/{number}/deferred-materials", Access::only({Role::clerk}),
             [&intake](RequestContext& ctx) {
               return platform::json_response(
                   200, intake.deferred_received(ctx.who(), ctx.params.at("number"), ctx.json_body()));
             });
  router.add(
      verb::post, "/api/v1/cases/{number}/withdrawal", Access::only({Role::clerk}), [&intake](RequestContext& ctx) {
        return platform::json_response(200, intake.withdraw(ctx.who(), ctx.params.at("number"), ctx.json_body()));
      });
  router.add(verb::get, "/api/v1/cases/{number}", staff, [&intake](RequestContext& ctx) {
    return platform::json_response(200, intake.view(ctx.who(), ctx.params.at("number")));
  });
  router.add(verb::get, "/api/v1/cases", Access::only({Role::clerk, Role::supervisor}), [&intake](RequestContext& ctx) {
    ListQuery q;
    q.hall = query_param(ctx, "hall");
    q.window = query_param(ctx, "window");
    q.day = query_param(ctx, "day");
    q.state = query_param(ctx, "state");
    q.cursor = query_param(ctx, "cursor");
    if (auto l = query_param(ctx, "limit")) {
      try {
        q.limit = std::stoi(*l);
      } catch (const std::exception&) {
        throw problems::bad_request("limit must be a number from 1 to 200", "limit");
      }
    }
    return platform::json_response(200, intake.list(ctx.who(), q));
  });
  router.add(verb::post, "/api/v1/case-search", Access::only({Role::clerk, Role::supervisor}),
             [&intake](RequestContext& ctx) {
               return platform::json_response(200, intake.applicant_cases(ctx.who(), ctx.json_body()));
             });
  router.add(verb::get, "/api/v1/cases/{number}/documents/{kind}", staff, [&intake](RequestContext& ctx) {
    return document_response(intake.document(ctx.who(), ctx.params.at("number"), ctx.params.at("kind")));
  });
  router.add(verb::get, "/api/v1/public/progress", Access::open(), [&intake, &gate](RequestContext& ctx) {
    const std::string number = query_param(ctx, "number").value_or("");
    gate.admit(number, query_param(ctx, "code").value_or(""), ctx.remote_address);
    return platform::json_response(200, intake.progress(number));
  });
}

}  // namespace ow::acceptance
