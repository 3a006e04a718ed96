// Handler of the clerk's e-license check.
#include "services/acceptance/elicense_routes.hpp"

#include <boost/json.hpp>

#include "services/platform/json_fields.hpp"

namespace ow::acceptance {
namespace {

namespace json = boost::json;
using platform::problems::bad_request;

// `types`: 1 to 20 licence type names (e.g. 结婚证).
std::vector<std::string> licence_types(const json::object& body) {
  auto it = body.find("types");
  if (it == body.end() || !it->value().is_array() || it->value().as_array().empty() ||
      it->value().as_array().size() > 20)
    throw bad_request("types lists 1 to 20 licence types", "types");
  std::vector<std::string> out;
  for (const auto& t : it->value().as_array()) {
    if (!t.is_string() || t.as_string().empty() || t.as_string().size() > 100)
      throw bad_request("types lists licence type names", "types");
    out.emplace_back(t.as_string());
  }
  return out;
}

}  // namespace

void add_elicense_routes(platform::Router& router, const adapters::ELicenseLookup& elicenses) {
  using platform::http::verb;
  // A POST, so that the ID number travels in the body: never in a URL, where proxies and access logs keep it.
  router.add(verb::post, "/api/v1/elicense-lookups", platform::Access::only({platform::Role::clerk}),
             [&elicenses](platform::RequestContext& ctx) {
               const json::object body = ctx.json_body();
               const std::string holder = platform::text_field(body, "holder", true, 18);
               const auto types = licence_types(body);
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
