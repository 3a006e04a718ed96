// The casework runner against the in-memory repository (no PostgreSQL): a whole decision written in one
// transaction, a case out of the caller's reach answered as missing with nothing written, a refused
// transition written nowhere, Idempotency-Key replays, and e-licence look-ups outside any transaction.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "services/casework/errors.hpp"
#include "services/platform/problem.hpp"
#include "services/store/errors.hpp"
#include "tests/unit/casework/casework_world.hpp"

using namespace ow;
using ow::testing::CaseworkWorld;

using ow::testing::refusal_code;

TEST(CaseRunner, AnAcceptanceWritesTheWholeDecisionInOneTransaction) {
  CaseworkWorld w;
  const std::string number = w.accepted_case();
  EXPECT_EQ(w.repo.commits, 1);
  const auto* f = w.repo.find(number);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->row.state, "InProgress");
  EXPECT_EQ(f->row.hall_code.value_or(""), "XH01");
  EXPECT_TRUE(f->row.accepted_at.has_value());
  EXPECT_EQ(f->record.visits, 1);
  ASSERT_EQ(f->tasks.size(), 3u);  // the tax and bank steps are skipped: neither invoice nor account asked for
  EXPECT_EQ(f->record.skipped_steps.size(), 2u);
  EXPECT_EQ(f->task("register")->state, "Dispatching");
  EXPECT_EQ(f->task("seal")->state, "Waiting");
  ASSERT_EQ(w.repo.state().outbox.size(), 1u);
  EXPECT_EQ(w.repo.state().outbox[0].step, "register");
  EXPECT_EQ(w.repo.state().outbox[0].kind, "dispatch");
  EXPECT_GE(w.audit_size(number), 5u);  // the case's acceptance and each task's creation
}

TEST(CaseRunner, ACaseOutOfReachIsMissingAndNothingIsWritten) {
  CaseworkWorld w;
  const std::string number = w.accepted_case();
  const auto audit = w.audit_size(number);
  const int commits = w.repo.commits;
  // A clerk of another hall of the same district, and the window's actions of the case's own hall.
  const auto other_hall = ow::testing::clerk_at("XH02", 2);
  EXPECT_EQ(refusal_code([&] { w.window.withdraw(other_hall, number, "申请人撤回", w.now); }), "not_found");
  EXPECT_EQ(refusal_code([&] { w.window.deliver(other_hall, number, "window", "", w.now); }), "not_found");
  EXPECT_EQ(refusal_code([&] { w.window.withdraw(w.clerk, "330106202603020099999", "x", w.now); }), "not_found");
  // A clerk without a window does none of it.
  auto no_window = w.clerk;
  no_window.window_code.reset();
  EXPECT_EQ(refusal_code([&] { w.window.withdraw(no_window, number, "x", w.now); }), "forbidden");
  EXPECT_EQ(w.audit_size(number), audit);
  EXPECT_EQ(w.repo.commits, commits);
  EXPECT_EQ(w.repo.find(number)->row.state, "InProgress");
}

TEST(CaseRunner, ARefusedTransitionIsAConflictAndNothingIsWritten) {
  CaseworkWorld w;
  const std::string number = w.accepted_case();
  const auto audit = w.audit_size(number);
  try {
    w.window.deliver(w.clerk, number, "window", "", w.now);  // nothing is ready to hand over
    FAIL() << "a case in progress was delivered";
  } catch (const flow::FlowRefused& e) {
    EXPECT_EQ(e.entity, "case");
    EXPECT_EQ(e.state, "InProgress");
  }
  EXPECT_EQ(w.audit_size(number), audit);
  EXPECT_EQ(w.repo.find(number)->record.visits, 1);
  EXPECT_FALSE(w.repo.find(number)->row.delivery.has_value());
  // Withdrawn once; the second withdrawal is refused and changes nothing.
  w.window.withdraw(w.clerk, number, "申请人撤回", w.now);
  const auto after = w.audit_size(number);
  EXPECT_THROW(w.window.withdraw(w.clerk, number, "again", w.now), flow::FlowRefused);
  EXPECT_EQ(w.audit_size(number), after);
  EXPECT_EQ(w.repo.find(number)->row.state, "Withdrawn");
}

TEST(CaseRunner, TheSameIntakeKeyReplaysAndAnotherBodyUnderItIsRefused) {
  CaseworkWorld w;
  const auto first = w.window.create(w.clerk, "key-1", "body", w.qykb(), w.loaded, w.now);
  EXPECT_EQ(first.status, 201u);
  EXPECT_FALSE(first.replayed);
  const auto again = w.window.create(w.clerk, "key-1", "body", w.qykb(), w.loaded, w.now + 5);
  EXPECT_TRUE(again.replayed);
  EXPECT_EQ(again.body, first.body);
  EXPECT_THROW(w.window.create(w.clerk, "key-1", "another body", w.qykb(), w.loaded, w.now),
               store::IdempotencyKeyReused);
  EXPECT_EQ(w.repo.state().cases.size(), 1u);
  // The key is the clerk's own: another clerk's same key is a new case.
  const auto other = w.window.create(ow::testing::clerk_at("XH01", 7), "key-1", "body", w.qykb(), w.loaded, w.now);
  EXPECT_FALSE(other.replayed);
  EXPECT_EQ(w.repo.state().cases.size(), 2u);
}

TEST(CaseRunner, ELicencesAreLookedUpBeforeTheTransactionNeverInsideIt) {
  CaseworkWorld w;
  w.accepted_case();  // id_card presented as an e-licence
  EXPECT_GE(w.elicenses.calls, 1);
  // An online submission, then the clerk's pre-review decision with the e-licence: the look-up again runs
  // before the case is locked.
  const auto submitted = w.window.create(w.clerk, "online-1", "online", w.qykb("online"), w.loaded, w.now);
  const std::string number(boost::json::parse(submitted.body).at("number").as_string());
  EXPECT_EQ(w.repo.find(number)->row.state, "Submitted");
  const int before = w.elicenses.calls;
  auto decision = w.qykb();
  w.window.decide(w.clerk, number, decision, w.now + 60);
  EXPECT_GT(w.elicenses.calls, before);
  EXPECT_EQ(w.repo.find(number)->row.state, "InProgress");
  EXPECT_EQ(w.elicenses.calls_in_transaction, 0);
  // A clerk of another hall is answered "no such case" before any look-up is made.
  const int calls = w.elicenses.calls;
  EXPECT_EQ(refusal_code([&] { w.window.decide(ow::testing::clerk_at("XH02", 2), number, decision, w.now); }),
            "not_found");
  EXPECT_EQ(w.elicenses.calls, calls);
}

// The material's entry in the case's recorded materials.
static boost::json::object recorded_material(const CaseworkWorld& w, const std::string& number, const std::string& id) {
  const boost::json::value all = boost::json::parse(w.repo.find(number)->row.materials);
  for (const auto& m : all.as_array())
    if (m.at("id").as_string() == id) return m.as_object();
  return {};
}

TEST(CaseRunner, LicenceDocumentsAreFetchedBeforeTheTransactionAndKeptInsideIt) {
  CaseworkWorld w;
  const std::string number = w.accepted_case();  // id_card presented as an e-licence
  EXPECT_EQ(w.elicenses.documents, 1);
  EXPECT_EQ(w.elicenses.calls_in_transaction, 0);
  EXPECT_EQ(w.licence_files.kept_outside_transaction, 0);
  EXPECT_EQ(w.licence_files.by_case[number], std::set<std::string>{"id_card"});
  EXPECT_EQ(recorded_material(w, number, "id_card").at("licence_document"), "obtained");

  // Submitted online while the library gives no documents: the material is verified, its document is marked
  // not obtained; the clerk's pre-review asks for it again and keeps it.
  w.elicenses.documents_away = true;
  const auto submitted = w.window.create(w.clerk, "online-2", "online", w.qykb("online"), w.loaded, w.now);
  const std::string online(boost::json::parse(submitted.body).at("number").as_string());
  EXPECT_EQ(recorded_material(w, online, "id_card").at("licence_document"), "not_obtained");
  EXPECT_TRUE(w.licence_files.by_case[online].empty());
  w.elicenses.documents_away = false;
  w.window.decide(w.clerk, online, w.qykb(), w.now + 60);
  EXPECT_EQ(w.licence_files.by_case[online], std::set<std::string>{"id_card"});
  EXPECT_EQ(recorded_material(w, online, "id_card").at("licence_document"), "obtained");
  EXPECT_EQ(w.elicenses.calls_in_transaction, 0);
  EXPECT_EQ(w.licence_files.kept_outside_transaction, 0);
}

TEST(CaseRunner, AMaterialHoldingItsDocumentIsNotFetchedAgain) {
  CaseworkWorld w;
  const auto submitted = w.window.create(w.clerk, "online-3", "online", w.qykb("online"), w.loaded, w.now);
  const std::string online(boost::json::parse(submitted.body).at("number").as_string());
  const int fetched = w.elicenses.documents;
  EXPECT_EQ(fetched, 1);
  w.window.decide(w.clerk, online, w.qykb(), w.now + 60);
  EXPECT_EQ(w.elicenses.documents, fetched);  // held already
  EXPECT_EQ(recorded_material(w, online, "id_card").at("licence_document"), "obtained");
}

TEST(CaseRunner, DeferralIsOpenOnlyWhenSomethingDeferrableIsMissing) {
  CaseworkWorld w;
  auto r = w.qykb();
  r.decision = acceptance::WindowDecision{"accept_with_deferral", {}, {}, "", ""};
  try {
    w.window.create(w.clerk, "defer-1", "defer", r, w.loaded, w.now);
    FAIL() << "容缺受理 with every material present was accepted";
  } catch (const platform::Problem& p) {
    EXPECT_EQ(p.status(), 422u);
    EXPECT_EQ(p.code(), "nothing_to_defer");
  }
  EXPECT_TRUE(w.repo.state().cases.empty());
}

TEST(CaseRunner, APickupInTheVisitOfAcceptanceIsNoSecondTrip) {
  CaseworkWorld w;
  // 即办: accepted, decided and handed over while the applicant waits (the same instant here).
  const std::string on_the_spot = w.accepted_case("spot");
  w.approve_everything(on_the_spot);
  w.window.deliver(w.clerk, on_the_spot, "window", "", w.now + 600);
  EXPECT_EQ(w.repo.find(on_the_spot)->record.visits, 1);
  // Collected the next day: a second trip.
  const std::string later = w.accepted_case("later");
  w.approve_everything(later);
  w.window.deliver(w.clerk, later, "window", "", w.now + 24 * 3600);
  EXPECT_EQ(w.repo.find(later)->record.visits, 2);
  // Posted: no trip at all beyond the first.
  const std::string posted = w.accepted_case("posted");
  w.approve_everything(posted);
  w.window.deliver(w.clerk, posted, "post", "SF1234567890", w.now + 24 * 3600);
  EXPECT_EQ(w.repo.find(posted)->record.visits, 1);
}

TEST(CaseRunner, AKioskIntakeIsATripAndAnAppIntakeIsNot) {
  CaseworkWorld w;
  auto kiosk = w.qykb("kiosk");
  const auto at_kiosk = w.window.create(w.clerk, "kiosk-1", "kiosk", kiosk, w.loaded, w.now);
  EXPECT_EQ(boost::json::parse(at_kiosk.body).at("visits").as_int64(), 1);
  auto app = w.qykb("app");
  const auto by_app = w.window.create(w.clerk, "app-1", "app", app, w.loaded, w.now);
  EXPECT_EQ(boost::json::parse(by_app.body).at("visits").as_int64(), 0);
}

// An app or kiosk intake without the clerk's decision (the applicant submitting on their own) used to
// dereference an empty decision: it is a submission, Submitted and waiting for pre-review; a kiosk's is a trip
// (counted once: the pre-review that follows is none unless the clerk says so).
TEST(CaseRunner, AnAppOrKioskIntakeWithoutADecisionIsSubmittedForPreReview) {
  CaseworkWorld w;
  for (const std::string channel : {"app", "kiosk"}) {
    auto r = w.qykb(channel);
    r.decision.reset();
    const auto answer = w.window.create(w.clerk, "self-" + channel, "body-" + channel, r, w.loaded, w.now);
    EXPECT_EQ(answer.status, 201u);
    const auto body = boost::json::parse(answer.body).as_object();
    const std::string number(body.at("number").as_string());
    const auto* f = w.repo.find(number);
    ASSERT_NE(f, nullptr);
    EXPECT_EQ(f->row.state, "Submitted") << channel;
    EXPECT_FALSE(f->row.accepted_at.has_value());
    EXPECT_TRUE(f->tasks.empty());
    EXPECT_EQ(f->record.visits, channel == "kiosk" ? 1 : 0) << channel;
    w.window.decide(w.clerk, number, w.qykb(), w.now + 600);
    EXPECT_EQ(w.repo.find(number)->row.state, "InProgress") << channel;
    EXPECT_EQ(w.repo.find(number)->record.visits, channel == "kiosk" ? 1 : 0) << channel;
  }
}
