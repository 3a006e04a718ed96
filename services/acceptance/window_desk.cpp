// The window's commands: each a run of the casework runner, checks first.
#include "services/acceptance/window_desk.hpp"

#include <boost/json.hpp>
#include <set>

#include "services/acceptance/commitment_checks.hpp"
#include "services/acceptance/intake_checks.hpp"
#include "services/casework/case_views.hpp"
#include "services/casework/errors.hpp"
#include "services/platform/problem.hpp"
#include "workflow/flow/case_number.hpp"

namespace ow::acceptance {
namespace {

namespace json = boost::json;

// A window or a hall's self-service kiosk means the applicant came (a trip); online and app intakes are not.
bool in_person(const std::string& channel) { return channel == "window" || channel == "kiosk"; }

}  // namespace

void require_clerk(const platform::Actor& a) {
  if (!a.hall_code || !a.window_code) throw casework::forbidden("only a clerk at a window does this");
}

Answer WindowDesk::create(const platform::Actor& clerk, const std::string& idempotency_key, const std::string& raw_body,
                          const IntakeRequest& r, const std::shared_ptr<const catalog_service::LoadedCatalog>& loaded,
                          calendar::Instant now) const {
  if (!clerk.hall_code || !clerk.window_code) throw casework::forbidden("only a clerk at a window accepts cases");
  return open_case({clerk.log_id(), clerk.region_code, clerk.hall_code, clerk.window_code, clerk.user_id},
                   idempotency_key, raw_body, r, loaded, now);
}

Answer WindowDesk::submit(const IntakePlace& place, const std::string& idempotency_key, const std::string& raw_body,
                          const IntakeRequest& r, const std::shared_ptr<const catalog_service::LoadedCatalog>& loaded,
                          calendar::Instant now) const {
  if (r.decision) throw platform::problems::bad_request("an applicant's submission carries no decision", "decision");
  if (r.channel == "window")
    throw platform::problems::bad_request("an applicant submits online, by app or at a kiosk", "channel");
  return open_case(place, idempotency_key, raw_body, r, loaded, now);
}

Answer WindowDesk::open_case(const IntakePlace& place, const std::string& idempotency_key, const std::string& raw_body,
                             const IntakeRequest& r,
                             const std::shared_ptr<const catalog_service::LoadedCatalog>& loaded,
                             calendar::Instant now) const {
  if (!loaded)
    throw platform::problems::unavailable("catalog_not_loaded", "事项目录尚未加载",
                                          "run `onewindow catalog load` first", 30);
  auto bundle_it = loaded->catalog.bundles.find(r.bundle);
  if (bundle_it == loaded->catalog.bundles.end())
    throw platform::problems::bad_request("no bundle '" + r.bundle + "' in the catalog", "bundle");
  check_applicant(r.applicant, bundle_it->second, calendar::cst_date(now));
  Checked ck = check_against_catalog(r, r.bundle, loaded->catalog, elicenses_, r.applicant, r.attributes,
                                     runner_.minutes_per_day());
  if (!ck.commitments.empty()) check_commitment_credit(credit_, licence_holder(r.applicant));
  // The verified licences' documents, fetched before the transaction (network calls).
  FetchedLicenceDocuments documents;
  if (licence_files_) {
    documents = fetch_licence_documents(elicenses_, ck.licences, {}, licence_files_->max_bytes());
    mark_licence_documents(ck.received, documents, {});
  }
  const bool present = r.applicant_present.value_or(in_person(r.channel));
  // Without the clerk's decision (the parser asks for one at a window) the applicant submits on their own:
  // Submitted, into the pre-review queue. An online submission is always that, whatever it carries.
  const bool submitted = r.channel == "online" || !r.decision;
  const flow::Command command = submitted ? flow::Command{flow::SubmitOnline{present}}
                                          : command_for(*r.decision, ck, runner_.math(), *ck.bundle, now, present);
  const std::string hash = sha256_of(raw_body);
  const std::string& actor = place.actor;
  return runner_.repository().in_transaction([&](casework::CaseTransaction& tx) -> Answer {
    if (auto kept = tx.replay(actor, idempotency_key, hash))
      return {static_cast<unsigned>(kept->status), kept->body, true};
    const std::string region6 = place.region_code.substr(0, 6);
    const calendar::Date today = calendar::cst_date(now);
    casework::CaseFile file;
    file.record.number =
        flow::make_case_number(region6, today, tx.next_sequence(region6, calendar::format_date(today)));
    file.record.bundle = r.bundle;
    file.record.catalog_version = loaded->version;
    file.record.attributes = r.attributes;
    store::CaseRow& row = file.row;
    row.number = file.record.number;
    row.bundle_code = r.bundle;
    row.catalog_version = loaded->version;
    row.channel = r.channel;
    row.region_code = place.region_code;
    row.hall_code = place.hall_code;
    row.window_code = place.window_code;
    row.clerk_id = place.clerk_id;
    row.applicant = applicant_to_json(r.applicant);
    row.phone = r.phone;
    row.materials = json::serialize(materials_json(ck.received));
    row.decision = !submitted ? json::serialize(decision_json(*r.decision, command)) : "{}";
    runner_.apply(tx, file, command, actor, now);
    if (licence_files_) licence_files_->keep(tx, row.number, documents.obtained);
    const std::string body = json::serialize(
        casework::full_view(file.row, file.tasks, tx.audit(file.row.id), &loaded->catalog, runner_.math(), now));
    tx.keep(actor, idempotency_key, hash, {201, body, hash});
    return {201, body, false};
  });
}

void WindowDesk::decide(const platform::Actor& clerk, const std::string& number, const IntakeRequest& r,
                        calendar::Instant now) const {
  if (!clerk.hall_code || !clerk.window_code) throw casework::forbidden("only a clerk at a window decides on intake");
  const auto key = casework::CaseKey::of_number(number);
  const auto reach = casework::at_window(clerk);  // the clerks of the case's hall only
  // The case as it stands, to check the request against: the applicant, bundle, catalog version and
  // attributes never change after intake, so what is checked here still holds under the lock.
  std::set<std::string> held;  // materials holding a library document already
  const auto seen = runner_.repository().in_transaction([&](casework::CaseTransaction& tx) {
    auto file = tx.read(key);
    if (file && licence_files_) held = licence_files_->held(tx, file->row.number);
    return file;
  });
  if (!seen || !reach(*seen)) throw casework::not_found(key.missing());
  const auto loaded = runner_.version(seen->row.catalog_version);
  const auto& bundle = loaded->catalog.bundles.at(seen->row.bundle_code);
  // E-licences are looked up here, before the transaction: never while the case row is locked.
  const Applicant applicant = applicant_from_json(seen->row.applicant);
  Checked ck = check_against_catalog(r, seen->row.bundle_code, loaded->catalog, elicenses_, applicant,
                                     seen->record.attributes, runner_.minutes_per_day());
  if (!ck.commitments.empty()) check_commitment_credit(credit_, licence_holder(applicant));
  // Documents not obtained before (or of materials verified only now) are asked for again.
  FetchedLicenceDocuments documents;
  if (licence_files_) {
    documents = fetch_licence_documents(elicenses_, ck.licences, held, licence_files_->max_bytes());
    mark_licence_documents(ck.received, documents, held);
  }
  // Pre-review of a submission (online, app, kiosk — a kiosk's trip was counted when it submitted) is no visit
  // unless the clerk says the applicant is at the counter.
  const bool present = r.applicant_present.value_or(seen->row.channel == "window");
  const flow::Command command = command_for(*r.decision, ck, runner_.math(), bundle, now, present);
  runner_.repository().in_transaction([&](casework::CaseTransaction& tx) {
    runner_.run(
        tx, key, reach,
        [&](casework::CaseFile& file) {
          file.row.materials = json::serialize(materials_json(ck.received));
          file.row.decision = json::serialize(decision_json(*r.decision, command));
          if (!file.row.window_code) {
            file.row.hall_code = clerk.hall_code;
            file.row.window_code = clerk.window_code;
          }
          return std::vector<flow::Command>{command};
        },
        clerk.log_id(), now);
    if (licence_files_) licence_files_->keep(tx, number, documents.obtained);
  });
}

void WindowDesk::supplement(const platform::Actor& clerk, const std::string& number, bool present,
                            const std::string& only_step, calendar::Instant now) const {
  require_clerk(clerk);
  runner_.run(
      casework::CaseKey::of_number(number), casework::at_window(clerk),
      [&](casework::CaseFile& file) {
        std::vector<flow::Command> commands;
        for (const auto& t : file.record.tasks)
          if (t.state == machines::TaskState::SupplementRequested && (only_step.empty() || t.step == only_step))
            commands.push_back(flow::SupplementProvided{t.step, present && commands.empty()});  // one visit
        if (commands.empty())
          throw casework::Refusal(casework::RefusalKind::conflict, "no_supplement_requested", "该办件没有待补正的环节",
                                  "no task of this case waits for a supplement",
                                  json::object{{"state", file.row.state}});
        return commands;
      },
      clerk.log_id(), now);
}

void WindowDesk::supplement_online(const std::string& actor, const std::string& number, calendar::Instant now) const {
  runner_.run(
      casework::CaseKey::of_number(number), casework::platform_work(),
      [&](casework::CaseFile& file) {
        if (file.row.state == "AwaitingSupplement") return std::vector<flow::Command>{flow::SubmitOnline{false}};
        std::vector<flow::Command> commands;
        for (const auto& t : file.record.tasks)
          if (t.state == machines::TaskState::SupplementRequested)
            commands.push_back(flow::SupplementProvided{t.step, false});
        if (commands.empty())
          throw casework::Refusal(casework::RefusalKind::conflict, "no_supplement_requested", "该办件没有待补正的材料",
                                  "nothing of this case waits for a supplement",
                                  json::object{{"state", file.row.state}});
        return commands;
      },
      actor, now);
}

void WindowDesk::deliver(const platform::Actor& clerk, const std::string& number, const std::string& method,
                         const std::string& tracking, calendar::Instant now) const {
  require_clerk(clerk);
  runner_.run(casework::CaseKey::of_number(number), casework::at_window(clerk),
              casework::just(flow::Deliver{method == "window", method, tracking, clerk.login}), clerk.log_id(), now);
}

void WindowDesk::deferred_received(const platform::Actor& clerk, const std::string& number, const std::string& material,
                                   bool present, calendar::Instant now) const {
  require_clerk(clerk);
  runner_.run(casework::CaseKey::of_number(number), casework::at_window(clerk),
              casework::just(flow::DeferredReceived{material, present}), clerk.log_id(), now);
}

void WindowDesk::withdraw(const platform::Actor& clerk, const std::string& number, const std::string& reason,
                          calendar::Instant now) const {
  require_clerk(clerk);
  runner_.run(casework::CaseKey::of_number(number), casework::at_window(clerk), casework::just(flow::Withdraw{reason}),
              clerk.log_id(), now);
}

}  // namespace ow::acceptance
