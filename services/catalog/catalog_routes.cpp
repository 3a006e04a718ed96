// HTTP handlers of the catalog API.
#include "services/catalog/catalog_routes.hpp"

#include <boost/json.hpp>

#include "services/catalog/catalog_json.hpp"
#include "workflow/catalog/guide.hpp"

namespace ow::catalog_service {
namespace {

using platform::Problem;
using platform::RequestContext;
namespace problems = platform::problems;

std::shared_ptr<const LoadedCatalog> pick(CatalogService& service, const RequestContext& ctx) {
  auto v = ctx.query.find("version");
  if (v != ctx.query.end()) {
    int id = 0;
    try {
      std::size_t used = 0;
      id = std::stoi(v->second, &used);
      if (used != v->second.size()) throw std::invalid_argument(v->second);
    } catch (const std::exception&) {
      throw problems::bad_request("version must be a whole number", "version");
    }
    auto found = service.version(id);
    if (!found) throw problems::not_found("no catalog version " + v->second);
    return found;
  }
  auto current = service.current();
  if (!current)
    throw problems::unavailable("catalog_not_loaded", "事项目录尚未加载", "run `onewindow catalog load` first", 30);
  return current;
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

void add_catalog_routes(platform::Router& router, CatalogService& service) {
  using platform::Access;
  using platform::Role;
  using platform::http::verb;
  // The public guide (办事指南) is read by every signed-in caller, applicants too (they choose their bundle).
  const Access guide_readers = Access::only({Role::clerk, Role::approver, Role::supervisor, Role::admin, Role::auditor,
                                     Role::surveyor, Role::department_system, Role::applicant});
  router.add(verb::get, "/api/v1/bundles", guide_readers, [&service](RequestContext& ctx) {
    auto loaded = pick(service, ctx);
    const std::string q = ctx.query.contains("q") ? ctx.query.at("q") : "";
    const std::string audience = ctx.query.contains("audience") ? ctx.query.at("audience") : "";
    if (!audience.empty() && audience != "person" && audience != "enterprise")
      throw problems::bad_request("audience must be person or enterprise", "audience");
    boost::json::array items;
    for (const auto& [code, b] : loaded->catalog.bundles) {
      if (!audience.empty() && b.audience != audience) continue;
      if (!q.empty() && b.name.find(q) == std::string::npos && lower(code).find(lower(q)) == std::string::npos)
        continue;
      items.push_back(bundle_summary_json(loaded->catalog, b));
    }
    return platform::json_response(200, boost::json::object{{"catalog_version", loaded->version}, {"items", items}});
  });
  router.add(verb::get, "/api/v1/bundles/{code}", guide_readers, [&service](RequestContext& ctx) {
    auto loaded = pick(service, ctx);
    auto it = loaded->catalog.bundles.find(ctx.params.at("code"));
    if (it == loaded->catalog.bundles.end()) throw problems::not_found("no bundle '" + ctx.params.at("code") + "'");
    auto guide = catalog::merged_guide(loaded->catalog, it->second, service.minutes_per_day());
    return platform::json_response(200, guide_json(loaded->catalog, guide, loaded->version));
  });
  router.add(verb::get, "/api/v1/items/{code}", guide_readers, [&service](RequestContext& ctx) {
    auto loaded = pick(service, ctx);
    auto it = loaded->catalog.items.find(ctx.params.at("code"));
    if (it == loaded->catalog.items.end()) throw problems::not_found("no item '" + ctx.params.at("code") + "'");
    auto o = item_json(loaded->catalog, it->second);
    o["catalog_version"] = loaded->version;
    return platform::json_response(200, o);
  });
  router.add(verb::get, "/api/v1/departments", Access::any_actor(), [&service](RequestContext& ctx) {
    auto loaded = pick(service, ctx);
    boost::json::array items;
    for (const auto& [code, d] : loaded->catalog.departments) items.push_back(department_json(d));
    return platform::json_response(200, boost::json::object{{"catalog_version", loaded->version}, {"items", items}});
  });
  // Where applicants are served, by name: the console shows 西湖区政务服务中心 1号窗口 for a clerk's XH01/W01.
  router.add(verb::get, "/api/v1/halls", guide_readers, [&service](RequestContext& ctx) {
    auto loaded = pick(service, ctx);
    boost::json::array regions, halls;
    for (const auto& [code, g] : loaded->catalog.regions) regions.push_back(region_json(g));
    for (const auto& [code, h] : loaded->catalog.halls) halls.push_back(hall_json(h));
    return platform::json_response(
        200, boost::json::object{{"catalog_version", loaded->version}, {"regions", regions}, {"halls", halls}});
  });
  router.add(verb::get, "/api/v1/catalog/versions", Access::any_actor(), [&service](RequestContext&) {
    boost::json::array items;
    for (const auto& v : service.versions())
      items.push_back(boost::json::object{{"version", v.id},
                                          {"checksum", v.checksum},
                                          {"loaded_at", v.loaded_at},
                                          {"loaded_by", v.loaded_by},
                                          {"summary", boost::json::parse(v.summary)}});
    return platform::json_response(200, boost::json::object{{"items", items}});
  });
  router.add(verb::post, "/api/v1/catalog/reload", Access::only({platform::Role::admin}),
             [&service](RequestContext& ctx) {
               const bool dry_run = ctx.query.contains("dry_run") && ctx.query.at("dry_run") != "false";
               LoadResult r;
               try {
                 r = service.load(dry_run, ctx.who().log_id());
               } catch (const CatalogRejected& e) {
                 boost::json::array problems;
                 for (const auto& p : e.problems) problems.emplace_back(p);
                 throw Problem(422, "catalog_rejected", "事项目录校验未通过，未加载",
                               "the catalog failed validation; the current version stays in force",
                               boost::json::object{{"errors", problems}});
               }
               boost::json::array changes, notes;
               for (const auto& c : r.changes) changes.emplace_back(c);
               for (const auto& n : r.notes) notes.emplace_back(n);
               return platform::json_response(r.changed && !dry_run ? 201 : 200,
                                              boost::json::object{{"changed", r.changed},
                                                                  {"dry_run", dry_run},
                                                                  {"version", r.version},
                                                                  {"changes", changes},
                                                                  {"notes", notes}});
             });
}

}  // namespace ow::catalog_service
