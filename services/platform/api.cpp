// The request pipeline and the one exception-to-problem mapping.
#include "services/platform/api.hpp"

#include "services/casework/errors.hpp"

#include <sodium.h>

#include <chrono>

#include "services/platform/edge_input.hpp"
#include "services/platform/log.hpp"
#include "services/platform/trace_context.hpp"
#include "services/store/errors.hpp"
#include "workflow/calendar/instant.hpp"
#include "workflow/calendar/work_calendar.hpp"
#include "workflow/flow/decision.hpp"

namespace ow::platform {
namespace {

std::string bearer_of(const Request& r) {
  auto it = r.find(http::field::authorization);
  if (it == r.end()) return {};
  std::string_view v(it->value().data(), it->value().size());
  if (v.size() > 7 && (v.substr(0, 7) == "Bearer " || v.substr(0, 7) == "bearer ")) return std::string(v.substr(7));
  return {};
}

std::string api_key_of(const Request& r) {
  auto it = r.find("X-Api-Key");
  return it == r.end() ? std::string() : std::string(it->value());
}

// The method as a metric label and log field: the methods we serve, anything else is "other" (a client cannot
// create new series).
std::string method_text(const Request& r) {
  switch (r.method()) {
    case http::verb::get:
    case http::verb::post:
    case http::verb::put:
    case http::verb::patch:
    case http::verb::delete_:
    case http::verb::head:
    case http::verb::options: return std::string(http::to_string(r.method()));
    default: return "other";
  }
}

}  // namespace

std::string request_id_for(const Request& request) {
  auto it = request.find("X-Request-Id");
  if (it != request.end()) {
    std::string_view v(it->value().data(), it->value().size());
    bool sane = !v.empty() && v.size() <= 64;
    for (char c : v) sane = sane && (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-');
    if (sane) return std::string(v);
  }
  unsigned char raw[8];
  randombytes_buf(raw, sizeof raw);
  char hex[sizeof raw * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
  return hex;
}

Problem Api::to_problem(std::exception_ptr error) {
  try {
    std::rethrow_exception(error);
  } catch (const Problem& p) {
    return p;
  } catch (const casework::Refusal& r) {
    static constexpr unsigned kStatus[] = {404, 409, 422, 403};  // by RefusalKind
    return Problem(kStatus[static_cast<int>(r.kind)], r.code, r.title, r.detail, r.extra);
  } catch (const store::DatabaseUnavailable& e) {
    return problems::unavailable("database_unavailable", "数据库暂时不可用，请稍后重试", e.what(), 5);
  } catch (const store::IdempotencyKeyReused& e) {
    return problems::unprocessable("idempotency_key_reused", "幂等键已用于另一请求", e.what());
  } catch (const store::RedisUnavailable& e) {
    return problems::unavailable("redis_unavailable", "缓存服务暂时不可用，请稍后重试", e.what(), 5);
  } catch (const flow::FlowRefused& e) {
    boost::json::array accepted;
    for (const auto& a : e.accepted) accepted.emplace_back(a);
    return Problem(409, "illegal_transition", "当前状态不允许此操作", e.what(),
                   boost::json::object{
                       {"entity", e.entity}, {"state", e.state}, {"event", e.event}, {"accepted_events", accepted}});
  } catch (const flow::FlowInvalid& e) {
    return problems::unprocessable("invalid_command", "请求与办件不符", e.what());
  } catch (const calendar::CalendarRangeError& e) {
    return problems::unprocessable("calendar_out_of_range", "日期超出已加载的工作日历年份", e.what());
  } catch (const store::ConcurrentWrite&) {
    // Two requests raced for the same key (e.g. one callback event id sent twice at once): the loser retries.
    return Problem(409, "concurrent_request", "同一请求正在处理，请稍后重试",
                   "another request with the same key was applied at the same moment")
        .with_retry_after(1);
  } catch (const std::exception& e) {
    log(LogLevel::error, "unhandled error", {{"error", e.what()}});
    return problems::internal();
  } catch (...) {
    log(LogLevel::error, "unhandled non-standard exception");
    return problems::internal();
  }
}

void Api::record(const Request* request, const std::string& route, const Response& response, double seconds,
                 const std::string& request_id, const std::string& actor, const std::string& remote) const {
  const std::string method = request ? method_text(*request) : "-";
  metrics_.observe_request(method, route, response.result_int(), seconds);
  boost::json::object line{{"method", method},
                           {"route", route},
                           {"status", response.result_int()},
                           {"duration_ms", static_cast<double>(static_cast<long long>(seconds * 1e6)) / 1000.0},
                           {"request_id", request_id},
                           {"remote", remote}};
  if (!actor.empty()) line["actor"] = actor;
  log(LogLevel::info, "request", std::move(line));
}

bool Api::still_authenticated(const std::string& credential) const {
  if (credential.empty()) return false;
  try {
    return authenticate_(credential, "").has_value();
  } catch (const std::exception&) {
    return true;  // the store is down: no verdict; the stream goes on until it can be asked again
  }
}

Response Api::handle(const Request& request, const std::string& peer_address) const {
  const std::string remote_address =
      client_address(request, peer_address, proxies_);  // the client, for throttles and logs
  const auto started = std::chrono::steady_clock::now();
  // The caller's trace (W3C traceparent) continued with this request's own span, or a new trace: the log lines
  // of this request and the department pushes it causes (through the outbox) carry it.
  const auto incoming = request.find("traceparent");
  const auto parent = incoming == request.end() ? std::nullopt : TraceContext::parse(incoming->value());
  const TraceScope trace(parent ? parent->child() : TraceContext::start());
  const std::string_view target(request.target().data(), request.target().size());
  const std::size_t q = target.find('?');
  const std::string_view raw_path = target.substr(0, q);
  // The path is echoed in problems (`instance`) and logs only when it is valid text.
  RequestContext ctx{request,
                     valid_text(raw_path) ? std::string(raw_path) : std::string("(invalid path)"),
                     {},
                     {},
                     std::nullopt,
                     request_id_for(request),
                     remote_address};
  std::string route = "unmatched";
  Response response;
  try {
    const DecodedPath path = decode_path(raw_path);
    const bool api_path = raw_path.starts_with("/api/");
    if (!path.ok()) {
      // Under /api/ a bad path is a client error worth naming; anywhere else it names no file (404, no hint).
      if (api_path)
        throw Problem(400, "invalid_path", "请求路径无效", std::string("the path holds ") + describe(path.fault),
                      boost::json::object{{"field", "path"}});
      throw problems::not_found("no such file");
    }
    if (q != std::string_view::npos) ctx.query = parse_query(target.substr(q + 1));
    auto m = router_.match(request.method(), path.segments);
    if (!m.route && m.allowed.empty() && files_ && !api_path && request.method() == http::verb::get) {
      if (auto file = files_->serve(path.segments)) {
        route = "console";
        response = std::move(*file);
        response.set("X-Request-Id", ctx.request_id);
        record(&request, route, response,
               std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(), ctx.request_id, "",
               remote_address);
        return response;
      }
    }
    if (!m.route) {
      if (m.allowed.empty()) throw problems::not_found("no route for " + ctx.path);
      std::string allow;
      for (auto v : m.allowed) allow += (allow.empty() ? "" : ", ") + std::string(http::to_string(v));
      boost::json::object extra{{"allow", allow}};
      throw Problem(405, "method_not_allowed", "不支持该请求方法", method_text(request) + " is not allowed here",
                    std::move(extra));
    }
    route = m.route->pattern;
    ctx.params = std::move(m.params);
    if (m.route->access.kind != Access::Kind::open) {
      const std::string token = bearer_of(request), key = api_key_of(request);
      const std::string applicant =
          token.empty() && key.empty() && applicants_ ? cookie_value(request, kApplicantCookie) : std::string();
      if (token.empty() && key.empty() && applicant.empty())
        throw problems::unauthorized("an Authorization: Bearer token is required");
      ctx.actor = applicant.empty() ? authenticate_(token, key) : applicants_(applicant);
      if (!ctx.actor) throw problems::unauthorized("the token is unknown, expired, revoked or its user is disabled");
      if (!m.route->access.allows(*ctx.actor))
        throw problems::forbidden(std::string("role ") + to_string(ctx.actor->role) + " may not call " + route);
    }
    response = m.route->handler(ctx);
  } catch (...) {
    Problem p = to_problem(std::current_exception());
    response = problem_response(p, ctx.path, ctx.request_id);
    if (p.status() == 405) response.set(http::field::allow, p.extra().at("allow").as_string().c_str());
  }
  response.set("X-Request-Id", ctx.request_id);
  // An event stream checks its session again at each heartbeat (HttpServer): it keeps the bearer token, in a
  // header the server strips before anything is written.
  if (response.find("X-OW-SSE-Scope") != response.end()) response.set("X-OW-SSE-Credential", bearer_of(request));
  set_api_headers(response);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  record(&request, route, response, seconds, ctx.request_id, ctx.actor ? ctx.actor->log_id() : "", remote_address);
  return response;
}

}  // namespace ow::platform
