// The applicant's own cases: submission through the window's core, views without anyone else's data.
#include "services/acceptance/applicant_desk.hpp"

#include <algorithm>
#include <boost/json.hpp>

#include "services/acceptance/documents.hpp"
#include "services/casework/case_views.hpp"
#include "services/casework/delivery_choice.hpp"
#include "services/files/applicant_uploads.hpp"
#include "services/platform/problem.hpp"
#include "services/store/applicant_store.hpp"
#include "services/store/case_personal_data.hpp"
#include "services/store/case_store.hpp"
#include "services/store/delivery_choice_store.hpp"
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

// {id, name}: a material as the applicant reads it.
json::object material_ref(const std::string& id, const catalog::Catalog* catalog) {
  std::string name = id;
  if (catalog)
    if (auto it = catalog->materials.find(id); it != catalog->materials.end()) name = it->second.name;
  return json::object{{"id", id}, {"name", name}};
}

json::array intake_missing(const store::CaseRow& c, const catalog::Catalog* catalog) {
  json::array out;
  if (c.state != "AwaitingSupplement") return out;
  boost::system::error_code ec;
  const auto d = json::parse(c.decision, ec);
  if (ec || !d.is_object()) return out;
  if (const auto* missing = d.as_object().if_contains("missing"); missing && missing->is_array())
    for (const auto& m : missing->as_array()) {
      if (m.is_string()) out.push_back(material_ref(std::string(m.as_string()), catalog));
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
  if (body.contains("decision"))
    throw problems::bad_request("an applicant's submission carries no decision", "decision");
  // How the result should reach them, recorded with the new case (checked before anything is written).
  std::optional<casework::DeliveryChoice> delivery;
  if (const auto* d = body.if_contains("delivery"); d && !d->is_null()) {
    if (!d->is_object()) throw problems::bad_request("delivery is an object {method, …}", "delivery");
    delivery = casework::parse_delivery_choice(d->as_object());
    body.erase("delivery");
  }
  const IntakeRequest r = parse_intake_request(body);
  if (!names_signed_in_person(applicant, r.applicant))
    throw Problem(422, "not_the_signed_in_applicant", "只能以本人或本人所在企业的名义申请",
                  "the form's applicant is not the signed-in person or their company",
                  json::object{{"field", r.applicant.kind == "person" ? "id_number" : "credit_code"}});
  const IntakePlace place{applicant.log_id(), region_code_, std::nullopt, std::nullopt, std::nullopt};
  Answer a = intake_.desk().submit(place, idempotency_key, raw_body, r, catalog_.current(), now_());
  if (a.status != 201) return a;
  const std::string number(json::parse(a.body).at("number").as_string());
  if (delivery && !a.replayed)
    pool_.transact([&](store::Tx& tx) {
      const auto c = store::cases::for_update(tx, number);
      if (c) store::delivery_choices::record(tx, c->id, number, delivery->method, delivery->address_json());
    });
  // The applicant's own view of the new case, as GET /api/v1/applicant/cases/{number} shows it — not the staff's
  // (which names the next events a clerk may take).
  a.body = json::serialize(view(applicant, number));
  return a;
}

json::object ApplicantDesk::choose_delivery(const platform::Actor& applicant, const std::string& number,
                                            const json::object& body) {
  require_own(applicant, number);
  const auto choice = casework::parse_delivery_choice(body);
  pool_.transact([&](store::Tx& tx) {
    const auto c = store::cases::for_update(tx, number);
    if (!c) throw problems::not_found("no case " + number);
    if (!casework::delivery_choice_open(*c))
      throw Problem(409, "delivery_choice_closed", "结果已送达或办件已结束，不能再选择送达方式",
                    "the result is handed over, or the case ended without one", json::object{{"state", c->state}});
    store::delivery_choices::record(tx, c->id, number, choice.method, choice.address_json());
  });
  return view(applicant, number);
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
      o["asks_for_supplement"] = row.state == "AwaitingSupplement" || row.state == "Suspended";
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
    o["visits"] = row->visits;  // their trips to a hall for this case (最多跑一次: 0 from their phone)
    o["submitted_at"] = row->created_at;
    // What is asked of the applicant: the intake's one-time list, or a department's.
    json::array asked = intake_missing(*row, catalog);
    for (const auto& t : tasks)
      if (auto s = casework::supplement_view(t, catalog); !s.is_null())
        for (const auto& m : s.as_object().at("materials").as_array()) asked.push_back(m);
    o["supplement_requested"] = std::move(asked);
    // The materials of the form, by name, and whether files are taken now (the page offers its pickers then).
    json::array materials;
    boost::system::error_code ec;
    const auto presented = json::parse(row->materials, ec);
    if (!ec && presented.is_array())
      for (const auto& m : presented.as_array())
        if (const auto* id = m.is_object() ? m.as_object().if_contains("id") : nullptr; id && id->is_string())
          materials.push_back(material_ref(std::string(id->as_string()), catalog));
    o["materials"] = std::move(materials);
    o["takes_files"] = files::takes_applicant_files(row->state, tasks);
    json::array documents;
    for (const auto& k : casework::document_kinds(audit, *row, tasks))
      documents.push_back(
          json::object{{"kind", k}, {"url", "/api/v1/applicant/cases/" + row->number + "/documents/" + k}});
    o["documents"] = std::move(documents);
    o["delivery"] = row->delivery ? json::parse(*row->delivery) : json::value(nullptr);
    // Their own choice, in full: it is their data.
    o["delivery_choice"] = casework::delivery_choice_view(store::delivery_choices::of_case(tx, row->id, row->number),
                                                          casework::CaseSight::full);
    o["delivery_choice_open"] = casework::delivery_choice_open(*row);
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
