// Handler of the clerk's credit check.
#include "services/acceptance/credit_routes.hpp"

#include <boost/json.hpp>

#include "services/platform/json_fields.hpp"

namespace ow::acceptance {
namespace {

namespace json = boost::json;

// What the counter screen says, in words.
std::string summary_of(const adapters::CreditStanding& s) {
  if (!s.listed()) return "未发现失信记录";
  std::string names;
  for (const auto& l : s.lists) names += (names.empty() ? "" : "、") + l;
  return "列入" + names;
}

}  // namespace

void add_credit_routes(platform::Router& router, const adapters::CreditLookup& credit) {
  using platform::http::verb;
  router.add(verb::post, "/api/v1/credit-checks", platform::Access::only({platform::Role::clerk}),
             [&credit](platform::RequestContext& ctx) {
               const json::object body = ctx.json_body();
               const std::string holder = platform::text_field(body, "holder", true, 18);
               try {
                 const auto standing = credit.check(holder);
                 json::array lists;
                 for (const auto& l : standing.lists) lists.emplace_back(l);
                 return platform::json_response(200, json::object{{"available", true},
                                                                  {"listed", standing.listed()},
                                                                  {"lists", lists},
                                                                  {"summary", summary_of(standing)}});
               } catch (const adapters::CreditUnavailable&) {
                 return platform::json_response(200, json::object{{"available", false},
                                                                  {"listed", nullptr},
                                                                  {"lists", json::array{}},
                                                                  {"summary", "信用核查暂不可用"}});
               }
             });
}

}  // namespace ow::acceptance
