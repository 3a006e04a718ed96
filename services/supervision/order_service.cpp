// Supervision order handlers.
#include "services/supervision/order_service.hpp"

#include <boost/json.hpp>

#include "services/catalog/catalog_json.hpp"
#include "services/platform/actor.hpp"
#include "services/platform/json_fields.hpp"
#include "services/store/case_store.hpp"
#include "services/store/idempotency_store.hpp"
#include "services/store/order_store.hpp"
#include "services/store/supervision_store.hpp"

namespace ow::supervision {
namespace {

namespace json = boost::json;
namespace problems = platform::problems;

json::object order_json(const store::OrderRow& o) {
  auto text = [](const std::optional<std::string>& s) { return s ? json::value(*s) : json::value(nullptr); };
  return json::object{{"id", o.id},
                      {"case_number", o.number},
                      {"department", o.department_code},
                      {"content", o.content},
                      {"due_at", o.due_at},
                      {"issued_by", o.issued_by},
                      {"issued_at", o.issued_at},
                      {"state", o.replied_at ? "replied" : "open"},
                      {"replied_by", text(o.replied_by)},
                      {"replied_at", text(o.replied_at)},
                      {"reply", text(o.reply)}};
}

std::int64_t id_of(const platform::RequestContext& ctx) {
  try {
    return std::stoll(ctx.params.at("id"));
  } catch (const std::exception&) {
    throw problems::not_found("no supervision order " + ctx.params.at("id"));
  }
}

}  // namespace

void add_order_routes(platform::Router& router, store::PgPool& pool, const calendar::WorkingTime& time,
                      std::function<calendar::Instant()> now) {
  using platform::Role;
  using platform::http::verb;
  router.add(
      verb::post, "/api/v1/supervision-orders", platform::Access::only({Role::supervisor}),
      [&pool, &time, now](platform::RequestContext& ctx) {
        const auto body = ctx.json_body();
        const std::string number = platform::text_field(body, "case_number", true, 64),
                          department = platform::text_field(body, "department", true, 32),
                          content = platform::text_field(body, "content", true, 4000);
        calendar::Date due_date = 0;
        try {
          due_date = calendar::parse_date(platform::text_field(body, "due_date", true, 10));
        } catch (const platform::Problem&) {
          throw;
        } catch (const std::exception&) {
          throw problems::bad_request("'due_date' must be a date YYYY-MM-DD", "due_date");
        }
        const calendar::Instant at = now();
        if (due_date < calendar::cst_date(at))
          throw problems::bad_request("'due_date' must not be in the past", "due_date");
        const auto& who = ctx.who();
        // An Idempotency-Key replays the order first made with it (its id is kept, its answer read afresh).
        const std::string key = ctx.header("Idempotency-Key");
        if (key.size() > 128) throw problems::bad_request("Idempotency-Key is 1–128 characters", "Idempotency-Key");
        const std::string body_hash = key.empty() ? "" : catalog_service::sha256_hex(ctx.request.body());
        bool replayed = false;
        const auto order = pool.transact([&](store::Tx& tx) {
          replayed = false;
          if (!key.empty())
            if (auto seen = store::idempotency::find_same(tx, who.log_id(), key, body_hash)) {
              replayed = true;
              return *store::orders::by_id(tx, std::stoll(seen->response));
            }
          auto c = store::cases::for_update(tx, number);
          if (!c || !who.covers(c->region_code)) throw problems::not_found("no case " + number);
          bool involved = false;
          for (const auto& t : store::cases::tasks(tx, c->id)) involved = involved || t.department_code == department;
          if (!involved)
            throw problems::bad_request("department " + department + " has no step in case " + number, "department");
          const std::string due = calendar::format_instant(time.closing_of(due_date));
          const auto id =
              store::orders::insert(tx, c->id, department, content, due, who.login, calendar::format_instant(at));
          if (!key.empty()) store::idempotency::put(tx, who.log_id(), key, body_hash, 201, std::to_string(id));
          store::supervision::sync_clock(
              tx, c->id, "order:" + std::to_string(id), c->region_code, department,
              calendar::format_instant(calendar::cst_instant(due_date, time.hours().opening())), due, false,
              calendar::format_instant(at));
          return *store::orders::by_id(tx, id);
        });
        auto res = platform::json_response(201, order_json(order));
        if (replayed) res.set("Idempotent-Replayed", "true");
        return res;
      });
  router.add(verb::get, "/api/v1/supervision-orders", platform::Access::only({Role::supervisor, Role::approver}),
             [&pool](platform::RequestContext& ctx) {
               const auto& who = ctx.who();
               auto it = ctx.query.find("state");
               const bool open_only = it == ctx.query.end() || it->second != "all";
               const std::string department = who.role == Role::approver ? who.department_code.value_or("-") : "";
               json::array items;
               for (const auto& o : pool.transact([&](store::Tx& tx) {
                      return store::orders::list(tx, platform::region_scope(who.region_code), department, open_only);
                    }))
                 items.push_back(order_json(o));
               return platform::json_response(200, json::object{{"items", items}});
             });
  router.add(verb::post, "/api/v1/supervision-orders/{id}/reply", platform::Access::only({Role::approver}),
             [&pool, now](platform::RequestContext& ctx) {
               const auto id = id_of(ctx);
               const std::string reply = platform::text_field(ctx.json_body(), "reply", true, 4000);
               const auto& who = ctx.who();
               const std::string at = calendar::format_instant(now());
               const auto order = pool.transact([&](store::Tx& tx) {
                 auto o = store::orders::by_id(tx, id);
                 if (!o || o->department_code != who.department_code.value_or("") || !who.covers(o->region_code))
                   throw problems::not_found("no supervision order " + std::to_string(id));
                 if (!store::orders::reply(tx, id, who.login, reply, at))
                   throw platform::Problem(409, "already_replied", "该督办已回复",
                                           "this supervision order has been answered");
                 store::supervision::sync_clock(tx, o->case_id, "order:" + std::to_string(id), o->region_code,
                                                o->department_code, std::nullopt, std::nullopt, true, at);
                 return *store::orders::by_id(tx, id);
               });
               return platform::json_response(200, order_json(order));
             });
}

}  // namespace ow::supervision
