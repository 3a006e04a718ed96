// A casework world without a database for unit tests: the demo catalog and calendar compiled in, the in-memory
// repository, the runner, the window's and the back office's desks, and the staff who use them.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "services/acceptance/window_desk.hpp"
#include "services/backoffice/task_desk.hpp"
#include "services/casework/case_runner.hpp"
#include "services/dispatcher/event_desk.hpp"
#include "tests/support/fake_case_repository.hpp"
#include "workflow/calendar/working_time.hpp"

namespace ow::testing {

// An e-licence library that answers every look-up and remembers whether a transaction was open at the time.
class RecordingELicenses : public adapters::ELicenseLookup {
 public:
  explicit RecordingELicenses(const FakeCaseRepository& repo) : repo_(repo) {}
  std::optional<adapters::ELicense> find(const std::string& type, const std::string& holder) const override;
  std::optional<adapters::ELicenseDocument> document(const adapters::ELicense& licence) const override;
  mutable int calls = 0, calls_in_transaction = 0, documents = 0;
  bool documents_away = false;  // document() throws ELicenseUnavailable

 private:
  const FakeCaseRepository& repo_;
};

// Licence documents kept in memory: which case's materials hold one, and whether each keep ran inside a
// transaction.
class KeptLicenceDocuments : public acceptance::LicenceDocumentFiles {
 public:
  explicit KeptLicenceDocuments(const FakeCaseRepository& repo) : repo_(repo) {}
  std::set<std::string> held(casework::CaseTransaction& tx, const std::string& number) override;
  void keep(casework::CaseTransaction& tx, const std::string& number,
            const std::vector<acceptance::LicenceDocument>& documents) override;
  std::int64_t max_bytes() const override { return 1 << 20; }
  std::map<std::string, std::set<std::string>> by_case;  // case number → materials holding a document
  int kept_outside_transaction = 0;

 private:
  const FakeCaseRepository& repo_;
};

// What casework refused when f ran: the refusal's code ("not_found", "task_claimed", …), or "(no refusal)".
std::string refusal_code(const std::function<void()>& f);

platform::Actor clerk_at(const std::string& hall, std::int64_t id = 1);
platform::Actor approver_of(const std::string& department, std::int64_t id, const std::string& region = "330106");
platform::Actor supervisor_of(const std::string& region, std::int64_t id = 90);

struct CaseworkWorld {
  CaseworkWorld();

  // A 企业开办 request presenting every material of the guide (id_card as an e-licence); "accept" unless
  // the channel is online.
  acceptance::IntakeRequest qykb(const std::string& channel = "window") const;
  // Accepts a 企业开办 case at hall XH01 and returns its number.
  std::string accepted_case(const std::string& key = "k1");
  // The department's event, as the dispatcher's callback route would hand it over.
  dispatcher::EventAnswer event(const std::string& department, const std::string& id, const std::string& number,
                                const std::string& step, flow::Command command, const std::string& body_sha256 = "h");
  // Registration (SCJG, pushed) received and approved: the seal goes out and 社保登记 (RS, an inbox
  // department) lands in the approvers' inbox. Returns the RS task's id.
  std::int64_t social_insurance_in_inbox(const std::string& number);

  // Every task approved, by its department's system (push) or an approver (inbox), at `now`: ResultReady.
  void approve_everything(const std::string& number);

  const store::TaskRow& task(const std::string& number, const std::string& step) const;
  std::size_t audit_size(const std::string& number) const;

  calendar::WorkingTime time;
  calendar::ClockMath math;
  std::shared_ptr<const catalog_service::LoadedCatalog> loaded;
  FakeCaseRepository repo;
  casework::CaseRunner runner;
  RecordingELicenses elicenses;
  KeptLicenceDocuments licence_files;
  acceptance::WindowDesk window;
  backoffice::TaskDesk desk;
  calendar::Instant now;
  platform::Actor clerk = clerk_at("XH01");
};

}  // namespace ow::testing
