// The applicant's case routes over HTTP.
#include "services/acceptance/applicant_routes.hpp"

#include <boost/json.hpp>

#include "services/acceptance/acceptance_routes.hpp"

namespace ow::acceptance {

void add_applicant_routes(platform::Router& router, ApplicantDesk& desk) {
  using platform::Access;
  using platform::RequestContext;
  using platform::Role;
  using platform::http::verb;
  const Access applicant = Access::only({Role::applicant});
  router.add(verb::post, "/api/v1/applicant/cases", applicant, [&desk](RequestContext& ctx) {
    const std::string key = ctx.header("Idempotency-Key");
    if (key.empty() || key.size() > 128)
      throw platform::Problem(400, "idempotency_key_required", "缺少幂等键",
                              "POST /api/v1/applicant/cases needs an Idempotency-Key header (1–128 characters)");
    Answer a = desk.submit(ctx.who(), key, ctx.request.body(), ctx.json_body());
    auto res = platform::text_response(a.status, "application/json; charset=utf-8", a.body);
    if (a.replayed) res.set("Idempotent-Replayed", "true");
    return res;
  });
  router.add(verb::get, "/api/v1/applicant/cases", applicant,
             [&desk](RequestContext& ctx) { return platform::json_response(200, desk.cases(ctx.who())); });
  router.add(verb::get, "/api/v1/applicant/cases/{number}", applicant, [&desk](RequestContext& ctx) {
    return platform::json_response(200, desk.view(ctx.who(), ctx.params.at("number")));
  });
  router.add(verb::post, "/api/v1/applicant/cases/{number}/supplement", applicant, [&desk](RequestContext& ctx) {
    return platform::json_response(200, desk.answer_supplement(ctx.who(), ctx.params.at("number")));
  });
  router.add(verb::put, "/api/v1/applicant/cases/{number}/delivery-choice", applicant, [&desk](RequestContext& ctx) {
    return platform::json_response(200, desk.choose_delivery(ctx.who(), ctx.params.at("number"), ctx.json_body()));
  });
  router.add(verb::get, "/api/v1/applicant/cases/{number}/documents/{kind}", applicant, [&desk](RequestContext& ctx) {
    return document_response(desk.document(ctx.who(), ctx.params.at("number"), ctx.params.at("kind")));
  });
}

}  // namespace ow::acceptance
