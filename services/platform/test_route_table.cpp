// The test-mode route table listing.
#include "services/platform/test_route_table.hpp"

#include <boost/json.hpp>

namespace ow::platform {

void add_test_route_table(Router& router) {
  router.add(http::verb::get, "/api/v1/test/routes", Access::open(), [&router](RequestContext&) {
    boost::json::array items;
    for (const auto& r : router.routes()) {
      boost::json::array roles;
      for (Role role : r.access.roles) roles.emplace_back(to_string(role));
      const char* access = r.access.kind == Access::Kind::open        ? "open"
                           : r.access.kind == Access::Kind::any_actor ? "any_actor"
                                                                      : "roles";
      items.push_back(boost::json::object{{"method", std::string(http::to_string(r.method))},
                                          {"pattern", r.pattern},
                                          {"access", access},
                                          {"roles", roles}});
    }
    return json_response(200, boost::json::object{{"items", items}});
  });
}

}  // namespace ow::platform
