// Request context helpers and response builders.
#include "services/platform/http_types.hpp"

#include <boost/json/serialize.hpp>

namespace ow::platform {

const Actor& RequestContext::who() const {
  if (!actor) throw problems::unauthorized();
  return *actor;
}

boost::json::object RequestContext::json_body() const { return parse_json_object(request.body()); }

std::string RequestContext::header(std::string_view name) const {
  auto it = request.find(boost::beast::string_view(name.data(), name.size()));
  return it == request.end() ? std::string() : std::string(it->value());
}

std::string cookie_value(const Request& request, std::string_view name) {
  const auto [first, last] = request.equal_range(http::field::cookie);
  for (auto f = first; f != last; ++f) {
    std::string_view rest(f->value().data(), f->value().size());
    while (!rest.empty()) {
      const auto semi = rest.find(';');
      std::string_view pair = rest.substr(0, semi);
      rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
      while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
      if (pair.size() > name.size() && pair.substr(0, name.size()) == name && pair[name.size()] == '=')
        return std::string(pair.substr(name.size() + 1));
    }
  }
  return {};
}

Response json_response(unsigned status, const boost::json::value& body) {
  return text_response(status, "application/json; charset=utf-8", boost::json::serialize(body));
}

Response text_response(unsigned status, std::string content_type, std::string body) {
  Response res{static_cast<http::status>(status), 11};
  res.set(http::field::content_type, content_type);
  res.set(http::field::cache_control, "no-store");
  res.body() = std::move(body);
  res.prepare_payload();
  return res;
}

Response problem_response(const Problem& p, const std::string& instance, const std::string& request_id) {
  auto res = text_response(p.status(), "application/problem+json; charset=utf-8",
                           boost::json::serialize(p.body(instance, request_id)));
  if (p.retry_after() > 0) res.set(http::field::retry_after, std::to_string(p.retry_after()));
  return res;
}

void set_api_headers(Response& res) {
  res.set("X-Content-Type-Options", "nosniff");
  if (res.find("Referrer-Policy") == res.end()) res.set("Referrer-Policy", "no-referrer");
  if (res.find("Content-Security-Policy") == res.end())
    res.set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
}

}  // namespace ow::platform
