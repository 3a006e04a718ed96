// Applicants' sign-in over HTTP: the start (302 to the identity provider), the callback (session cookie, 302
// to the applicant's page), who am I, sign-out.
#include <boost/json.hpp>

#include "services/platform/api.hpp"
#include "services/platform/applicant_session_routes.hpp"

namespace ow::platform {
namespace {

Response redirect(const std::string& to) {
  Response r{http::status::found, 11};
  r.set(http::field::location, to);
  r.set(http::field::cache_control, "no-store");
  r.prepare_payload();
  return r;
}

std::string cookie(const std::string& value, int max_age) {
  // HttpOnly (no script reads it), SameSite=Strict (no other site's page sends it), Secure when served over
  // https (the platform behind its TLS proxy), Path=/ (the console's pages and /api).
  return std::string(kApplicantCookie) + "=" + value + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
         std::to_string(max_age);
}

std::string masked_id(const std::string& id) {
  return id.size() < 8 ? std::string("****") : id.substr(0, 3) + std::string(id.size() - 7, '*') + id.substr(id.size() - 4);
}

}  // namespace

void add_applicant_session_routes(Router& router, ApplicantSignIn& sign_in) {
  router.add(http::verb::get, "/api/v1/applicant/login", Access::open(), [&sign_in](RequestContext& ctx) {
    const bool kiosk = ctx.query.contains("kiosk") && ctx.query.at("kiosk") == "1";
    return redirect(sign_in.start(kiosk));
  });
  router.add(http::verb::get, "/api/v1/applicant/callback", Access::open(), [&sign_in](RequestContext& ctx) {
    if (ctx.query.contains("error"))
      throw Problem(400, "sign_in_cancelled", "登录未完成，请重新登录", "the identity provider answered an error",
                    boost::json::object{{"field", "error"}});
    const std::string code = ctx.query.contains("code") ? ctx.query.at("code") : "";
    const std::string state = ctx.query.contains("state") ? ctx.query.at("state") : "";
    const OpenedSession s = sign_in.finish(code, state);
    Response r = redirect(s.kiosk ? "/applicant?kiosk=1" : "/applicant");
    r.set(http::field::set_cookie, cookie(s.token, s.max_age_seconds));
    return r;
  });
  router.add(http::verb::get, "/api/v1/applicant/me", Access::only({Role::applicant}), [&sign_in](RequestContext& ctx) {
    const ApplicantIdentity who = sign_in.identity(ctx.who());
    // The page greets the applicant and fills the form's identity; the full ID number only to its holder.
    boost::json::object o{{"role", "applicant"},
                          {"kind", who.kind},
                          {"name", who.name},
                          {"id_number", who.id_number},
                          {"id_number_masked", masked_id(who.id_number)},
                          {"phone", who.phone},
                          {"kiosk", ctx.who().kiosk}};
    if (!who.credit_code.empty()) {
      o["company"] = who.company;
      o["credit_code"] = who.credit_code;
    }
    return json_response(200, o);
  });
  router.add(http::verb::delete_, "/api/v1/applicant/session", Access::only({Role::applicant}),
             [&sign_in](RequestContext& ctx) {
               sign_in.sign_out(ctx.who());
               Response r{http::status::no_content, 11};
               r.set(http::field::set_cookie, cookie("", 0));
               r.prepare_payload();
               return r;
             });
}

}  // namespace ow::platform
