// The applicant's own cases: submission through the window's core, views without anyone else's data.
#include "services/acceptance/applicant_desk.hpp"

#include <algorithm>
#include <boost/json.hpp>

#include "services/acceptance/documents.hpp"
#include "services/casework/case_views.hpp"
#include "services/platform/problem.hpp"
#include "services/store/applicant_store.hpp"
#include "services/store/case_personal_data.hpp"
#include "services/store/case_store.hpp"
#include "services/store/vault.hpp"

namespace ow::acceptance {
namespace {

namespace json = boost::json;
using platform::Problem;
namespace problems = platform::problems;

// The form names the signed-in person: as the applicant, or (an enterprise's agent) their company or, for a
// company still to be registered, themselves as its agent.
bool names_signed_in_person(const platform::Actor& who, const Applicant& a) {
  const auto vault = store::vault();
  auto is = [&](const std::string& number, const std::string& index) {
    return !number.empty() && !index.empty() && store::holder_index(*vault, number) == index;
  };
  if (a.kind == "person") return is(a.id_number, who.holder_index);
  if (a.establishment) return a.agent && is(a.agent->id_number, who.holder_index);
  return is(a.credit_code, who.company_index);
}

json::array intake_missing(const store::CaseRow& c, const catalog::Catalog* catalog) {
  json::array out;
  if (c.state != "AwaitingSupplement") return out;
  boost::system::error_code ec;
  const auto d = json::parse(c.decision, ec);
  if (ec || !d.is_object()) return out;
  if (const auto* missing = d.as_object().if_contains("missing"); missing && missing->is_array())
    for (const auto& m : missing->as_array()) {
      if (!m.is_string()) continue;
      const std::string id(m.as_string());
      std::string name = id;
      if (catalog)
        if (auto it = catalog->materials.find(id); it != catalog->materials.end()) name = it->second.name;
      out.push_back(json::object{{"id", id}, {"name", name}});
    }
  return out;
}

}  // namespace

void ApplicantDesk::require_own(const platform::Actor& applicant, const std::string& number) {
  const bool own = pool_.transact([&](store::Tx& tx) {
    return store::applicants::owns_case(tx, number, applicant.holder_index, applicant.company_index);
  });
  if (!own) throw problems::not_found("no case " + number);
}

Answer ApplicantDesk::submit(const platform::Actor& applicant, const std::string& idempotency_key,
                             const std::string& raw_body, json::object body) {
  // The session says where the applicant is: a kiosk (a trip) or their phone; a decision is the clerk's.
  const auto* channel = body.if_contains("channel");
  const bool online = channel && channel->is_string() && channel->as_string() == "online";
  body["channel"] = applicant.kiosk ? "kiosk" : online ? "online" : "app";
  body.erase("applicant_present");
  if (body.contains("decision")) throw problems::bad_request("an applicant's submission carries no decision", "decision");
  const IntakeRequest r = parse_intake_request(body);
  if (!names_signed_in_person(applicant, r.applicant))
    throw Problem(422, "not_the_signed_in_applicant", "只能以本人或本人所在企业的名义申请",
                  "the form's applicant is not the signed-in person or their company",
                  json::object{{"field", r.applicant.kind == "person" ? "id_number" : "credit_code"}});
  const IntakePlace place{applicant.log_id(), region_code_, std::nullopt, std::nullopt, std::nullopt};
  return intake_.desk().submit(place, idempotency_key, raw_body, r, catalog_.current(), now_());
}

json::object ApplicantDesk::cases(const platform::Actor& applicant) {
  return pool_.transact([&](store::Tx& tx) {
    json::array items;
    std::vector<store::CaseRow> rows = store::cases::of_holder(tx, "", applicant.holder_index, "", 50);
    if (!applicant.company_index.empty())
      for (auto& r : store::cases::of_holder(tx, "", applicant.company_index, "", 50)) rows.push_back(std::move(r));
    std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.id > b.id; });
    for (const auto& row : rows) {
      auto loaded = catalog_.version(row.catalog_version);
      const catalog::Catalog* catalog = loaded ? &loaded->catalog : nullptr;
      json::object o = casework::progress_view(row, store::cases::tasks(tx, row.id), {}, catalog);
      o["submitted_at"] = row.created_at;
      o["asks_for_supplement"] =
          row.state == "AwaitingSupplement" || row.state == "Suspended";
      o.erase("steps");
      items.push_back(std::move(o));
    }
    return json::object{{"items", std::move(items)}};
  });
}

json::object ApplicantDesk::view(const platform::Actor& applicant, const std::string& number) {
  require_own(applicant, number);
  return pool_.transact([&](store::Tx& tx) {
    auto row = store::cases::by_number(tx, number);
    if (!row) throw problems::not_found("no case " + number);
    auto loaded = catalog_.version(row->catalog_version);
    const catalog::Catalog* catalog = loaded ? &loaded->catalog : nullptr;
    const auto tasks = store::cases::tasks(tx, row->id);
    const auto audit = store::cases::audit(tx, row->id);
    json::object o = casework::progress_view(*row, tasks, audit, catalog);
    o["channel"] = row->channel;
    o["submitted_at"] = row->created_at;
    // What is asked of the applicant: the intake's one-time list, or a department's.
    json::array asked = intake_missing(*row, catalog);
    for (const auto& t : tasks)
      if (auto s = casework::supplement_view(t, catalog); !s.is_null())
        for (const auto& m : s.as_object().at("materials").as_array()) asked.push_back(m);
    o["supplement_requested"] = std::move(asked);
    json::array documents;
    for (const auto& k : casework::document_kinds(audit, *row, tasks))
      documents.push_back(
          json::object{{"kind", k}, {"url", "/api/v1/applicant/cases/" + row->number + "/documents/" + k}});
    o["documents"] = std::move(documents);
    o["delivery"] = row->delivery ? json::parse(*row->delivery) : json::value(nullptr);
    return o;
  });
}

json::object ApplicantDesk::answer_supplement(const platform::Actor& applicant, const std::string& number) {
  require_own(applicant, number);
  intake_.desk().supplement_online(applicant.log_id(), number, now_());
  return view(applicant, number);
}

std::string ApplicantDesk::document(const platform::Actor& applicant, const std::string& number,
                                    const std::string& kind) {
  require_own(applicant, number);
  return pool_.transact([&](store::Tx& tx) {
    auto row = store::cases::by_number(tx, number);
    if (!row) throw problems::not_found("no case " + number);
    auto loaded = catalog_.version(row->catalog_version);
    const auto tasks = store::cases::tasks(tx, row->id);
    const auto audit = store::cases::audit(tx, row->id);
    const auto kinds = casework::document_kinds(audit, *row, tasks);
    if (!loaded || std::find(kinds.begin(), kinds.end(), kind) == kinds.end())
      throw problems::not_found("the case has no " + kind);
    ReceiptLink link{public_base_url_, std::nullopt, ""};
    return render_document(kind, *row, tasks, audit, loaded->catalog, link);
  });
}

}  // namespace ow::acceptance
