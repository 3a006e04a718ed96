// Alert list and acknowledgement.
#include "services/supervision/alert_routes.hpp"

#include <boost/json.hpp>

#include "services/casework/alert_json.hpp"
#include "services/platform/actor.hpp"
#include "services/store/supervision_store.hpp"

namespace ow::supervision {
namespace {

namespace json = boost::json;
namespace problems = platform::problems;

std::optional<std::string> query(const platform::RequestContext& ctx, const char* name) {
  auto it = ctx.query.find(name);
  if (it == ctx.query.end() || it->second.empty()) return std::nullopt;
  return it->second;
}

std::optional<std::string> one_of(const platform::RequestContext& ctx, const char* name,
                                  std::initializer_list<const char*> allowed) {
  auto v = query(ctx, name);
  if (!v) return v;
  for (const char* a : allowed)
    if (*v == a) return v;
  throw problems::bad_request(std::string("unknown ") + name + " '" + *v + "'", name);
}

}  // namespace

void add_alert_routes(platform::Router& router, store::PgPool& pool, std::function<calendar::Instant()> now) {
  using platform::http::verb;
  const auto supervisor = platform::Access::only({platform::Role::supervisor});
  router.add(verb::get, "/api/v1/alerts", supervisor, [&pool](platform::RequestContext& ctx) {
    store::AlertFilter f;
    f.region_prefix = platform::region_scope(ctx.who().region_code);
    f.level = one_of(ctx, "level", {"yellow", "red"});
    f.kind = one_of(ctx, "kind",
                    {"warning", "overdue", "step_overdue", "dispatch_failed", "deferral_overdue", "followup_overdue",
                     "ticket_warning", "ticket_overdue"});
    f.department = query(ctx, "department");
    f.hall = query(ctx, "hall");
    f.window = query(ctx, "window");
    f.state = one_of(ctx, "state", {"open", "acknowledged", "resolved"});
    if (auto region = query(ctx, "region")) {
      if (!region->starts_with(f.region_prefix))
        throw problems::forbidden("region " + *region + " is outside your scope");
      f.region_prefix = platform::region_scope(*region);
    }
    if (auto after = query(ctx, "after")) {
      try {
        f.after_id = std::stoll(*after);
      } catch (const std::exception&) {
        throw problems::bad_request("'after' is an alert id", "after");
      }
    }
    json::array items;
    for (const auto& a : pool.transact([&](store::Tx& tx) { return store::supervision::alerts(tx, f); }))
      items.push_back(casework::alert_json(a));
    return platform::json_response(200, json::object{{"items", items}});
  });
  // The live stream: the server turns this answer into Server-Sent Events (see ServerOptions::events).
  router.add(verb::get, "/api/v1/alerts/stream", supervisor, [](platform::RequestContext& ctx) {
    auto res = platform::text_response(200, "text/event-stream", "");
    res.set("X-OW-SSE-Scope", platform::region_scope(ctx.who().region_code));
    const std::string last = ctx.header("Last-Event-ID");
    res.set("X-OW-SSE-After", last.empty() ? std::string("-1") : last);  // -1: a new client, live events only
    return res;
  });
  router.add(verb::post, "/api/v1/alerts/{id}/acknowledge", supervisor, [&pool, now](platform::RequestContext& ctx) {
    std::int64_t id = 0;
    try {
      id = std::stoll(ctx.params.at("id"));
    } catch (const std::exception&) {
      throw problems::not_found("no alert " + ctx.params.at("id"));
    }
    const auto& who = ctx.who();
    auto a = pool.transact([&](store::Tx& tx) {
      auto found = store::supervision::alert(tx, id);
      if (!found || !who.covers(found->region_code)) throw problems::not_found("no alert " + std::to_string(id));
      store::supervision::acknowledge(tx, id, who.login, calendar::format_instant(now()));
      return *store::supervision::alert(tx, id);
    });
    return platform::json_response(200, casework::alert_json(a));
  });
}

}  // namespace ow::supervision
