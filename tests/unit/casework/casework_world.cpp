// The database-free casework world.
#include "tests/unit/casework/casework_world.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "adapters/catalog/catalog_yaml.hpp"
#include "services/casework/errors.hpp"
#include "tests/support/embedded_calendar.hpp"
#include "tests/support/embedded_catalog.hpp"
#include "workflow/catalog/guide.hpp"

namespace ow::testing {

std::optional<adapters::ELicense> RecordingELicenses::find(const std::string& type, const std::string& holder) const {
  ++calls;
  if (repo_.transaction_open()) ++calls_in_transaction;
  return adapters::ELicense{type, holder, "E-" + holder, "电子证照库"};
}

std::optional<adapters::ELicenseDocument> RecordingELicenses::document(const adapters::ELicense& licence) const {
  ++calls;
  ++documents;
  if (repo_.transaction_open()) ++calls_in_transaction;
  if (documents_away) throw adapters::ELicenseUnavailable("the library is away");
  return adapters::ELicenseDocument{"application/pdf", "%PDF-1.4 " + licence.number};
}

std::set<std::string> KeptLicenceDocuments::held(casework::CaseTransaction&, const std::string& number) {
  return by_case[number];
}

void KeptLicenceDocuments::keep(casework::CaseTransaction&, const std::string& number,
                                const std::vector<acceptance::LicenceDocument>& documents) {
  if (!repo_.transaction_open()) ++kept_outside_transaction;
  for (const auto& d : documents) by_case[number].insert(d.material);
}

std::string refusal_code(const std::function<void()>& f) {
  try {
    f();
  } catch (const casework::Refusal& r) {
    return r.code;
  }
  return "(no refusal)";
}

platform::Actor clerk_at(const std::string& hall, std::int64_t id) {
  platform::Actor a;
  a.role = platform::Role::clerk;
  a.user_id = id;
  a.login = "clerk" + std::to_string(id);
  a.region_code = "330106";
  a.hall_code = hall;
  a.window_code = "W01";
  return a;
}

platform::Actor approver_of(const std::string& department, std::int64_t id, const std::string& region) {
  platform::Actor a;
  a.role = platform::Role::approver;
  a.user_id = id;
  a.login = "approver" + std::to_string(id);
  a.region_code = region;
  a.department_code = department;
  return a;
}

platform::Actor supervisor_of(const std::string& region, std::int64_t id) {
  platform::Actor a;
  a.role = platform::Role::supervisor;
  a.user_id = id;
  a.login = "supervisor" + std::to_string(id);
  a.region_code = region;
  return a;
}

CaseworkWorld::CaseworkWorld()
    : time(embedded_calendar(), calendar::OfficeHours{}),
      math(time),
      loaded(std::make_shared<const catalog_service::LoadedCatalog>(
          catalog_service::LoadedCatalog{1, "test", "", "test", catalog::parse_catalog(embedded_catalog_documents())})),
      repo(math),
      runner(
          repo, [this](int v) { return v == 1 ? loaded : nullptr; }, calendar::OfficeHours{}.seconds_per_day() / 60,
          math),
      elicenses(repo),
      licence_files(repo),
      window(runner, elicenses, nullptr, &licence_files),
      desk(runner),
      now(calendar::parse_instant("2026-03-02T09:30:00+08:00")) {}

acceptance::IntakeRequest CaseworkWorld::qykb(const std::string& channel) const {
  acceptance::IntakeRequest r;
  r.bundle = "QYKB";
  r.channel = channel;
  r.applicant = {"enterprise", "杭州示例科技有限公司", "", "91350100M000100Y43", ""};
  r.phone = "13812345678";
  r.attributes = {{"needs_invoice", "false"}, {"needs_bank_account", "false"}, {"hires_employees", "true"}};
  const auto& c = loaded->catalog;
  for (const auto& m : catalog::merged_guide(c, c.bundles.at("QYKB"), runner.minutes_per_day()).materials)
    r.materials.push_back({m.id, m.id == "id_card" ? "elicense" : m.forms.front()});
  if (channel != "online") r.decision = acceptance::WindowDecision{"accept", {}, {}, "", ""};
  return r;
}

std::string CaseworkWorld::accepted_case(const std::string& key) {
  const auto answer = window.create(clerk, key, "body-" + key, qykb(), loaded, now);
  return std::string(boost::json::parse(answer.body).at("number").as_string());
}

dispatcher::EventAnswer CaseworkWorld::event(const std::string& department, const std::string& id,
                                             const std::string& number, const std::string& step, flow::Command command,
                                             const std::string& body_sha256) {
  // The department's word for the command, as the callback route reads it.
  std::string type = "special_procedure_started";
  if (auto* t = std::get_if<flow::TaskTransition>(&command)) {
    t->confirms_dispatch = true;
    type = t->event == machines::TaskEvent::receive   ? "received"
           : t->event == machines::TaskEvent::approve ? "approved"
                                                      : "rejected";
  } else if (std::holds_alternative<flow::RequestTaskSupplement>(command)) {
    type = "supplement_requested";
  }
  return dispatcher::apply_event(runner, {department, id, type, number, step, body_sha256, std::move(command)}, now);
}

std::int64_t CaseworkWorld::social_insurance_in_inbox(const std::string& number) {
  EXPECT_EQ(event("SCJG", "e1", number, "register", flow::TaskTransition{"register", machines::TaskEvent::receive, ""})
                .status,
            200u);
  EXPECT_EQ(event("SCJG", "e2", number, "register",
                  flow::TaskTransition{"register", machines::TaskEvent::approve, "准予登记"})
                .status,
            200u);
  const auto& t = task(number, "social_insurance");
  EXPECT_EQ(t.state, "Dispatched");
  return t.id;
}

void CaseworkWorld::approve_everything(const std::string& number) {
  for (int round = 0; round < 20 && repo.find(number)->row.state == "InProgress"; ++round) {
    const auto tasks = repo.find(number)->tasks;
    for (const auto& t : tasks) {
      const std::string id = "auto-" + t.step + "-" + std::to_string(round);
      if (t.state == "Dispatching") {
        event(t.department_code, id + "-r", number, t.step,
              flow::TaskTransition{t.step, machines::TaskEvent::receive, ""});
        event(t.department_code, id + "-a", number, t.step,
              flow::TaskTransition{t.step, machines::TaskEvent::approve, ""});
      } else if (t.state == "Dispatched") {
        const auto approver = approver_of(t.department_code, 500 + round);
        desk.claim(approver, t.id, now);
        desk.decide(approver, t.id, boost::json::object{{"kind", "approve"}}, now);
      }
    }
  }
  EXPECT_EQ(repo.find(number)->row.state, "ResultReady");
}

const store::TaskRow& CaseworkWorld::task(const std::string& number, const std::string& step) const {
  const auto* f = repo.find(number);
  if (!f || !f->task(step)) throw std::runtime_error("no task " + step + " of " + number);
  return *f->task(step);
}

std::size_t CaseworkWorld::audit_size(const std::string& number) const {
  const auto* f = repo.find(number);
  auto it = repo.state().audit.find(f->row.id);
  return it == repo.state().audit.end() ? 0 : it->second.size();
}

}  // namespace ow::testing
