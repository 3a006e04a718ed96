// The HTTP types handlers see: the request with its route parameters, query and actor, and response helpers.
#pragma once

#include <boost/beast/http.hpp>
#include <boost/json/value.hpp>
#include <map>
#include <optional>
#include <string>

#include "services/platform/actor.hpp"
#include "services/platform/edge_input.hpp"
#include "services/platform/problem.hpp"

namespace ow::platform {

namespace http = boost::beast::http;
using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;

struct RequestContext {
  const Request& request;
  std::string path;                           // without the query
  std::map<std::string, std::string> query;   // decoded and valid text (edge_input)
  std::map<std::string, std::string> params;  // from {name} segments of the route
  std::optional<Actor> actor;
  std::string request_id;
  std::string remote_address;

  const Actor& who() const;  // the actor; throws 401 when there is none
  // The body parsed as a JSON object with valid text (edge_input); throws 400 otherwise.
  boost::json::object json_body() const;
  std::string header(std::string_view name) const;
};

// The value of cookie `name` in the request's Cookie headers; empty when absent.
std::string cookie_value(const Request& request, std::string_view name);

Response json_response(unsigned status, const boost::json::value& body);
Response text_response(unsigned status, std::string content_type, std::string body);
Response problem_response(const Problem& p, const std::string& instance, const std::string& request_id);
// Headers every API answer carries (nosniff, no-referrer, and a `default-src 'none'` policy unless the handler
// set its own); the console's files have their own (static_files).
void set_api_headers(Response& res);

}  // namespace ow::platform
