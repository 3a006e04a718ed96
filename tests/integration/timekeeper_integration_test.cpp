// The timekeeper with injected time against a real PostgreSQL: crossing a clock's warning and due instants
// raises exactly one alert each; a pause before the warning instant postpones it by exactly the paused
// working time; two timekeepers scanning at once never duplicate an alert; a stopped clock resolves its
// alerts; the alert API lists and acknowledges them.
#include <gtest/gtest.h>

#include <unistd.h>
#include <atomic>
#include <boost/json.hpp>
#include <pqxx/pqxx>
#include <thread>

#include "adapters/elicense/elicense_lookup.hpp"
#include "services/acceptance/intake_request.hpp"
#include "services/acceptance/intake_service.hpp"
#include "services/backoffice/backoffice_service.hpp"
#include "services/casework/alert_raising.hpp"
#include "services/catalog/catalog_service.hpp"
#include "services/store/pg_types.hpp"
#include "services/store/statements.hpp"
#include "services/store/supervision_store.hpp"
#include "services/store/user_store.hpp"
#include "services/supervision/clock_recompute.hpp"
#include "services/supervision/timekeeper.hpp"
#include "services/supervision/timekeeper_clock.hpp"
#include "tests/support/case_world.hpp"
#include "tests/support/embedded_calendar.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/test_env.hpp"
#include "workflow/calendar/calendar_data.hpp"
#include "workflow/calendar/chinese_time.hpp"
#include "workflow/flow/decision.hpp"

using namespace ow;
using namespace std::chrono_literals;
namespace json = boost::json;

namespace {

using ow::testing::at;

struct World : ow::testing::CaseWorld {
  calendar::ClockMath math{time};
  platform::Actor rs;

  World() : CaseWorld("it_timekeeper", at("2026-06-01T10:00:00")) {
    rs = ow::testing::staff(pool, "rs1", platform::Role::approver, "RS");
  }
  // A 退休一件事 case (committed 15 working days); its first step is 人社's.
  std::string accept(const std::string& key) {
    const json::object body = ow::testing::retirement_application();
    auto a = intake.create(clerk, key, json::serialize(body), acceptance::parse_intake_request(body));
    EXPECT_EQ(a.status, 201u) << a.body;
    return std::string(json::parse(a.body).at("number").as_string());
  }
  // The committed clock's warning and due instants as the calendar computes them from the stored clock.
  std::pair<calendar::Instant, calendar::Instant> committed(const std::string& number) {
    const json::object v = intake.view(clerk, number);
    return {calendar::parse_instant(v.at("clocks").at("committed").at("warn_at").as_string()),
            calendar::parse_instant(v.at("due").at("committed").as_string())};
  }
  // The detail of a case's alert of that clock and kind.
  std::string detail(const std::string& number, const std::string& clock, const std::string& kind) {
    pqxx::connection db(url);
    pqxx::read_transaction tx(db);
    return tx
        .exec_params1(
            "SELECT a.detail FROM alerts a JOIN cases c ON c.id = a.case_id WHERE c.number = $1"
            " AND a.clock = $2 AND a.kind = $3",
            number, clock, kind)[0]
        .as<std::string>();
  }
  // Alerts of a case: "clock/kind" strings.
  std::multiset<std::string> alerts(const std::string& number) {
    pqxx::connection db(url);
    pqxx::read_transaction tx(db);
    std::multiset<std::string> out;
    for (const auto& r : tx.exec_params(
             "SELECT a.clock || '/' || a.kind FROM alerts a JOIN cases c ON c.id = a.case_id WHERE c.number = $1",
             number))
      out.insert(r[0].as<std::string>());
    return out;
  }
  // The same, only those still open (not resolved).
  std::multiset<std::string> open_alerts(const std::string& number) {
    pqxx::connection db(url);
    pqxx::read_transaction tx(db);
    std::multiset<std::string> out;
    for (const auto& r :
         tx.exec_params("SELECT a.clock || '/' || a.kind FROM alerts a JOIN cases c ON c.id = a.case_id "
                        "WHERE c.number = $1 AND a.resolved_at IS NULL",
                        number))
      out.insert(r[0].as<std::string>());
    return out;
  }
  std::int64_t task_id(const std::string& number, const std::string& step) {
    pqxx::connection db(url);
    pqxx::read_transaction tx(db);
    return tx
        .exec_params1("SELECT t.id FROM tasks t JOIN cases c ON c.id = t.case_id WHERE c.number = $1 AND t.step = $2",
                      number, step)[0]
        .as<std::int64_t>();
  }
};

}  // namespace

TEST(Timekeeper, WarningAndDueRaiseExactlyOneAlertEach) {
  World w;
  supervision::Timekeeper keeper(w.pool, nullptr);
  const auto number = w.accept("plain");
  const auto [warn, due] = w.committed(number);
  ASSERT_LT(warn, due);

  keeper.scan(warn - 1);
  EXPECT_EQ(w.alerts(number).count("case.committed/warning"), 0u);
  keeper.scan(warn);
  EXPECT_EQ(w.alerts(number).count("case.committed/warning"), 1u);
  // The detail a supervisor reads names the due instant in China time, in Chinese.
  const std::string due_label = calendar::chinese_time(calendar::format_instant(due));
  EXPECT_EQ(w.detail(number, "case.committed", "warning"), "将于 " + due_label + " 到期");
  keeper.scan(warn + 60);
  keeper.scan(due - 1);
  EXPECT_EQ(w.alerts(number).count("case.committed/warning"), 1u);  // not again
  EXPECT_EQ(w.alerts(number).count("case.committed/overdue"), 0u);
  keeper.scan(due);
  keeper.scan(due + 3600);
  EXPECT_EQ(w.alerts(number).count("case.committed/warning"), 1u);
  EXPECT_EQ(w.alerts(number).count("case.committed/overdue"), 1u);
  EXPECT_EQ(w.detail(number, "case.committed", "overdue"), "已于 " + due_label + " 到期");
  // The first step's own budget ran out long before: a step_overdue, once — and no warning, since its warning
  // and due instants had both passed by the first pass that looked at it (the red alert says it all).
  EXPECT_EQ(w.alerts(number).count("task:contribution_years/step_overdue"), 1u);
  EXPECT_EQ(w.alerts(number).count("task:contribution_years/warning"), 0u);
}

TEST(Timekeeper, APauseBeforeTheWarningPostponesItByThePausedWorkingTime) {
  World w;
  supervision::Timekeeper keeper(w.pool, nullptr);
  const auto number = w.accept("paused");
  const auto [warn, due] = w.committed(number);
  (void)due;
  // 人社 asks for a supplement on 3 June at 15:00; the applicant brings it on 5 June at 10:00.
  const auto id = w.task_id(number, "contribution_years");
  w.now = at("2026-06-03T15:00:00");
  w.backoffice.claim(w.rs, id);
  const auto asked = w.now.load();
  w.backoffice.decide(
      w.rs, id,
      json::object{{"kind", "request_supplement"}, {"materials", json::array{"id_card"}}, {"reason", "材料不清晰"}});
  keeper.scan(warn + 3600);  // paused: no check at all while suspended
  EXPECT_EQ(w.alerts(number).count("case.committed/warning"), 0u);
  w.now = at("2026-06-05T10:00:00");
  const auto brought = w.now.load();
  w.intake.supplement(w.clerk, number, json::object{{"applicant_present", true}});
  const auto paused = w.time.ordinal(brought) - w.time.ordinal(asked);
  EXPECT_EQ(paused, (150 + 420 + 60) * 60);
  const auto [new_warn, new_due] = w.committed(number);
  (void)new_due;
  EXPECT_EQ(w.time.ordinal(new_warn) - w.time.ordinal(warn), paused);  // postponed by exactly the paused working time
  keeper.scan(new_warn - 1);
  EXPECT_EQ(w.alerts(number).count("case.committed/warning"), 0u);
  keeper.scan(new_warn);
  EXPECT_EQ(w.alerts(number).count("case.committed/warning"), 1u);
}

TEST(Timekeeper, TwoTimekeepersAtOnceNeverDuplicateAnAlert) {
  World w;
  std::vector<std::string> numbers;
  for (int i = 0; i < 20; ++i) numbers.push_back(w.accept("many-" + std::to_string(i)));
  const auto [warn, due] = w.committed(numbers[0]);
  (void)warn;
  supervision::Timekeeper a(w.pool, nullptr, 7), b(w.pool, nullptr, 5);
  std::atomic<int> raised{0};
  std::thread ta([&] { raised += a.scan(due + 60); }), tb([&] { raised += b.scan(due + 60); });
  ta.join();
  tb.join();
  pqxx::connection db(w.url);
  pqxx::read_transaction tx(db);
  const int stored = tx.exec1("SELECT count(*) FROM alerts")[0].as<int>();
  const int distinct = tx.exec1("SELECT count(DISTINCT (case_id, clock, kind)) FROM alerts")[0].as<int>();
  EXPECT_EQ(stored, distinct);
  EXPECT_EQ(raised.load(), stored);  // each raised by exactly one of them
  // Every case: the committed clock's overdue and the first step's step_overdue (the statutory one is far
  // later); their warnings, due by the same pass, are not raised beside the red alerts.
  EXPECT_EQ(stored, 20 * 2);
  EXPECT_EQ(tx.exec1("SELECT count(*) FROM alerts WHERE kind = 'warning'")[0].as<int>(), 0);
}

TEST(Timekeeper, AStoppedClockResolvesItsAlertsAndStopsChecking) {
  World w;
  supervision::Timekeeper keeper(w.pool, nullptr);
  const auto number = w.accept("stop");
  const auto id = w.task_id(number, "contribution_years");
  w.backoffice.claim(w.rs, id);
  const auto [warn, due] = w.committed(number);
  (void)due;
  keeper.scan(warn);  // the step's own budget ran out long before: its step_overdue
  ASSERT_EQ(w.alerts(number).count("task:contribution_years/step_overdue"), 1u);
  w.now = warn + 60;
  w.backoffice.decide(w.rs, id, json::object{{"kind", "approve"}});
  pqxx::connection db(w.url);
  pqxx::read_transaction tx(db);
  EXPECT_EQ(tx.exec_params1(
                  "SELECT count(*) FROM alerts a JOIN cases c ON c.id = a.case_id WHERE c.number = $1 AND a.clock = "
                  "'task:contribution_years' AND a.resolved_at IS NULL",
                  number)[0]
                .as<int>(),
            0);
  EXPECT_TRUE(
      tx.exec_params1(
            "SELECT k.next_check_at FROM clock_checks k JOIN cases c ON c.id = k.case_id WHERE c.number = $1 AND k.clock = "
            "'task:contribution_years'",
            number)[0]
          .is_null());
}

TEST(Timekeeper, ADeferredMaterialNotBroughtByItsDateRaisesDeferralOverdue) {
  World w;
  supervision::Timekeeper keeper(w.pool, nullptr);
  auto deferral_case = [&](const std::string& key) {
    json::object body{
        {"bundle", "TXYJS"},
        {"applicant", json::object{{"kind", "person"}, {"name", "李四"}, {"id_number", "11010519491231002X"}}},
        {"contact_phone", "13812345678"},
        {"materials", json::array{json::object{{"id", "id_card"}, {"form", "original"}},
                                  json::object{{"id", "retirement_application"}, {"form", "original"}}}},
        {"decision", json::object{{"kind", "accept_with_deferral"},
                                  {"deferrals", json::array{json::object{{"material", "household_register"},
                                                                         {"due_date", "2026-06-05"}}}}}}};
    auto a = w.intake.create(w.clerk, key, json::serialize(body), acceptance::parse_intake_request(body));
    EXPECT_EQ(a.status, 201u) << a.body;
    return std::string(json::parse(a.body).at("number").as_string());
  };
  w.now = at("2026-06-01T10:00:00");
  const auto late = deferral_case("deferral-late"), brought = deferral_case("deferral-brought");
  w.now = at("2026-06-04T10:00:00");
  const json::object v = w.intake.deferred_received(w.clerk, brought, json::object{{"material", "household_register"}});
  EXPECT_EQ(v.at("visits").as_int64(), 2);  // the visit to bring it
  EXPECT_THROW(w.intake.deferred_received(w.clerk, brought, json::object{{"material", "household_register"}}),
               flow::FlowRefused);
  EXPECT_THROW(w.intake.deferred_received(w.clerk, brought, json::object{{"material", "id_card"}}), flow::FlowInvalid);

  keeper.scan(at("2026-06-05T17:29:59"));
  EXPECT_EQ(w.alerts(late).count("deferral:household_register/deferral_overdue"), 0u);
  keeper.scan(at("2026-06-05T17:30:00"));  // the close of the promised day
  keeper.scan(at("2026-06-08T09:00:00"));
  EXPECT_EQ(w.alerts(late).count("deferral:household_register/deferral_overdue"), 1u);
  EXPECT_EQ(w.alerts(late).count("deferral:household_register/warning"), 1u);  // on the promised day's morning
  EXPECT_EQ(w.alerts(brought).count("deferral:household_register/deferral_overdue"), 0u);
  EXPECT_EQ(w.alerts(brought).count("deferral:household_register/warning"), 0u);
}

TEST(Timekeeper, RecomputingAfterACalendarChangeMovesOpenClocksAndTheirChecks) {
  World w;
  const auto number = w.accept("recompute");  // accepted 1 June 2026: its 15 working days span the Dragon Boat holiday
  const auto [warn, due] = w.committed(number);
  (void)warn;
  // A corrected data file declaring 22 June a holiday as well (an illustrative change).
  auto entries = calendar::parse_calendar_csv(ow::testing::embedded_calendar_csv());
  entries.push_back({calendar::parse_date("2026-06-22"), calendar::DayKind::holiday, "测试调整"});
  calendar::WorkCalendar changed(entries);
  calendar::WorkingTime changed_time(changed, calendar::OfficeHours());
  const auto r = supervision::recompute_clocks(w.pool, calendar::ClockMath(changed_time), w.now.load());
  EXPECT_EQ(r.cases, 1);
  EXPECT_EQ(r.moved, 1);
  const auto [new_warn, new_due] = w.committed(number);
  (void)new_warn;
  EXPECT_EQ(new_due,
            due + 86400 * (calendar::is_weekend(calendar::cst_date(due) + 1) ? 3 : 1));  // one working day later
  pqxx::connection db(w.url);
  pqxx::read_transaction tx(db);
  EXPECT_EQ(
      calendar::parse_instant(
          tx.exec_params1(
                "SELECT to_char(k.due_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD\"T\"HH24:MI:SS\"+08:00\"') "
                "FROM clock_checks k JOIN cases c ON c.id = k.case_id WHERE c.number = $1 AND k.clock = 'case.committed'",
                number)[0]
              .as<std::string>()),
      new_due);
  EXPECT_EQ(supervision::recompute_clocks(w.pool, calendar::ClockMath(changed_time), w.now.load()).moved,
            0);  // idempotent
}

// An extension moves the due instant past now: the overdue no longer holds and is resolved, and the warning
// and the overdue fire again for the new instants — once each.
TEST(Timekeeper, AnExtensionResolvesTheOverdueAndRearmsBothAlerts) {
  World w;
  supervision::Timekeeper keeper(w.pool, nullptr);
  const auto sup = ow::testing::staff(w.pool, "sup", platform::Role::supervisor);
  const auto number = w.accept("extended");
  const auto [warn, due] = w.committed(number);
  keeper.scan(warn);
  keeper.scan(due);
  EXPECT_EQ(w.alerts(number).count("case.committed/overdue"), 1u);
  EXPECT_EQ(w.open_alerts(number).count("case.committed/overdue"), 1u);

  w.now = due + 3600;
  const auto id = w.task_id(number, "contribution_years");
  w.backoffice.claim(w.rs, id);
  // Requested by the approver (nothing moves yet), granted by the supervisor (issue 14: two sessions).
  const auto request =
      w.backoffice.request_extension(w.rs, id, json::object{{"working_days", 5}, {"reason", "需外省协查"}});
  EXPECT_EQ(w.committed(number).second, due);
  EXPECT_EQ(w.open_alerts(number).count("case.committed/overdue"), 1u);
  w.backoffice.grant_extension(sup, request.at("id").as_int64());
  const auto [new_warn, new_due] = w.committed(number);
  ASSERT_EQ(w.time.ordinal(new_due) - w.time.ordinal(due), 5 * 420 * 60);
  ASSERT_GT(new_warn, w.now.load());                                     // the warning period lies ahead again
  EXPECT_EQ(w.open_alerts(number).count("case.committed/overdue"), 0u);  // resolved by the extension
  EXPECT_EQ(w.open_alerts(number).count("case.committed/warning"), 0u);

  keeper.scan(new_warn - 1);
  EXPECT_EQ(w.alerts(number).count("case.committed/warning"), 1u);
  keeper.scan(new_warn);
  keeper.scan(new_warn + 60);
  EXPECT_EQ(w.alerts(number).count("case.committed/warning"), 2u);
  EXPECT_EQ(w.open_alerts(number).count("case.committed/warning"), 1u);
  keeper.scan(new_due);
  keeper.scan(new_due + 3600);
  EXPECT_EQ(w.alerts(number).count("case.committed/overdue"), 2u);
  EXPECT_EQ(w.open_alerts(number).count("case.committed/overdue"), 1u);
}

// A pause after the warning does not re-arm it: the warning instant was reached before the pause and stays in
// the past, so the case is still in its warning period and its open warning stands.
TEST(Timekeeper, APauseAfterTheWarningDoesNotWarnTwice) {
  World w;
  supervision::Timekeeper keeper(w.pool, nullptr);
  const auto number = w.accept("paused-late");
  const auto [warn, due] = w.committed(number);
  keeper.scan(warn);
  ASSERT_EQ(w.alerts(number).count("case.committed/warning"), 1u);
  const auto id = w.task_id(number, "contribution_years");
  w.now = warn + 600;
  w.backoffice.claim(w.rs, id);
  w.backoffice.decide(
      w.rs, id,
      json::object{{"kind", "request_supplement"}, {"materials", json::array{"id_card"}}, {"reason", "材料不清晰"}});
  w.now = warn + 2 * 86400;
  w.intake.supplement(w.clerk, number, json::object{{"applicant_present", true}});
  const auto [new_warn, new_due] = w.committed(number);
  EXPECT_GT(new_due, due);    // the pause moved the due instant ...
  EXPECT_EQ(new_warn, warn);  // ... but the warning instant was reached before it and stays where it was
  keeper.scan(new_warn + 60);
  keeper.scan(new_due - 1);
  EXPECT_EQ(w.alerts(number).count("case.committed/warning"), 1u);
  EXPECT_EQ(w.open_alerts(number).count("case.committed/warning"), 1u);
}

// The running timekeeper's time is the database server's clock (within a second or two of this host's, as they
// are one machine here) plus the test offset, through the jump guard.
TEST(Timekeeper, RunsOnTheDatabasesClockPlusTheTestOffset) {
  World w;
  std::int64_t offset = 0;
  auto clock = supervision::guarded_database_clock(w.pool, 60s, 900s, [&offset] { return offset; });
  const auto host = [] {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
  };
  EXPECT_NEAR(static_cast<double>(clock()), static_cast<double>(host()), 2.0);
  offset = 3 * 86400;  // the test-mode control moves time on purpose: not a jump, not held
  EXPECT_NEAR(static_cast<double>(clock()), static_cast<double>(host() + 3 * 86400), 2.0);
}

// Issue 22: alert ids are drawn in commit order. While one raiser's transaction is open, another raiser waits
// for its turn, so no reader can see a larger id before a smaller one — an id is a complete cursor for the
// live feed and for Last-Event-ID.
TEST(Timekeeper, AlertIdsAreDrawnInCommitOrder) {
  World w;
  const std::string first = w.accept("order-1"), second = w.accept("order-2");
  auto case_id = [&](const std::string& number) {
    pqxx::connection db(w.url);
    pqxx::read_transaction tx(db);
    return tx.exec_params1("SELECT id FROM cases WHERE number = $1", number)[0].as<std::int64_t>();
  };
  const std::int64_t a_case = case_id(first), b_case = case_id(second);
  std::int64_t a_id = 0, b_id = 0;
  std::atomic<bool> a_raised{false};
  std::thread a([&] {
    w.pool.transact([&](store::Tx& tx) {
      a_id = casework::raise_alert(tx, a_case, "test:a", "warning", "yellow", std::nullopt, "2026-06-01T10:00:00+08:00",
                                   "a")
                 ->id;
      a_raised = true;
      std::this_thread::sleep_for(600ms);  // a long raiser: its alert is not committed yet
    });
  });
  while (!a_raised) std::this_thread::sleep_for(5ms);
  const auto b_started = std::chrono::steady_clock::now();
  w.pool.transact([&](store::Tx& tx) {
    b_id =
        casework::raise_alert(tx, b_case, "test:b", "warning", "yellow", std::nullopt, "2026-06-01T10:00:00+08:00", "b")
            ->id;
  });
  const auto b_waited = std::chrono::steady_clock::now() - b_started;
  a.join();
  EXPECT_GT(b_id, a_id);
  EXPECT_GE(b_waited, 400ms) << "the second raiser drew its id while the first was still open";
}
