// Checking a department's material link and serving the file it names.
#include "services/files/department_files.hpp"

#include "services/platform/problem.hpp"
#include "services/store/case_store.hpp"
#include "services/store/file_store.hpp"
#include "services/store/pii_access_store.hpp"

namespace ow::files {
namespace {

using platform::Problem;
namespace problems = platform::problems;

constexpr const char* kRoute = "GET /api/v1/departments/{code}/cases/{number}/files/{id}";

Problem forged_link() {
  return Problem(403, "file_link_invalid", "材料链接无效或已被改动",
                 "the link's signature does not match its department, case, file and expiry", {{"field", "signature"}});
}

// A whole number of at most 18 digits, or nothing.
std::optional<std::int64_t> whole_number(const std::string& text) {
  if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos)
    return std::nullopt;
  return std::stoll(text);
}

}  // namespace

std::string DepartmentFiles::read(const platform::Actor& caller, const PresentedLink& presented,
                                  const std::string& request_id, std::string& body) {
  const casework::FileLink& link = presented.link;
  if (caller.role != platform::Role::department_system || caller.login != link.department)
    throw Problem(403, "file_link_other_department", "此材料链接不是发给本部门的",
                  "the API key does not belong to the department the link was made out for");
  switch (links_.check(link, presented.signature, now_())) {
    case casework::LinkVerdict::forged: throw forged_link();
    case casework::LinkVerdict::expired:
      throw Problem(410, "file_link_expired", "材料链接已过期，请重新获取任务（轮询任务列表可得新链接）",
                    "the link expired; a new one comes with the task (GET /api/v1/departments/{code}/tasks)",
                    {{"field", "expires"}});
    case casework::LinkVerdict::valid: break;
  }
  return pool_.transact([&](store::Tx& tx) {
    const auto c = store::cases::by_number(tx, link.case_number);
    bool has_task = false;
    if (c)
      for (const auto& t : store::cases::tasks(tx, c->id)) has_task = has_task || t.department_code == link.department;
    if (!has_task) throw problems::not_found("no case " + link.case_number + " for department " + link.department);
    const auto f = store::files::one(tx, link.case_number, link.file_id);
    if (!f) throw problems::not_found("no file " + std::to_string(link.file_id) + " in case " + link.case_number);
    store::pii_access::record(tx, {0, link.department, platform::to_string(caller.role), kRoute, request_id},
                              {link.case_number});
    body.clear();  // a retried transaction starts again
    body.reserve(static_cast<std::size_t>(f->blob.size_bytes));
    storage_.read(tx, f->blob.id, [&body](std::string_view chunk) { body.append(chunk); });
    return f->blob.media_type;
  });
}

void add_department_file_route(platform::Router& router, DepartmentFiles& files) {
  using platform::http::verb;
  router.add(verb::get, "/api/v1/departments/{code}/cases/{number}/files/{id}",
             platform::Access::only({platform::Role::department_system}), [&files](platform::RequestContext& ctx) {
               auto query = [&ctx](const char* name) {
                 auto it = ctx.query.find(name);
                 return it == ctx.query.end() ? std::string() : it->second;
               };
               const auto id = whole_number(ctx.params.at("id"));
               if (!id) throw problems::not_found("no file " + ctx.params.at("id"));
               const auto expires = whole_number(query("expires"));
               if (!expires) throw forged_link();
               std::string bytes;
               const std::string media_type = files.read(
                   ctx.who(), {{ctx.params.at("code"), ctx.params.at("number"), *id, *expires}, query("signature")},
                   ctx.request_id, bytes);
               auto res = platform::text_response(200, media_type, std::move(bytes));
               res.set("Cache-Control", "no-store");
               res.set("Content-Disposition", "attachment");
               return res;
             });
}

}  // namespace ow::files
