// Handler of the personal-data access log query.
#include "services/acceptance/pii_access_routes.hpp"

#include <boost/json.hpp>
#include <regex>

#include "services/acceptance/intake_service.hpp"
#include "services/acceptance/query_params.hpp"
#include "services/store/pii_access_store.hpp"
#include "workflow/calendar/instant.hpp"
#include "workflow/flow/case_number.hpp"

namespace ow::acceptance {
namespace {

namespace json = boost::json;
using platform::problems::bad_request;

const char* role_label(const std::string& role) {
  static const std::pair<const char*, const char*> labels[] = {{"clerk", "窗口受理"},      {"approver", "后台审批"},
                                                               {"supervisor", "效能监督"}, {"admin", "系统管理"},
                                                               {"auditor", "审计"},        {"surveyor", "回访调查"}};
  for (const auto& [k, v] : labels)
    if (role == k) return v;
  return "其他";
}

// What the reader did, in words a person reads; the route itself when there is no label.
std::string route_label(const std::string& route) {
  static const std::pair<const char*, const char*> labels[] = {
      {"GET /api/v1/cases/{number}", "查看办件"},
      {"GET /api/v1/cases", "办件列表"},
      {"GET /api/v1/cases/{number}/documents/{kind}", "查看文书"},
      {"POST /api/v1/cases/{number}/decision", "受理决定"},
      {"POST /api/v1/cases/{number}/supplement", "补正收件"},
      {"POST /api/v1/cases/{number}/delivery", "出件"},
      {"POST /api/v1/cases/{number}/deferred-materials", "容缺材料补交"},
      {"POST /api/v1/cases/{number}/withdrawal", "撤回办件"},
      {"GET /api/v1/cases/{number}/files/{id}", "查看材料文件"},
      {"GET /api/v1/tasks/{id}", "查看任务"},
      {"POST /api/v1/tasks/{id}/claim", "签收任务"},
      {"POST /api/v1/tasks/{id}/release", "退回待签收"},
      {"POST /api/v1/tasks/{id}/transfer", "转办任务"},
      {"POST /api/v1/tasks/{id}/decision", "审批决定"},
      {"GET /api/v1/sampling-frame", "导出抽样框"},
      {"POST /api/v1/sampling-frame/corrections", "更正联系方式"},
      {"GET /api/v1/callbacks", "回访名单"},
      {"POST /api/v1/callbacks/{id}/attempts", "记录回访"}};
  for (const auto& [k, v] : labels)
    if (route == k) return v;
  return route;
}

store::PiiAccessFilter filter_of(const platform::RequestContext& ctx) {
  store::PiiAccessFilter f;
  f.region_prefix = platform::region_scope(ctx.who().region_code);
  f.case_number = query_param(ctx, "case");
  if (f.case_number && !flow::valid_case_number(*f.case_number))
    throw bad_request("case is a 21-character case number", "case");
  f.actor_login = query_param(ctx, "actor");
  static const std::regex login("^[a-z0-9][a-z0-9._-]{1,63}$");
  if (f.actor_login && !std::regex_match(*f.actor_login, login)) throw bad_request("actor is a user's login", "actor");
  if (auto since = query_param(ctx, "since")) {
    try {
      f.since = since->size() == 10 ? calendar::format_instant(calendar::cst_instant(calendar::parse_date(*since), 0))
                                    : calendar::format_instant(calendar::parse_instant(*since));
    } catch (const std::exception&) {
      throw bad_request("since is a date (2026-11-27) or an instant with its offset (2026-11-27T09:00:00+08:00)",
                        "since");
    }
  }
  if (auto limit = query_param(ctx, "limit")) {
    const bool digits = limit->size() <= 3 && limit->find_first_not_of("0123456789") == std::string::npos;
    f.limit = digits ? std::stoi(*limit) : 0;
    if (f.limit < 1 || f.limit > 200) throw bad_request("limit is a number from 1 to 200", "limit");
  }
  if (auto cursor = query_param(ctx, "cursor")) {
    const bool digits = cursor->size() <= 18 && cursor->find_first_not_of("0123456789") == std::string::npos;
    if (!digits) throw bad_request("cursor is not one this API gave", "cursor");
    f.before_id = std::stoll(*cursor);
  }
  return f;
}

json::object item_json(const store::PiiAccessRow& r) {
  return json::object{{"id", r.id},
                      {"at", r.at},
                      {"actor", json::object{{"id", r.actor_id},
                                             {"login", r.actor_login},
                                             {"display_name", r.actor_display_name},
                                             {"role", r.actor_role},
                                             {"role_label", role_label(r.actor_role)}}},
                      {"case_number", r.case_number},
                      {"route", r.route},
                      {"route_label", route_label(r.route)},
                      {"request_id", r.request_id}};
}

}  // namespace

void add_pii_access_routes(platform::Router& router, store::PgPool& pool) {
  using platform::Role;
  router.add(platform::http::verb::get, "/api/v1/pii-access", platform::Access::only({Role::admin, Role::auditor}),
             [&pool](platform::RequestContext& ctx) {
               const auto f = filter_of(ctx);
               const auto rows = pool.transact([&](store::Tx& tx) { return store::pii_access::list(tx, f); });
               json::array items;
               for (const auto& r : rows) items.push_back(item_json(r));
               json::object out{{"items", items}};
               out["next_cursor"] = static_cast<int>(rows.size()) == f.limit
                                        ? json::value(std::to_string(rows.back().id))
                                        : json::value(nullptr);
               return platform::json_response(200, out);
             });
}

}  // namespace ow::acceptance
