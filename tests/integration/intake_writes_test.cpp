// What the cheaper intake transaction (issue 23, goal 3b) must not change: the intake's answer is the case
// as read back afterwards (its audit rows now come from their INSERT, not read back); the query code is
// stored with the case row; the audit rows, outbox messages and clock checks written by one statement are
// the rows stored, in order, and the hash chain over them verifies.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "services/acceptance/intake_request.hpp"
#include "services/store/audit_chain_store.hpp"
#include "services/store/case_store.hpp"
#include "services/store/pg_types.hpp"
#include "services/store/query_code_store.hpp"
#include "services/store/supervision_store.hpp"
#include "tests/support/case_world.hpp"
#include "tests/support/fixtures.hpp"

using namespace ow;
namespace json = boost::json;

namespace {

struct World : ow::testing::CaseWorld {
  World(const std::string& name) : CaseWorld(name, ow::testing::at("2026-06-01T10:00:00")) {}

  json::object accept(const std::string& key, const json::object& body) {
    auto a = intake.create(clerk, key, json::serialize(body), acceptance::parse_intake_request(body));
    EXPECT_EQ(a.status, 201u) << a.body;
    return json::parse(a.body).as_object();
  }
};

}  // namespace

TEST(IntakeWrites, TheAnswerIsTheCaseAsReadBackAndItsChainVerifies) {
  World w("it_intake_writes_answer");
  for (const auto& [key, body] : {std::pair{"w-1", ow::testing::company_application(true, true)},
                                  std::pair{"w-2", ow::testing::retirement_application()}}) {
    const json::object answer = w.accept(key, body);
    const std::string number(answer.at("number").as_string());
    json::object seen = w.intake.view(w.clerk, number);  // tasks and audit read from the database
    seen.erase("delivery_choice");                       // the GET's own addition
    EXPECT_EQ(json::serialize(seen), json::serialize(answer));
    EXPECT_FALSE(answer.at("documents").as_array().empty()) << "the receipt follows from the 'accept' audit row";
    w.pool.transact([&](store::Tx& tx) {
      const auto id = store::audit_chain::case_id_of(tx, number);
      ASSERT_TRUE(id.has_value());
      EXPECT_FALSE(store::cases::audit(tx, *id).empty());
      EXPECT_FALSE(store::audit_chain::verify_case(tx, *id).has_value());
      const auto code = store::query_codes::of_case(tx, *id);
      ASSERT_TRUE(code.has_value()) << "accepted at once: the code is stored with the case row";
      EXPECT_EQ(code->size(), 10u);
      // The clocks the acceptance started, with the timekeeper's checks (written with the audit rows).
      const auto checks = tx.exec(
          "SELECT count(*) FILTER (WHERE clock LIKE 'case.%'), count(*) FILTER (WHERE clock"
          " LIKE 'task:%'), count(*) FILTER (WHERE next_check_at IS NULL) FROM clock_checks"
          " WHERE case_id = " +
          std::to_string(*id));
      EXPECT_EQ(checks[0][0].as<int>(), 2);
      EXPECT_GE(checks[0][1].as<int>(), 1);
      EXPECT_EQ(checks[0][2].as<int>(), 0) << "every running clock has its next check";
    });
  }
  // The same key and body again: the kept answer, not a second case.
  const auto again = w.intake.create(w.clerk, "w-1", json::serialize(ow::testing::company_application(true, true)),
                                     acceptance::parse_intake_request(ow::testing::company_application(true, true)));
  EXPECT_EQ(again.status, 201u);
  EXPECT_TRUE(again.replayed);
}

TEST(IntakeWrites, AuditOutboxAndClocksInOneStatementAreTheRowsStoredInOrder) {
  World w("it_intake_writes_rows");
  const std::string number(w.accept("r-1", ow::testing::retirement_application()).at("number").as_string());
  struct RolledBack {};
  EXPECT_THROW(w.pool.transact([&](store::Tx& tx) {
    const auto id = *store::audit_chain::case_id_of(tx, number);
    const auto before = store::cases::audit(tx, id);
    const int outbox_before = store::cases::outbox_count(tx, id);
    const std::vector<store::AuditRow> rows = {
        {"case", "note", "Accepted", "Accepted", "clerk:1", "2026-06-01T10:05:00+08:00", "一"},
        {"S1", "note", "", "", "clerk:1", "2026-06-01T10:05:00.000001+08:00", ""},
        {"case", "note", "Accepted", "Accepted", "clerk:1", "2026-06-01T10:04:00+08:00", "三 three"}};
    const std::vector<store::supervision::ClockSync> clocks = {
        {id, "deferral:test", "330106", std::nullopt, "2026-06-03T09:00:00+08:00", "2026-06-03T17:00:00+08:00", false}};
    const auto stored =
        store::cases::add_decision_rows(tx, id, rows, {{"S1", "RS", "dispatch"}, {"S2", "SB", "cancel"}},
                                        store::supervision::clocks_json(clocks), "2026-06-01T10:05:00+08:00");
    auto all = store::cases::audit(tx, id);
    ASSERT_EQ(all.size(), before.size() + rows.size());
    ASSERT_EQ(stored.size(), rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {  // in the order given, as audit() reads them
      const auto& a = all[before.size() + i];
      EXPECT_EQ(stored[i].entity, a.entity);
      EXPECT_EQ(stored[i].event, a.event);
      EXPECT_EQ(stored[i].from_state, a.from_state);
      EXPECT_EQ(stored[i].to_state, a.to_state);
      EXPECT_EQ(stored[i].actor, a.actor);
      EXPECT_EQ(stored[i].at, a.at);
      EXPECT_EQ(stored[i].detail, a.detail);
      EXPECT_EQ(stored[i].detail, rows[i].detail);
    }
    EXPECT_EQ(store::cases::outbox_count(tx, id), outbox_before + 2);
    EXPECT_FALSE(store::audit_chain::verify_case(tx, id).has_value());
    const auto check = tx.exec(
        "SELECT to_char(next_check_at AT TIME ZONE 'Asia/Shanghai', 'HH24:MI') FROM clock_checks"
        " WHERE clock = 'deferral:test' AND case_id = " +
        std::to_string(id));
    ASSERT_EQ(check.size(), 1u);
    EXPECT_EQ(check[0][0].as<std::string>(), "09:00");  // its warning instant, as clock_checks_sync sets it
    // Outbox messages only, and nothing at all: no audit row, no error.
    EXPECT_TRUE(
        store::cases::add_decision_rows(tx, id, {}, {{"S1", "RS", "dispatch"}}, "[]", "2026-06-01T10:05:00+08:00")
            .empty());
    EXPECT_TRUE(store::cases::add_decision_rows(tx, id, {}, {}, "[]", "2026-06-01T10:05:00+08:00").empty());
    EXPECT_EQ(store::cases::outbox_count(tx, id), outbox_before + 3);
    EXPECT_EQ(store::cases::audit(tx, id).size(), all.size());
    throw RolledBack{};  // leave the case as the intake wrote it
  }),
               RolledBack);
}
