// Handler of a case's SMS notices.
#include "services/acceptance/sms_routes.hpp"

#include <boost/json.hpp>

#include "services/casework/personal_data.hpp"
#include "services/platform/problem.hpp"
#include "services/store/case_store.hpp"
#include "services/store/sms_store.hpp"

namespace ow::acceptance {
namespace {

namespace json = boost::json;
using platform::Access;
using platform::RequestContext;
using platform::Role;

const char* kind_label(const std::string& kind) {
  static const std::pair<const char*, const char*> labels[] = {{"accepted", "受理通知"},
                                                               {"supplement", "补正通知"},
                                                               {"result_ready", "办结可领取通知"},
                                                               {"delivered", "送达通知"},
                                                               {"followup", "回访通知"}};
  for (const auto& [k, v] : labels)
    if (kind == k) return v;
  return "短信通知";
}

std::string status_label(const store::SmsRow& m) {
  if (m.status == "sent") return "已发送";
  if (m.status == "failed") return "发送失败";
  return m.attempts > 0 ? "待重发（已尝试" + std::to_string(m.attempts) + "次）" : "待发送";
}

}  // namespace

void add_sms_routes(platform::Router& router, store::PgPool& pool) {
  using platform::http::verb;
  router.add(verb::get, "/api/v1/cases/{number}/sms", Access::only({Role::clerk, Role::supervisor}),
             [&pool](RequestContext& ctx) {
               const auto& who = ctx.who();
               const std::string number = ctx.params.at("number");
               return platform::json_response(200, pool.transact([&](store::Tx& tx) {
                 const auto row = store::cases::by_number(tx, number);
                 if (!row || !who.covers(row->region_code)) throw platform::problems::not_found("no case " + number);
                 const auto sight = casework::personal_data_access(who, *row, store::cases::tasks(tx, row->id));
                 if (sight == casework::CaseSight::hidden) throw platform::problems::not_found("no case " + number);
                 if (sight == casework::CaseSight::refused) throw platform::problems::forbidden("no case bodies");
                 json::array items;
                 for (const auto& m : store::sms::of_case(tx, row->id))
                   items.push_back(json::object{{"id", m.id},
                                                {"kind", m.kind},
                                                {"kind_label", kind_label(m.kind)},
                                                {"phone", m.phone_masked},
                                                {"text", m.text},
                                                {"status", m.status},
                                                {"status_label", status_label(m)},
                                                {"attempts", m.attempts},
                                                {"created_at", m.created_at},
                                                {"sent_at", m.sent_at ? json::value(*m.sent_at) : json::value(nullptr)}});
                 return json::object{{"items", items}};
               }));
             });
}

}  // namespace ow::acceptance
