// Request context helpers and response builders.
#include "services/platform/http_types.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace ow::platform {

const Actor& RequestContext::who() const {
  if (!actor) throw problems::unauthorized();
  return *actor;
}

boost::json::object RequestContext::json_body() const {
  boost::system::error_code ec;
  auto v = boost::json::parse(request.body(), ec);
  if (ec) throw problems::malformed_json(ec.message());
  if (!v.is_object()) throw problems::malformed_json("the body must be a JSON object");
  return std::move(v.as_object());
}

std::string RequestContext::header(std::string_view name) const {
  auto it = request.find(boost::beast::string_view(name.data(), name.size()));
  return it == request.end() ? std::string() : std::string(it->value());
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

std::map<std::string, std::string> parse_query(std::string_view query) {
  auto decode = [](std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (s[i] == '+') out += ' ';
      else if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
               std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
        out += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
        i += 2;
      } else out += s[i];
    }
    return out;
  };
  std::map<std::string, std::string> out;
  std::size_t pos = 0;
  while (pos < query.size()) {
    std::size_t amp = query.find('&', pos);
    std::string_view part = query.substr(pos, amp == std::string_view::npos ? std::string_view::npos : amp - pos);
    if (!part.empty()) {
      std::size_t eq = part.find('=');
      out[decode(part.substr(0, eq))] = eq == std::string_view::npos ? "" : decode(part.substr(eq + 1));
    }
    if (amp == std::string_view::npos) break;
    pos = amp + 1;
  }
  return out;
}

}  // namespace ow::platform
