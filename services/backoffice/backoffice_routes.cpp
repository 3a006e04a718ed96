// HTTP handlers of the approver API.
#include "services/backoffice/backoffice_routes.hpp"

#include <boost/json.hpp>
#include <tuple>

namespace ow::backoffice {
namespace {

using platform::Access;
using platform::RequestContext;
using platform::Role;
namespace problems = platform::problems;

// The {id} of the path; 404 for anything but a positive whole number (`what`: "task", "extension request").
std::int64_t path_id(const RequestContext& ctx, const char* what = "task") {
  try {
    std::size_t used = 0;
    const auto& text = ctx.params.at("id");
    long long id = std::stoll(text, &used);
    if (used != text.size() || id < 1) throw std::invalid_argument(text);
    return id;
  } catch (const std::exception&) {
    throw problems::not_found(std::string("no ") + what + " " + ctx.params.at("id"));
  }
}

std::int64_t task_id(const RequestContext& ctx) { return path_id(ctx); }

std::optional<std::string> query(const RequestContext& ctx, const char* name) {
  auto it = ctx.query.find(name);
  if (it == ctx.query.end() || it->second.empty()) return std::nullopt;
  return it->second;
}

// ?page=&size= (page from 1; size 1–100, `default_size` when absent); 400 naming the parameter otherwise.
Paging paging(const RequestContext& ctx, int default_size) {
  Paging p{1, default_size};
  for (auto [name, out, max] : {std::tuple{"page", &p.page, 100000}, std::tuple{"size", &p.size, 100}})
    if (auto text = query(ctx, name)) {
      try {
        std::size_t used = 0;
        *out = std::stoi(*text, &used);
        if (used != text->size() || *out < 1 || *out > max) throw std::invalid_argument(*text);
      } catch (const std::exception&) {
        throw problems::bad_request(std::string(name) + " must be a whole number from 1 to " + std::to_string(max),
                                    name);
      }
    }
  return p;
}

}  // namespace

void add_backoffice_routes(platform::Router& router, BackofficeService& service) {
  using platform::http::verb;
  const Access approver = Access::only({Role::approver});
  router.add(verb::get, "/api/v1/tasks", approver, [&service](RequestContext& ctx) {
    return platform::json_response(
        200, service.inbox(ctx.who(), {query(ctx, "state"), query(ctx, "due_before"), query(ctx, "bundle")},
                           paging(ctx, 100)));
  });
  // 已办: ?scope=me (the default) or department.
  router.add(verb::get, "/api/v1/task-decisions", approver, [&service](RequestContext& ctx) {
    const auto scope = query(ctx, "scope").value_or("me");
    if (scope != "me" && scope != "department") throw problems::bad_request("scope must be me or department", "scope");
    return platform::json_response(200, service.decisions(ctx.who(), scope == "me", paging(ctx, 20)));
  });
  router.add(verb::get, "/api/v1/tasks/{id}", approver, [&service](RequestContext& ctx) {
    return platform::json_response(200, service.task(ctx.who(), task_id(ctx)));
  });
  router.add(verb::post, "/api/v1/tasks/{id}/claim", approver, [&service](RequestContext& ctx) {
    return platform::json_response(200, service.claim(ctx.who(), task_id(ctx)));
  });
  router.add(verb::post, "/api/v1/tasks/{id}/release", approver, [&service](RequestContext& ctx) {
    return platform::json_response(200, service.release(ctx.who(), task_id(ctx)));
  });
  router.add(verb::post, "/api/v1/tasks/{id}/transfer", approver, [&service](RequestContext& ctx) {
    const auto body = ctx.json_body();
    auto it = body.find("to");
    if (it == body.end() || !it->value().is_string())
      throw problems::bad_request("'to' names the colleague's login", "to");
    return platform::json_response(200,
                                   service.transfer(ctx.who(), task_id(ctx), std::string(it->value().as_string())));
  });
  router.add(
      verb::post, "/api/v1/tasks/{id}/redispatch", Access::only({Role::supervisor}), [&service](RequestContext& ctx) {
        const auto body = ctx.request.body().empty() ? boost::json::object{} : ctx.json_body();
        auto it = body.find("reason");
        const std::string reason = it != body.end() && it->value().is_string() ? std::string(it->value().as_string())
                                                                               : "supervisor re-dispatch";
        return platform::json_response(200, service.redispatch(ctx.who(), task_id(ctx), reason));
      });
  router.add(verb::post, "/api/v1/redispatches", Access::only({Role::supervisor}), [&service](RequestContext& ctx) {
    return platform::json_response(200, service.redispatch_failed(ctx.who(), ctx.json_body()));
  });
  router.add(verb::post, "/api/v1/tasks/{id}/decision", approver, [&service](RequestContext& ctx) {
    return platform::json_response(200, service.decide(ctx.who(), task_id(ctx), ctx.json_body()));
  });

  // 延期: requested by the approver holding the task, granted or refused by a supervisor of the case's region.
  const Access supervisor = Access::only({Role::supervisor});
  router.add(verb::post, "/api/v1/tasks/{id}/extension-requests", approver, [&service](RequestContext& ctx) {
    const std::string key = ctx.header("Idempotency-Key");
    if (key.size() > 128) throw problems::bad_request("Idempotency-Key is 1–128 characters", "Idempotency-Key");
    bool replayed = false;
    auto res = platform::json_response(
        201, service.request_extension(ctx.who(), task_id(ctx), ctx.json_body(), key, ctx.request.body(), &replayed));
    if (replayed) res.set("Idempotent-Replayed", "true");
    return res;
  });
  router.add(verb::get, "/api/v1/extension-requests", Access::only({Role::approver, Role::supervisor}),
             [&service](RequestContext& ctx) {
               ExtensionQuery q{query(ctx, "state"), std::nullopt};
               if (auto t = query(ctx, "task")) {
                 try {
                   std::size_t used = 0;
                   q.task = std::stoll(*t, &used);
                   if (used != t->size()) throw std::invalid_argument(*t);
                 } catch (const std::exception&) {
                   throw problems::bad_request("task must be a task id", "task");
                 }
               }
               return platform::json_response(200, service.extension_requests(ctx.who(), q));
             });
  router.add(verb::post, "/api/v1/extension-requests/{id}/grant", supervisor, [&service](RequestContext& ctx) {
    return platform::json_response(200, service.grant_extension(ctx.who(), path_id(ctx, "extension request")));
  });
  router.add(verb::post, "/api/v1/extension-requests/{id}/refuse", supervisor, [&service](RequestContext& ctx) {
    return platform::json_response(
        200, service.refuse_extension(ctx.who(), path_id(ctx, "extension request"), ctx.json_body()));
  });
}

}  // namespace ow::backoffice
