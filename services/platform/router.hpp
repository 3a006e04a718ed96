// The router: routes are declared with a method, a pattern ("/api/v1/cases/{number}"), who may call them
// and a handler. Matching tells apart an unknown path (404) from a known path with the wrong method (405).
#pragma once

#include <functional>
#include <initializer_list>
#include <string>
#include <vector>

#include "services/platform/http_types.hpp"

namespace ow::platform {

// Who may call a route; checked in one place (Api) before the handler runs.
struct Access {
  enum class Kind { open, any_actor, roles } kind = Kind::open;
  std::vector<Role> roles;

  static Access open() { return {Kind::open, {}}; }
  static Access any_actor() { return {Kind::any_actor, {}}; }  // not an applicant: routes name them
  static Access only(std::initializer_list<Role> r) { return {Kind::roles, r}; }
  bool allows(const Actor& a) const;
};

using Handler = std::function<Response(RequestContext&)>;

struct Route {
  http::verb method;
  std::string pattern;
  Access access;
  Handler handler;
  std::vector<std::string> segments;
};

class Router {
 public:
  void add(http::verb method, std::string pattern, Access access, Handler handler);

  struct Match {
    const Route* route = nullptr;  // set when method and path match
    std::map<std::string, std::string> params;
    std::vector<http::verb> allowed;  // methods of routes whose path matches (for 405's Allow)
  };
  // `segments` are the request path's decoded segments (edge_input's decode_path).
  Match match(http::verb method, const std::vector<std::string>& segments) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace ow::platform
