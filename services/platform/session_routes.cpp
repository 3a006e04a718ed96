// Login, logout, who am I, and changing one's own password over HTTP.
#include <boost/json.hpp>

#include "services/platform/platform_routes.hpp"
#include "services/store/user_store.hpp"

namespace ow::platform {
namespace {

boost::json::object actor_json(const Actor& a) {
  boost::json::object o{{"login", a.login},
                        {"display_name", a.display_name},
                        {"role", to_string(a.role)},
                        {"region_code", a.region_code}};
  if (a.hall_code) o["hall_code"] = *a.hall_code;
  if (a.window_code) o["window_code"] = *a.window_code;
  if (a.department_code) o["department_code"] = *a.department_code;
  return o;
}

std::string required_text(const boost::json::object& body, const char* field) {
  auto it = body.find(field);
  if (it == body.end() || !it->value().is_string() || it->value().as_string().empty())
    throw problems::bad_request(std::string("'") + field + "' is required and must be a non-empty string", field);
  return std::string(it->value().as_string());
}

Response no_content() {
  Response r{http::status::no_content, 11};
  r.prepare_payload();
  return r;
}

}  // namespace

boost::json::object user_json(const store::UserRecord& u) {
  boost::json::object o{{"login", u.login},
                        {"display_name", u.display_name},
                        {"role", u.role},
                        {"region_code", u.region_code},
                        {"disabled", u.disabled}};
  if (u.hall_code) o["hall_code"] = *u.hall_code;
  if (u.window_code) o["window_code"] = *u.window_code;
  if (u.department_code) o["department_code"] = *u.department_code;
  return o;
}

void add_session_routes(Router& router, AuthService& auth) {
  router.add(http::verb::post, "/api/v1/sessions", Access::open(), [&auth](RequestContext& ctx) {
    const auto body = ctx.json_body();
    const std::string login = required_text(body, "login");
    const std::string password = required_text(body, "password");
    auto result = auth.login(login, password, ctx.remote_address);
    return json_response(201, boost::json::object{{"token", result.token},
                                                  {"token_type", "Bearer"},
                                                  {"expires_in", result.expires_in_seconds},
                                                  {"user", actor_json(result.actor)}});
  });
  router.add(http::verb::delete_, "/api/v1/sessions/current", Access::any_actor(), [&auth](RequestContext& ctx) {
    auth.logout(ctx.who());
    return no_content();
  });
  router.add(http::verb::get, "/api/v1/me", Access::any_actor(),
             [](RequestContext& ctx) { return json_response(200, actor_json(ctx.who())); });
  // Any staff user, for themselves; a department's API key has no password (403, whatever the body).
  router.add(http::verb::post, "/api/v1/me/password", Access::any_actor(), [&auth](RequestContext& ctx) {
    if (ctx.who().role == Role::department_system) throw problems::forbidden("a department's API key has no password");
    const auto body = ctx.json_body();
    const std::string current = required_text(body, "current_password");
    const std::string next = required_text(body, "new_password");
    auth.change_own_password(ctx.who(), current, next, ctx.remote_address);
    return no_content();
  });
}

void add_user_routes(Router& router, store::PgPool& pool) {
  router.add(http::verb::get, "/api/v1/users", Access::only({Role::admin, Role::auditor}), [&pool](RequestContext&) {
    auto users = pool.transact([](store::Tx& tx) { return store::users::list(tx); });
    boost::json::array items;
    for (const auto& u : users) items.push_back(user_json(u));
    return json_response(200, boost::json::object{{"items", items}});
  });
}

}  // namespace ow::platform
