// Route matching by path segments.
#include "services/platform/router.hpp"

#include <algorithm>

#include "services/platform/request_origin.hpp"

namespace ow::platform {
namespace {
std::vector<std::string> split(std::string_view path) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos < path.size()) {
    if (path[pos] == '/') {
      ++pos;
      continue;
    }
    std::size_t end = path.find('/', pos);
    if (end == std::string_view::npos) end = path.size();
    out.emplace_back(path.substr(pos, end - pos));
    pos = end;
  }
  return out;
}
}  // namespace

bool Access::allows(const Actor& a) const {
  switch (kind) {
    case Kind::open: return true;
    case Kind::any_actor: return a.role != Role::applicant;  // staff and systems: an applicant is named
    case Kind::roles: return std::find(roles.begin(), roles.end(), a.role) != roles.end();
  }
  return false;
}

void Router::add(http::verb method, std::string pattern, Access access, Handler handler) {
  // Every handler runs with its request's origin set (route pattern and request id), for the access log.
  Handler with_origin = [origin = std::string(http::to_string(method)) + " " + pattern,
                         h = std::move(handler)](RequestContext& ctx) {
    OriginScope scope({origin, ctx.request_id});
    return h(ctx);
  };
  Route r{method, pattern, std::move(access), std::move(with_origin), split(pattern)};
  routes_.push_back(std::move(r));
}

Router::Match Router::match(http::verb method, const std::vector<std::string>& parts) const {
  Match m;
  for (const auto& r : routes_) {
    if (r.segments.size() != parts.size()) continue;
    std::map<std::string, std::string> params;
    bool ok = true;
    for (std::size_t i = 0; i < parts.size() && ok; ++i) {
      const auto& s = r.segments[i];
      if (s.size() > 2 && s.front() == '{' && s.back() == '}')
        params[s.substr(1, s.size() - 2)] = parts[i];
      else
        ok = s == parts[i];
    }
    if (!ok) continue;
    m.allowed.push_back(r.method);
    if (r.method == method && !m.route) {
      m.route = &r;
      m.params = std::move(params);
    }
  }
  return m;
}

}  // namespace ow::platform
