// Handler of the clerk's e-license check.
#include "services/acceptance/elicense_routes.hpp"

#include <boost/json.hpp>

namespace ow::acceptance {
namespace {

namespace json = boost::json;
using platform::problems::bad_request;

std::vector<std::string> split_types(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    if (end > start) out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

}  // namespace

void add_elicense_routes(platform::Router& router, const adapters::ELicenseLookup& elicenses) {
  using platform::http::verb;
  router.add(verb::get, "/api/v1/elicenses", platform::Access::only({platform::Role::clerk}),
             [&elicenses](platform::RequestContext& ctx) {
               auto param = [&ctx](const char* name) {
                 auto it = ctx.query.find(name);
                 return it == ctx.query.end() ? std::string() : it->second;
               };
               const std::string holder = param("holder");
               if (holder.empty() || holder.size() > 18)
                 throw bad_request("holder is an ID number or a credit code", "holder");
               const auto types = split_types(param("types"));
               if (types.empty() || types.size() > 20)
                 throw bad_request("types lists 1 to 20 licence types, comma-separated", "types");
               json::array items;
               bool unavailable = false;
               for (const auto& type : types) {
                 json::object item{{"type", type}, {"found", false}};
                 if (!unavailable) {
                   try {
                     if (auto found = elicenses.find(type, holder)) {
                       item["found"] = true;
                       item["number"] = found->number;
                       item["issuer"] = found->issuer;
                     }
                   } catch (const adapters::ELicenseUnavailable&) {
                     unavailable = true;  // one timeout is enough: the clerk checks paper for the rest
                   }
                 }
                 items.push_back(item);
               }
               return platform::json_response(200, json::object{{"items", items}, {"unavailable", unavailable}});
             });
}

}  // namespace ow::acceptance
