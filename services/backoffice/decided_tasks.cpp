// 已办: the decisions taken on a department's tasks — by the approver, or by anyone of the department — newest
// first, one page at a time, each named from its case's catalog version.
#include <boost/json.hpp>

#include "services/backoffice/backoffice_service.hpp"
#include "services/backoffice/task_access.hpp"
#include "services/backoffice/task_names.hpp"
#include "services/store/task_history_store.hpp"

namespace ow::backoffice {

namespace json = boost::json;

json::object BackofficeService::decisions(const platform::Actor& a, bool mine, const Paging& paging) {
  require_approver(a);
  store::DecisionFilter f;
  f.department = *a.department_code;
  f.region_prefix = platform::region_scope(a.region_code);
  if (mine) f.actor = a.log_id();
  const auto page = read_page(paging, [&](int limit, int offset) {
    f.limit = limit;
    f.offset = offset;
    return pool_.transact([&](store::Tx& tx) { return store::task_history::decisions(tx, f); });
  });
  json::array items;
  for (const auto& d : page.rows) {
    const auto names =
        step_names(catalog_.version(d.catalog_version)->catalog, d.bundle_code, d.step, *a.department_code);
    items.push_back(json::object{{"task_id", d.task_id},
                                 {"number", d.number},
                                 {"bundle", d.bundle_code},
                                 {"bundle_name", names.bundle},
                                 {"step", d.step},
                                 {"step_name", names.step},
                                 {"decision", d.event},  // approve, reject or request_supplement
                                 {"at", d.at},
                                 {"task_state", d.task_state},
                                 {"by_me", d.actor == a.log_id()},
                                 // a decision reported by the department's own system has no user: 部门业务系统
                                 {"by_name", d.actor_name ? json::value(*d.actor_name) : json::value("部门业务系统")}});
  }
  return json::object{{"items", std::move(items)},
                      {"total", page.total},
                      {"page", paging.page},
                      {"size", paging.size},
                      {"scope", mine ? "me" : "department"}};
}

}  // namespace ow::backoffice
