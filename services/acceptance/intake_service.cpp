// Intake: request → flow command → one transaction.
#include "services/acceptance/intake_service.hpp"

#include <boost/json.hpp>
#include <set>

#include "services/acceptance/documents.hpp"
#include "services/acceptance/intake_checks.hpp"
#include "services/casework/case_reading.hpp"
#include "services/casework/case_views.hpp"
#include "services/casework/record_codec.hpp"
#include "services/catalog/catalog_json.hpp"
#include "services/platform/problem.hpp"
#include "services/store/case_personal_data.hpp"
#include "services/store/case_store.hpp"
#include "services/store/kpi_store.hpp"
#include "services/store/query_code_store.hpp"
#include "services/store/user_store.hpp"
#include "services/store/vault.hpp"
#include "workflow/catalog/guide.hpp"
#include "workflow/flow/case_flow.hpp"
#include "workflow/flow/case_number.hpp"
#include "workflow/flow/identity.hpp"
#include "workflow/flow/intake_rules.hpp"

namespace ow::acceptance {
namespace {

namespace json = boost::json;
using platform::Problem;
namespace problems = platform::problems;

}  // namespace

Answer IntakeService::create(const platform::Actor& clerk, const std::string& idempotency_key,
                             const std::string& raw_body, const IntakeRequest& r) {
  return desk_.create(clerk, idempotency_key, raw_body, r, catalog_.current(), now_());
}

json::object IntakeService::decide(const platform::Actor& clerk, const std::string& number, const IntakeRequest& r) {
  desk_.decide(clerk, number, r, now_());
  return view(clerk, number);
}

json::object IntakeService::view(const platform::Actor& actor, const std::string& number) {
  const calendar::Instant now = now_();
  return pool_.transact([&](store::Tx& tx) {
    auto row = store::cases::by_number(tx, number);
    if (!row || !actor.covers(row->region_code)) throw problems::not_found("no case " + number);
    auto loaded = catalog_.version(row->catalog_version);
    return casework::read_case(tx, actor, *row, loaded ? &loaded->catalog : nullptr, math(), now);
  });
}

json::object IntakeService::list(const platform::Actor& actor, const ListQuery& q) {
  store::CaseListFilter f;
  f.region_prefix = platform::region_scope(actor.region_code);
  f.hall_code = q.hall;
  f.window_code = q.window;
  f.day = q.day;
  f.state = q.state;
  f.limit = std::clamp(q.limit, 1, 200);
  if (q.cursor) {
    try {
      f.before_id = std::stoll(*q.cursor);
    } catch (const std::exception&) {
      throw problems::bad_request("cursor is not one this API gave", "cursor");
    }
  }
  if (q.day) {
    try {
      calendar::parse_date(*q.day);
    } catch (const calendar::ParseError& e) {
      throw problems::bad_request(e.what(), "day");
    }
  }
  if (q.state && !machines::case_state_named(*q.state))
    throw problems::bad_request("unknown state '" + *q.state + "'", "state");
  auto loaded = catalog_.current();
  return pool_.transact([&](store::Tx& tx) {
    auto rows = store::cases::list(tx, f);
    json::object out{{"items", casework::read_case_list(tx, actor, rows, loaded ? &loaded->catalog : nullptr)}};
    out["next_cursor"] =
        static_cast<int>(rows.size()) == f.limit ? json::value(std::to_string(rows.back().id)) : json::value(nullptr);
    return out;
  });
}

json::object IntakeService::applicant_cases(const platform::Actor& actor, const json::object& body) {
  std::string holder, phone;
  int given = 0;
  for (const char* field : {"id_number", "credit_code", "contact_phone"}) {
    const auto* v = body.if_contains(field);
    if (!v) continue;
    ++given;
    if (!v->is_string() || v->as_string().empty() || v->as_string().size() > 32)
      throw problems::bad_request(std::string(field) + " must be a non-empty text of at most 32 characters", field);
    (std::string_view(field) == "contact_phone" ? phone : holder) = std::string(v->as_string());
  }
  if (given != 1)
    throw problems::bad_request("give exactly one of id_number, credit_code or contact_phone", "id_number");
  const auto vault = store::vault();
  const std::string holder_index = holder.empty() ? "" : store::holder_index(*vault, holder);
  const std::string phone_index = phone.empty() ? "" : store::phone_index(*vault, phone);
  if (holder_index.empty() && phone_index.empty())
    throw problems::bad_request("the number has no digits or letters to look up",
                                holder.empty() ? "contact_phone" : "id_number");
  auto loaded = catalog_.current();
  return pool_.transact([&](store::Tx& tx) {
    auto rows = store::cases::of_holder(tx, platform::region_scope(actor.region_code), holder_index, phone_index, 50);
    return json::object{{"items", casework::read_case_list(tx, actor, rows, loaded ? &loaded->catalog : nullptr)}};
  });
}

json::object IntakeService::progress(const std::string& number) {
  return pool_.transact([&](store::Tx& tx) {
    auto row = store::cases::by_number(tx, number);
    if (!row) throw problems::not_found("no case " + number);
    auto loaded = catalog_.version(row->catalog_version);
    json::object o = casework::progress_view(*row, store::cases::tasks(tx, row->id), store::cases::audit(tx, row->id),
                                             loaded ? &loaded->catalog : nullptr);
    // The applicant's own rating, so that the page can say a second one is a 追评 (and that none follows it).
    const auto rated = store::kpi::evaluation(tx, row->id);
    o["rating"] =
        rated ? json::value(json::object{{"score", rated->score}, {"revised", rated->revised}}) : json::value(nullptr);
    return o;
  });
}

}  // namespace ow::acceptance

namespace ow::acceptance {

std::string IntakeService::document(const platform::Actor& actor, const std::string& number, const std::string& kind) {
  return pool_.transact([&](store::Tx& tx) {
    auto row = store::cases::by_number(tx, number);
    if (!row || !actor.covers(row->region_code)) throw problems::not_found("no case " + number);
    auto loaded = catalog_.version(row->catalog_version);
    if (!loaded)  // every case names a stored version; this would be a damaged catalog store, never a crash
      throw problems::unavailable("catalog_version_unavailable", "办件所依据的事项目录版本暂时无法读取，请稍后重试",
                                  "catalog version " + std::to_string(row->catalog_version) + " could not be loaded",
                                  30);
    const auto tasks = store::cases::tasks(tx, row->id);
    casework::require_unmasked(tx, actor, *row, tasks);
    ReceiptLink link{public_base_url_, std::nullopt, ""};
    if (actor.role == platform::Role::clerk && actor.hall_code && actor.hall_code == row->hall_code)
      link.query_code = store::query_codes::of_case(tx, row->id);
    if (row->clerk_id) link.clerk_name = store::users::display_name(tx, *row->clerk_id).value_or("");
    return render_document(kind, *row, tasks, store::cases::audit(tx, row->id), loaded->catalog, link);
  });
}

}  // namespace ow::acceptance
