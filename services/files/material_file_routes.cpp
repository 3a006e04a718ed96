// Handlers of the material file routes. The upload's body is the file itself (Content-Type ignored: the bytes
// decide), its name in the query (?name=出生医学证明.pdf).
#include "services/files/material_file_routes.hpp"

#include <boost/json.hpp>

namespace ow::files {
namespace {

// The upload's file name, from the query (?name=出生医学证明.pdf).
std::string file_name(const platform::RequestContext& ctx) {
  auto name = ctx.query.find("name");
  return name == ctx.query.end() ? "" : name->second;
}

std::int64_t file_id(const platform::RequestContext& ctx) {
  const std::string& id = ctx.params.at("id");
  if (id.empty() || id.size() > 18 || id.find_first_not_of("0123456789") != std::string::npos)
    throw platform::problems::not_found("no file " + id);
  return std::stoll(id);
}

// A file's bytes, shown in the browser, never cached.
platform::Response file_response(const std::string& media_type, std::string bytes) {
  auto res = platform::text_response(200, media_type, std::move(bytes));
  res.set("Cache-Control", "no-store");
  res.set("Content-Disposition", "inline");
  return res;
}

}  // namespace

void add_material_file_routes(platform::Router& router, MaterialFiles& files) {
  using platform::Access;
  using platform::RequestContext;
  using platform::Role;
  using platform::http::verb;
  router.add(verb::post, "/api/v1/cases/{number}/materials/{material}/files", Access::only({Role::clerk}),
             [&files](RequestContext& ctx) {
               ViewSource source(ctx.request.body());
               return platform::json_response(201, files.upload(ctx.who(), ctx.params.at("number"),
                                                                ctx.params.at("material"), file_name(ctx), source));
             });
  const Access staff = Access::only({Role::clerk, Role::approver, Role::supervisor});
  router.add(verb::get, "/api/v1/cases/{number}/files", staff, [&files](RequestContext& ctx) {
    return platform::json_response(200, files.list(ctx.who(), ctx.params.at("number")));
  });
  router.add(verb::get, "/api/v1/cases/{number}/files/{id}", staff, [&files](RequestContext& ctx) {
    std::string bytes;
    const std::string media_type =
        files.read({ctx.who(), "GET /api/v1/cases/{number}/files/{id}", ctx.request_id}, ctx.params.at("number"),
                   file_id(ctx), [&bytes](std::string_view chunk) { bytes.append(chunk); });
    return file_response(media_type, std::move(bytes));
  });
}

void add_applicant_file_routes(platform::Router& router, ApplicantUploads& uploads) {
  using platform::Access;
  using platform::RequestContext;
  using platform::Role;
  using platform::http::verb;
  const Access applicant = Access::only({Role::applicant});
  router.add(verb::post, "/api/v1/applicant/cases/{number}/materials/{material}", applicant,
             [&uploads](RequestContext& ctx) {
               ViewSource source(ctx.request.body());
               return platform::json_response(201, uploads.upload(ctx.who(), ctx.params.at("number"),
                                                                  ctx.params.at("material"), file_name(ctx), source));
             });
  router.add(verb::get, "/api/v1/applicant/cases/{number}/files", applicant, [&uploads](RequestContext& ctx) {
    return platform::json_response(200, uploads.list(ctx.who(), ctx.params.at("number")));
  });
  router.add(verb::get, "/api/v1/applicant/cases/{number}/files/{id}", applicant, [&uploads](RequestContext& ctx) {
    std::string bytes;
    const std::string media_type = uploads.read(ctx.who(), ctx.params.at("number"), file_id(ctx),
                                                [&bytes](std::string_view chunk) { bytes.append(chunk); });
    return file_response(media_type, std::move(bytes));
  });
}

std::size_t upload_body_limit(const platform::Request& head, const UploadLimits& limits) {
  if (head.method() != platform::http::verb::post) return 0;
  const std::string_view target(head.target().data(), head.target().size());
  const std::string_view path = target.substr(0, target.find('?'));
  const bool clerks = path.rfind("/api/v1/cases/", 0) == 0 && path.find("/materials/") != std::string_view::npos &&
                      path.size() >= 6 && path.substr(path.size() - 6) == "/files";
  const bool applicants =  // /api/v1/applicant/cases/{number}/materials/{material}
      path.rfind("/api/v1/applicant/cases/", 0) == 0 && path.find("/materials/") != std::string_view::npos;
  if (!clerks && !applicants) return 0;
  return static_cast<std::size_t>(limits.max_file_bytes) + 1;  // one byte more: the service answers 413 itself
}

}  // namespace ow::files
