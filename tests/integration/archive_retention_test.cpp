// The archive pass and the retention purge together (issue 20), in process against real PostgreSQL: the pass
// archives a case in exactly the states the case machine archives from (asked of the machine, every state
// tried), the queue's state list is the machine's, an archived case keeps the state it ended in (for the rates),
// a concluded case whose 告知承诺 is still to be verified waits (it may yet be revoked); the retention purge never
// drops the personal data of a case whose package is not written, drops it once the case is archived, and leaves the
// package — which still verifies — alone.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>
#include <pqxx/pqxx>
#include <set>

#include "services/acceptance/intake_request.hpp"
#include "services/archive/archive_store.hpp"
#include "services/archive/archiver.hpp"
#include "services/casework/retention.hpp"
#include "services/files/file_storage.hpp"
#include "services/store/archive_queue_store.hpp"
#include "tests/support/archive_package.hpp"
#include "tests/support/case_world.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/test_env.hpp"
#include "workflow/machines/case_machine.hpp"

using namespace ow;
namespace json = boost::json;
namespace fs = std::filesystem;

namespace {

using machines::CaseState;

struct World : ow::testing::CaseWorld {
  explicit World(const std::string& name)
      : CaseWorld(name, ow::testing::at("2026-06-01T10:00:00")),
        dir(fs::current_path() / (name + "-" + std::to_string(::getpid()))),
        store((fs::remove_all(dir), dir)),
        archiver(pool, files, store, catalog, time, clock, 0) {}
  ~World() { fs::remove_all(dir); }

  // An accepted 退休一件事, then put by hand into `state`, ended at `ended_at` (SQL), with `commitments`.
  std::string case_in(const std::string& key, const std::string& state, const std::string& ended_at,
                      const std::string& commitments = "[]") {
    const auto body = ow::testing::retirement_application();
    auto a = intake.create(clerk, key, json::serialize(body), acceptance::parse_intake_request(body));
    EXPECT_EQ(a.status, 201u) << a.body;
    const std::string number(json::parse(a.body).at("number").as_string());
    exec("UPDATE cases SET state = '" + state + "', ended_at = " + ended_at + ", commitments = '" + commitments +
         "' WHERE number = '" + number + "'");
    return number;
  }
  pqxx::result exec(const std::string& sql) {
    pqxx::connection c(url);
    pqxx::work w(c);
    auto r = w.exec(sql);
    w.commit();
    return r;
  }
  std::string state_of(const std::string& number) {
    return exec("SELECT state FROM cases WHERE number = '" + number + "'")[0][0].as<std::string>();
  }
  bool has_personal_data(const std::string& number) {
    return !exec("SELECT applicant_sealed FROM cases WHERE number = '" + number + "'")[0][0].is_null();
  }

  fs::path dir;
  files::PgFileStorage files;
  archive::DirectoryArchiveStore store;
  archive::Archiver archiver;
};

// A 告知承诺 of the pension step whose 核查 has no outcome yet.
const std::string kPending = R"([{"item": "330106-RS-YLZG", "step": "pension_eligibility", "replaces": [],)"
                             R"( "verify_within": "20wd", "outcome": "", "reason": ""}])";

bool machine_archives_from(CaseState s) {
  const auto events = machines::CaseMachine(s).accepted_events();
  return std::find(events.begin(), events.end(), machines::CaseEvent::archive) != events.end();
}

}  // namespace

TEST(ArchivePass, ArchivesExactlyTheStatesTheMachineArchivesFrom) {
  World w("it_archive_states");
  // The queue's literal list is the machine's set of states with an archive transition.
  std::set<std::string> machine;
  for (int i = 0; i <= static_cast<int>(CaseState::Revoked); ++i)
    if (machine_archives_from(static_cast<CaseState>(i))) machine.insert(machines::name(static_cast<CaseState>(i)));
  const auto& queue = store::archive_queue::archivable_states();
  EXPECT_EQ(std::set<std::string>(queue.begin(), queue.end()), machine);
  EXPECT_EQ(machine, (std::set<std::string>{"Concluded", "NotPermitted", "Refused", "Revoked", "Withdrawn"}));

  // One case in every state but Archived, each ended a month ago; and a concluded case with a 核查 still open.
  std::map<std::string, std::string> number_in;
  for (int i = 0; i <= static_cast<int>(CaseState::Revoked); ++i) {
    const std::string state = machines::name(static_cast<CaseState>(i));
    if (state != "Archived") number_in[state] = w.case_in("state-" + state, state, "'2026-05-01T10:00:00+08:00'");
  }
  const std::string unverified = w.case_in("unverified", "Concluded", "'2026-05-01T10:00:00+08:00'", kPending);
  EXPECT_EQ(w.archiver.pass(), 5);
  for (const auto& [state, number] : number_in) {
    const bool archived = machine.count(state) > 0;
    EXPECT_EQ(w.state_of(number), archived ? "Archived" : state) << state;
    EXPECT_EQ(w.store.has(number), archived) << state;
    // The state it ended in stays for the rates (不予受理 counted as such once archived: sql/161).
    if (archived) {
      EXPECT_EQ(w.exec("SELECT ended_state FROM cases WHERE number = '" + number + "'")[0][0].as<std::string>(), state);
    }
  }
  EXPECT_EQ(w.state_of(unverified), "Concluded") << "its 告知承诺 may still be found false and the result revoked";
  EXPECT_FALSE(w.store.has(unverified));
  // Verified (confirmed): archived at the next pass; nothing else is left.
  w.exec("UPDATE cases SET commitments = jsonb_set(commitments, '{0,outcome}', '\"confirmed\"') WHERE number = '" +
         unverified + "'");
  EXPECT_EQ(w.archiver.pass(), 1);
  EXPECT_EQ(w.state_of(unverified), "Archived");
  EXPECT_EQ(w.archiver.pass(), 0);
}

TEST(ArchivePass, RetentionPurgesOnlyArchivedCasesAndKeepsThePackage) {
  World w("it_archive_retention");
  // Both ended long before the retention period: one is archived, the other waits (its 核查 open).
  const std::string old_case = w.case_in("old", "Concluded", "now() - interval '1100 days'");
  const std::string held = w.case_in("held", "Concluded", "now() - interval '1100 days'", kPending);
  // Before the archive pass: nothing is purged, however old.
  EXPECT_EQ(casework::run_retention(w.pool, {72, 1095}, w.now.load()).cases_purged, 0);
  EXPECT_TRUE(w.has_personal_data(old_case));

  ASSERT_EQ(w.archiver.pass(), 1);
  ASSERT_EQ(w.state_of(old_case), "Archived");
  EXPECT_EQ(casework::run_retention(w.pool, {72, 1095}, w.now.load()).cases_purged, 1);
  EXPECT_FALSE(w.has_personal_data(old_case));
  EXPECT_TRUE(w.has_personal_data(held)) << "not archived: kept";
  EXPECT_EQ(w.state_of(held), "Concluded");

  // The package is untouched by the purge: it still holds the applicant and verifies.
  const fs::path package = w.dir / old_case;
  const auto manifest = ow::testing::archive_manifest(package);
  EXPECT_EQ(manifest.at("case").at("applicant").at("name").as_string(), "李四");
  std::string out;
  EXPECT_EQ(ow::testing::run_onewindow(w.url, "archive verify " + package.string(), &out), 0) << out;
}
