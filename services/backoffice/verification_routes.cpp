// Handler of the 核查 verdict.
#include "services/backoffice/verification_routes.hpp"

#include <boost/json.hpp>
#include <charconv>

namespace ow::backoffice {

void add_verification_routes(platform::Router& router, VerificationDesk& desk) {
  using platform::http::verb;
  router.add(verb::post, "/api/v1/tasks/{id}/verification", platform::Access::only({platform::Role::approver}),
             [&desk](platform::RequestContext& ctx) {
               const std::string& text = ctx.params.at("id");
               std::int64_t id = 0;
               const auto [end, fault] = std::from_chars(text.data(), text.data() + text.size(), id);
               if (fault != std::errc{} || end != text.data() + text.size() || id < 1)
                 throw platform::problems::not_found("no task " + text);  // like a task not in sight
               return platform::json_response(200, desk.verify(ctx.who(), id, ctx.json_body()));
             });
}

}  // namespace ow::backoffice
