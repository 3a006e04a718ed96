// HTTP handlers of the admin's screens: parse, authorise (the router), call the account or calendar service, answer.
#include "services/admin/admin_routes.hpp"

#include <boost/json.hpp>

#include "services/catalog/catalog_json.hpp"
#include "services/platform/json_fields.hpp"
#include "services/platform/problem.hpp"
#include "services/store/admin_store.hpp"
#include "services/store/user_store.hpp"

namespace ow::admin {
namespace {

using platform::Access;
using platform::RequestContext;
using platform::Role;
using platform::http::verb;
namespace problems = platform::problems;

// The request's Idempotency-Key (house rule for creating POSTs); none without the header.
std::optional<Once> once_of(RequestContext& ctx) {
  const std::string key = ctx.header("Idempotency-Key");
  if (key.empty()) return std::nullopt;
  if (key.size() > 128) throw problems::bad_request("Idempotency-Key is 1–128 characters", "Idempotency-Key");
  return Once{ctx.who().log_id(), key, catalog_service::sha256_hex(ctx.request.body())};
}

// A creating call's answer: 201 with the record and, the first time only, the secret under `secret_name`.
platform::Response made(const Made& m, const char* record_name, const char* secret_name) {
  boost::json::object o{{record_name, m.record}, {"replayed", m.replayed}};
  if (m.replayed)
    o[secret_name] = nullptr;  // shown once, in the first answer; a lost one is reset or revoked and issued again
  else
    o[secret_name] = m.secret;
  return platform::json_response(201, o);
}

std::int64_t key_id(const RequestContext& ctx) {
  const std::string& text = ctx.params.at("id");
  if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos)
    throw problems::bad_request("id must be a whole number", "id");
  return std::stoll(text);
}

// The uploaded holiday file: {"file_name": "...", "content": "date,kind,name\n..."} (at most 256 KiB of text).
std::string calendar_text(const RequestContext& ctx) {
  return platform::text_field(ctx.json_body(), "content", true, 256 * 1024);
}

// Who did it, as people read it: a user's name, or 命令行 for the `onewindow` command.
std::string actor_name(store::Tx& tx, const std::string& actor) {
  if (actor == "cli") return "命令行";
  if (actor.starts_with("user:")) {
    try {
      if (auto name = store::users::display_name(tx, std::stoll(actor.substr(5)))) return *name;
    } catch (const std::exception&) {
    }
  }
  return actor;
}

boost::json::object check_json(const CalendarCheck& c) {
  boost::json::array issues;
  for (const auto& i : c.issues)
    issues.push_back(boost::json::object{{"line", i.line}, {"message", i.chinese}, {"detail", i.message}});
  return {{"ok", c.issues.empty()}, {"issues", issues}, {"years", boost::json::array(c.years.begin(), c.years.end())}};
}

}  // namespace

void add_admin_routes(platform::Router& router, AccountAdmin& accounts, CalendarAdmin& calendar,
                      store::PgPool& pool) {
  const Access admin = Access::only({Role::admin});
  const Access readers = Access::only({Role::admin, Role::auditor});

  router.add(verb::post, "/api/v1/users", admin, [&accounts](RequestContext& ctx) {
    const auto body = ctx.json_body();
    NewAccount a{platform::text_field(body, "login", true, 64),
                 platform::text_field(body, "display_name", true, 256),
                 platform::text_field(body, "role", true, 32),
                 platform::text_field(body, "region_code", true, 12),
                 platform::optional_text_field(body, "hall_code", 32),
                 platform::optional_text_field(body, "window_code", 32),
                 platform::optional_text_field(body, "department_code", 32)};
    return made(accounts.add_user(a, "", ctx.who().log_id(), once_of(ctx)), "user", "temporary_password");
  });
  router.add(verb::post, "/api/v1/users/{login}/password-reset", admin, [&accounts](RequestContext& ctx) {
    return made(accounts.reset_password(ctx.params.at("login"), "", ctx.who().log_id(), once_of(ctx)), "user",
                "temporary_password");
  });
  for (const bool disabled : {true, false})
    router.add(verb::post, std::string("/api/v1/users/{login}/") + (disabled ? "disable" : "enable"), admin,
               [&accounts, disabled](RequestContext& ctx) {
                 return platform::json_response(
                     200, accounts.set_disabled(ctx.params.at("login"), disabled, ctx.who().log_id(), ctx.who().login));
               });

  router.add(verb::get, "/api/v1/department-keys", readers, [&pool](RequestContext&) {
    boost::json::array items;
    pool.transact([&](store::Tx& tx) {
      for (const auto& k : store::users::api_keys(tx)) {
        auto o = api_key_json(k);
        o["created_by_name"] = actor_name(tx, k.created_by);
        items.push_back(o);
      }
    });
    return platform::json_response(200, boost::json::object{{"items", items}});
  });
  router.add(verb::post, "/api/v1/department-keys", admin, [&accounts](RequestContext& ctx) {
    const auto body = ctx.json_body();
    return made(accounts.issue_key(platform::text_field(body, "department", true, 32),
                                   platform::text_field(body, "label", false, 256), ctx.who().log_id(), once_of(ctx)),
                "key", "secret");
  });
  router.add(verb::post, "/api/v1/department-keys/{id}/revoke", admin, [&accounts](RequestContext& ctx) {
    return platform::json_response(200, accounts.revoke_key(key_id(ctx), ctx.who().log_id()));
  });

  router.add(verb::post, "/api/v1/calendar/check", admin, [&calendar](RequestContext& ctx) {
    return platform::json_response(200, check_json(calendar.check(calendar_text(ctx))));
  });
  router.add(verb::post, "/api/v1/calendar/uploads", admin, [&calendar](RequestContext& ctx) {
    const auto loaded = calendar.load(calendar_text(ctx), ctx.who().log_id(), once_of(ctx));
    return platform::json_response(
        201, boost::json::object{{"upload", loaded.upload},
                                 {"replayed", loaded.replayed},
                                 {"years", boost::json::array(loaded.years.begin(), loaded.years.end())},
                                 {"first_year", loaded.first_year},
                                 {"last_year", loaded.last_year},
                                 {"cases_read", loaded.recomputed.cases},
                                 {"cases_moved", loaded.recomputed.moved}});
  });
  router.add(verb::get, "/api/v1/calendar/uploads", readers, [&calendar, &pool](RequestContext&) {
    calendar.refresh();
    boost::json::array items;
    pool.transact([&](store::Tx& tx) {
      for (const auto& u : store::calendar_uploads::all(tx))
        items.push_back(boost::json::object{{"id", u.id},
                                            {"years", boost::json::array(u.years.begin(), u.years.end())},
                                            {"uploaded_at", u.uploaded_at},
                                            {"uploaded_by", actor_name(tx, u.uploaded_by)}});
    });
    return platform::json_response(200, boost::json::object{{"first_year", calendar.first_year()},
                                                            {"last_year", calendar.last_year()},
                                                            {"items", items}});
  });

  router.add(verb::get, "/api/v1/admin-audit", readers, [&pool](RequestContext&) {
    boost::json::array items;
    pool.transact([&](store::Tx& tx) {
      for (const auto& r : store::admin_audit::recent(tx, 200))
        items.push_back(boost::json::object{{"id", r.id},
                                            {"at", r.at},
                                            {"actor", r.actor},
                                            {"actor_name", actor_name(tx, r.actor)},
                                            {"action", r.action},
                                            {"target", r.target},
                                            {"detail", boost::json::parse(r.detail)}});
    });
    return platform::json_response(200, boost::json::object{{"items", items}});
  });
}

}  // namespace ow::admin
