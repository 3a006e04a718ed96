// Hotline ticket handlers.
#include "services/supervision/hotline_routes.hpp"

#include <boost/json.hpp>
#include <charconv>

#include "services/platform/problem.hpp"

namespace ow::supervision {

void add_hotline_routes(platform::Router& router, HotlineDesk& desk) {
  using platform::http::verb;
  using platform::Role;
  router.add(verb::post, "/api/v1/hotline/tickets", platform::Access::only({Role::department_system}),
             [&desk](platform::RequestContext& ctx) {
               casework::SignedRequest r{"", ctx.header("X-OW-Timestamp"), ctx.header("X-OW-Signature"),
                                         ctx.request.body()};
               auto answer = desk.receive(ctx.who(), r);
               auto res = platform::json_response(answer.status, answer.body);
               if (answer.replayed) res.set("Idempotent-Replayed", "true");
               return res;
             });
  const auto staff = platform::Access::only({Role::supervisor, Role::approver});
  router.add(verb::get, "/api/v1/hotline/tickets", staff, [&desk](platform::RequestContext& ctx) {
    return platform::json_response(200, desk.list(ctx.who(), ctx.query));
  });
  router.add(verb::post, "/api/v1/hotline/tickets/{id}/answer", staff, [&desk](platform::RequestContext& ctx) {
    const std::string& text = ctx.params.at("id");
    std::int64_t id = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (ec != std::errc() || end != text.data() + text.size()) throw platform::problems::not_found("no ticket " + text);
    return platform::json_response(200, desk.answer(ctx.who(), id, ctx.json_body()));
  });
}

}  // namespace ow::supervision
