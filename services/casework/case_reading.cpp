// Case reads under the personal-data rule, and the access log.
#include "services/casework/case_reading.hpp"

#include "services/casework/case_views.hpp"
#include "services/casework/delivery_choice.hpp"
#include "services/platform/problem.hpp"
#include "services/platform/request_origin.hpp"
#include "services/store/pii_access_store.hpp"

namespace ow::casework {
namespace {

namespace problems = platform::problems;

// Throws for the sights that show nothing.
void refuse_unless_visible(CaseSight sight, const std::string& number) {
  if (sight == CaseSight::hidden) throw problems::not_found("no case " + number);
  if (sight == CaseSight::refused) throw problems::forbidden("this role reads no case bodies");
}

}  // namespace

void record_unmasked_reads(store::Tx& tx, const platform::Actor& viewer, const std::vector<std::string>& case_numbers) {
  const auto& origin = platform::current_origin();
  store::pii_access::record(
      tx,
      {viewer.user_id, viewer.login, platform::to_string(viewer.role), origin.route.empty() ? "-" : origin.route,
       origin.request_id.empty() ? "-" : origin.request_id},
      case_numbers);
}

boost::json::object read_case(store::Tx& tx, const platform::Actor& viewer, const store::CaseRow& row,
                              const catalog::Catalog* catalog, const calendar::ClockMath& math, calendar::Instant now) {
  const auto tasks = store::cases::tasks(tx, row.id);
  const CaseSight sight = personal_data_access(viewer, row, tasks);
  refuse_unless_visible(sight, row.number);
  auto view = case_view(row, tasks, store::cases::audit(tx, row.id), catalog, math, now, sight);
  // How the applicant asked for the result (a posting address masked unless full): the clerk's 出件 follows it.
  view["delivery_choice"] = delivery_choice_view(store::delivery_choices::of_case(tx, row.id, row.number), sight);
  if (sight == CaseSight::full) record_unmasked_reads(tx, viewer, {row.number});
  return view;
}

boost::json::array read_case_list(store::Tx& tx, const platform::Actor& viewer, const std::vector<store::CaseRow>& rows,
                                  const catalog::Catalog* catalog) {
  boost::json::array items;
  std::vector<std::string> unmasked;
  for (const auto& r : rows) {
    // Lists are for clerks and supervisors, whose sight does not depend on tasks; an approver's would.
    const auto tasks =
        viewer.role == platform::Role::approver ? store::cases::tasks(tx, r.id) : std::vector<store::TaskRow>{};
    const CaseSight sight = personal_data_access(viewer, r, tasks);
    if (sight != CaseSight::full && sight != CaseSight::masked) continue;
    items.push_back(list_item(r, catalog, sight));
    if (sight == CaseSight::full) unmasked.push_back(r.number);
  }
  record_unmasked_reads(tx, viewer, unmasked);
  return items;
}

void require_unmasked(store::Tx& tx, const platform::Actor& viewer, const store::CaseRow& row,
                      const std::vector<store::TaskRow>& tasks) {
  const CaseSight sight = personal_data_access(viewer, row, tasks);
  refuse_unless_visible(sight, row.number);
  if (sight != CaseSight::full)
    throw platform::Problem(
        403, "personal_data_restricted", "无权查看该办件的文书（含申请人个人信息）",
        "documents name the applicant: only the clerk of the case's hall and the approver holding one of its "
        "tasks may open them");
  record_unmasked_reads(tx, viewer, {row.number});
}

}  // namespace ow::casework
