// The back-office decisions and the case's reactions, through the real services against a real PostgreSQL,
// with injected time: sequential steps never ready early, parallel steps ready together, a join waits for
// all its steps, conditional steps skipped, rejection cancels the rest (the outbox tells reached
// departments), supplement and special-procedure pauses shift every due instant by exactly the paused
// working time as the calendar itself counts it, extension, and two approvers claiming at once.
#include <gtest/gtest.h>

#include <unistd.h>
#include <atomic>
#include <boost/json.hpp>
#include <filesystem>
#include <pqxx/pqxx>
#include <thread>

#include "adapters/elicense/elicense_lookup.hpp"
#include "services/acceptance/intake_request.hpp"
#include "services/acceptance/intake_service.hpp"
#include "services/backoffice/backoffice_service.hpp"
#include "services/catalog/catalog_service.hpp"
#include "services/platform/api.hpp"
#include "services/platform/problem.hpp"
#include "services/store/pg_types.hpp"
#include "services/store/statements.hpp"
#include "services/store/user_store.hpp"
#include "tests/support/embedded_calendar.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/test_env.hpp"
#include "workflow/flow/decision.hpp"

using namespace ow;
using namespace std::chrono_literals;
namespace json = boost::json;

namespace {

using ow::testing::at;

class BackofficeFlow : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    // ctest runs each test in its own process, in parallel: one database per process.
    pool = new store::PgPool(ow::testing::migrated_database("it_backoffice_" + std::to_string(::getpid())), 4, 5000ms,
                             store::all_statements());
    catalog = new catalog_service::CatalogService(*pool, ow::testing::source_dir() + "/config/catalog", 420);
    catalog->load(false, "test");
    time = new calendar::WorkingTime(ow::testing::embedded_calendar(), calendar::OfficeHours());
    auto clock = [] { return now.load(); };
    intake = new acceptance::IntakeService(*pool, *catalog, *time, elicenses, clock);
    backoffice = new backoffice::BackofficeService(*pool, *catalog, *time, clock);
    clerk = user("clerk", "clerk", std::nullopt);
    for (const char* dept : {"RS", "YB", "SCJG"}) {
      std::string lower(dept);
      for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      approvers[dept] = user(lower + "1", "approver", dept);
      colleagues[dept] = user(lower + "2", "approver", dept);
    }
    supervisor = user("sup", "supervisor", std::nullopt);
  }
  static void TearDownTestSuite() {
    delete backoffice;
    delete intake;
    delete time;
    delete catalog;
    delete pool;
  }

  static platform::Actor user(const std::string& login, const std::string& role, std::optional<std::string> dept) {
    return ow::testing::staff(*pool, login, *platform::parse_role(role), dept);
  }

  // A 退休一件事 case accepted at the window at `now`: contribution_years → (pension_eligibility ‖
  // medical_eligibility) → pension_approval, all on inbox transport (RS, YB).
  static std::string accept_retirement(const std::string& key) {
    const json::object body = ow::testing::retirement_application();
    const std::string raw = json::serialize(body);
    auto answer = intake->create(clerk, key, raw, acceptance::parse_intake_request(body));
    EXPECT_EQ(answer.status, 201u) << answer.body;
    return std::string(json::parse(answer.body).at("number").as_string());
  }

  static json::object view(const std::string& number) { return intake->view(clerk, number); }
  static std::map<std::string, std::string> states(const std::string& number) {
    std::map<std::string, std::string> out;
    const json::object v = view(number);
    for (const auto& t : v.at("tasks").as_array())
      out[std::string(t.at("step").as_string())] = t.at("state").as_string();
    return out;
  }
  static std::int64_t task_id(const std::string& dept, const std::string& number, const std::string& step) {
    const json::object inbox = backoffice->inbox(approvers.at(dept), {});
    for (const auto& t : inbox.at("items").as_array())
      if (t.at("number").as_string() == number && t.at("step").as_string() == step) return t.at("id").as_int64();
    return 0;
  }
  static void approve(const std::string& dept, const std::string& number, const std::string& step) {
    const auto id = task_id(dept, number, step);
    ASSERT_GT(id, 0) << step << " is not in " << dept << "'s inbox";
    backoffice->claim(approvers.at(dept), id);
    backoffice->decide(approvers.at(dept), id,
                       json::object{{"kind", "approve"}, {"produced", json::object{{step, step + "-no"}}}});
  }
  static calendar::Instant case_due(const std::string& number, const char* which = "committed") {
    const json::object v = view(number);
    return calendar::parse_instant(v.at("due").at(which).as_string());
  }
  static calendar::Instant task_due(const std::string& dept, std::int64_t id) {
    const json::object t = backoffice->task(approvers.at(dept), id);
    return calendar::parse_instant(t.at("clock").at("due_at").as_string());
  }
  // Working seconds between two instants, as the calendar counts them.
  static std::int64_t worked(calendar::Instant from, calendar::Instant to) {
    return time->ordinal(to) - time->ordinal(from);
  }

  static inline store::PgPool* pool = nullptr;
  static inline catalog_service::CatalogService* catalog = nullptr;
  static inline calendar::WorkingTime* time = nullptr;
  static inline acceptance::IntakeService* intake = nullptr;
  static inline backoffice::BackofficeService* backoffice = nullptr;
  static inline adapters::DemoELicenseRegistry elicenses;
  static inline std::atomic<calendar::Instant> now{0};
  static inline platform::Actor clerk, supervisor;
  static inline std::map<std::string, platform::Actor> approvers, colleagues;
};

// The HTTP status the API layer answers: its own mapping (Api::to_problem) of problems, the flow's refusals and
// casework's refusals.
int problem_status(const std::function<void()>& f) {
  try {
    f();
  } catch (...) {
    return static_cast<int>(platform::Api::to_problem(std::current_exception()).status());
  }
  return 0;
}

}  // namespace

TEST_F(BackofficeFlow, RouteReadiesStepsInOrderParallelTogetherJoinWaitsForAll) {
  now = at("2026-06-01T10:00:00");
  const auto number = accept_retirement("route");
  using M = std::map<std::string, std::string>;
  EXPECT_EQ(states(number), (M{{"contribution_years", "Dispatched"},
                               {"pension_eligibility", "Waiting"},
                               {"medical_eligibility", "Waiting"},
                               {"pension_approval", "Waiting"}}));
  EXPECT_EQ(task_id("YB", number, "medical_eligibility"), 0);  // not in any inbox before it is ready

  now = at("2026-06-01T11:00:00");
  approve("RS", number, "contribution_years");
  EXPECT_EQ(states(number), (M{{"contribution_years", "Approved"},
                               {"pension_eligibility", "Dispatched"},
                               {"medical_eligibility", "Dispatched"},
                               {"pension_approval", "Waiting"}}));  // parallel: together

  approve("YB", number, "medical_eligibility");
  EXPECT_EQ(states(number).at("pension_approval"), "Waiting");  // the join waits for both branches
  EXPECT_EQ(view(number).at("state").as_string(), "InProgress");
  approve("RS", number, "pension_eligibility");
  EXPECT_EQ(states(number).at("pension_approval"), "Dispatched");
  EXPECT_EQ(view(number).at("state").as_string(), "InProgress");  // not ResultReady with a step open

  // What earlier steps produced is shown to later steps.
  const auto last = task_id("RS", number, "pension_approval");
  const json::object task = backoffice->task(approvers.at("RS"), last);
  EXPECT_EQ(task.at("produced_by_earlier_steps").as_array().size(), 3u);
  approve("RS", number, "pension_approval");
  EXPECT_EQ(view(number).at("state").as_string(), "ResultReady");
}

TEST_F(BackofficeFlow, ConditionalStepsAreSkippedWhenTheirConditionIsFalse) {
  now = at("2026-06-01T10:00:00");
  const json::object body = ow::testing::company_application(true, false);
  auto answer = intake->create(clerk, "qykb", json::serialize(body), acceptance::parse_intake_request(body));
  ASSERT_EQ(answer.status, 201u) << answer.body;
  const json::object v = view(std::string(json::parse(answer.body).at("number").as_string()));
  EXPECT_EQ(json::serialize(v.at("skipped_steps")), R"(["bank_account"])");
  bool has_tax = false, has_bank = false;
  for (const auto& t : v.at("tasks").as_array()) {
    has_tax = has_tax || t.at("step").as_string() == "tax";
    has_bank = has_bank || t.at("step").as_string() == "bank_account";
  }
  EXPECT_TRUE(has_tax);
  EXPECT_FALSE(has_bank);
}

TEST_F(BackofficeFlow, RejectionCancelsTheRestAndTellsReachedDepartments) {
  now = at("2026-06-01T10:00:00");
  const auto number = accept_retirement("reject");
  approve("RS", number, "contribution_years");
  const auto yb = task_id("YB", number, "medical_eligibility");
  backoffice->claim(approvers.at("YB"), yb);  // received by YB
  const auto rs = task_id("RS", number, "pension_eligibility");
  backoffice->claim(approvers.at("RS"), rs);
  backoffice->decide(
      approvers.at("RS"), rs,
      json::object{{"kind", "reject"}, {"reason", "缴费年限不足"}, {"legal_basis", "《社会保险法》第十六条"}});
  EXPECT_EQ(view(number).at("state").as_string(), "NotPermitted");
  EXPECT_EQ(states(number), (std::map<std::string, std::string>{{"contribution_years", "Approved"},
                                                                {"pension_eligibility", "Rejected"},
                                                                {"medical_eligibility", "Cancelled"},
                                                                {"pension_approval", "Cancelled"}}));
  // Inbox departments see the cancellation in their inbox: no message. (Pushed tasks get a 'cancel' outbox
  // message — covered by the flow unit tests and the dispatcher's.)
  EXPECT_EQ(backoffice->task(approvers.at("YB"), yb).at("state").as_string(), "Cancelled");
  auto cancels = pool->transact([&](ow::store::Tx& tx) {
    return tx.exec_params(
        "SELECT o.step FROM outbox o JOIN cases c ON c.id = o.case_id WHERE c.number = $1 AND o.kind = 'cancel' ORDER BY o.step",
        number);
  });
  EXPECT_EQ(cancels.size(), 0u);
  // A decided task takes no further decision.
  EXPECT_EQ(problem_status([&] {
              backoffice->decide(approvers.at("RS"), rs, json::object{{"kind", "approve"}});
            }),
            409);
}

TEST_F(BackofficeFlow, SupplementAndSpecialProcedurePausesShiftDueInstantsByThePausedWorkingTime) {
  now = at("2026-06-17T10:00:00");
  const auto number = accept_retirement("pause");
  now = at("2026-06-17T11:00:00");
  approve("RS", number, "contribution_years");
  const auto yb = task_id("YB", number, "medical_eligibility");
  backoffice->claim(approvers.at("YB"), yb);
  const auto case_before = case_due(number), statutory_before = case_due(number, "statutory"),
             task_before = task_due("YB", yb);
  // Every clock is still running when the pause starts (a pause after a due instant cannot move it).
  ASSERT_GT(task_before, at("2026-06-23T14:00:00"));

  // Supplement requested on Thursday 18 June at 16:00; brought to the window on Monday 22 June at 10:30
  // (19 June is the Dragon Boat holiday, 20–21 June the weekend).
  const auto asked = at("2026-06-18T16:00:00"), brought = at("2026-06-22T10:30:00");
  now = asked;
  backoffice->decide(
      approvers.at("YB"), yb,
      json::object{{"kind", "request_supplement"}, {"materials", json::array{"id_card"}}, {"reason", "材料不清晰"}});
  EXPECT_EQ(view(number).at("state").as_string(), "Suspended");
  EXPECT_EQ(view(number).at("clocks").at("committed").at("status").as_string(), "paused");
  now = brought;
  const json::object resumed = intake->supplement(clerk, number, json::object{{"applicant_present", true}});
  EXPECT_EQ(resumed.at("state").as_string(), "InProgress");
  const std::int64_t paused = worked(asked, brought);
  EXPECT_EQ(paused, (90 + 90) * 60);  // 16:00–17:30 on the 18th and 09:00–10:30 on the 22nd
  EXPECT_EQ(worked(case_before, case_due(number)), paused);
  EXPECT_EQ(worked(statutory_before, case_due(number, "statutory")), paused);
  EXPECT_EQ(worked(task_before, task_due("YB", yb)), paused);

  // A special procedure (inspection) from 23 June 14:00 to 25 June 09:30.
  const auto case_mid = case_due(number), task_mid = task_due("YB", yb);
  const auto started = at("2026-06-23T14:00:00"), ended = at("2026-06-25T09:30:00");
  now = started;
  backoffice->decide(
      approvers.at("YB"), yb,
      json::object{{"kind", "special_procedure_start"}, {"procedure", "inspection"}, {"reason", "核查"}});
  EXPECT_EQ(view(number).at("state").as_string(), "Suspended");
  EXPECT_EQ(backoffice->task(approvers.at("YB"), yb).at("special_procedure").as_string(), "inspection");
  now = ended;
  backoffice->decide(approvers.at("YB"), yb, json::object{{"kind", "special_procedure_end"}});
  EXPECT_EQ(view(number).at("state").as_string(), "InProgress");
  EXPECT_EQ(worked(case_mid, case_due(number)), worked(started, ended));
  EXPECT_EQ(worked(task_mid, task_due("YB", yb)), worked(started, ended));
  EXPECT_EQ(worked(started, ended), (210 + 420 + 30) * 60);
}

// The extension tests, adapted to the two-step flow of issue 14 (an approver requests, a supervisor grants in
// the supervisor's own session): the same assertions, except that an approver trying to approve an extension is
// now refused at the grant (403) instead of being named in `approved_by` (422).
TEST_F(BackofficeFlow, ExtensionNeedsASupervisorAndStaysWithinTheAllowance) {
  now = at("2026-06-01T10:00:00");
  const auto number = accept_retirement("extend");
  const auto id = task_id("RS", number, "contribution_years");
  backoffice->claim(approvers.at("RS"), id);
  const auto before = case_due(number), task_before = task_due("RS", id);
  const auto request = backoffice->request_extension(approvers.at("RS"), id,
                                                     json::object{{"working_days", 2}, {"reason", "需外省协查"}});
  const auto request_id = request.at("id").as_int64();
  EXPECT_EQ(case_due(number), before);  // requested, not granted: nothing moves
  EXPECT_EQ(problem_status([&] { backoffice->grant_extension(colleagues.at("RS"), request_id); }), 403);
  backoffice->grant_extension(supervisor, request_id);
  EXPECT_EQ(worked(before, case_due(number)), 2 * 420 * 60);
  EXPECT_EQ(worked(task_before, task_due("RS", id)), 2 * 420 * 60);
  EXPECT_EQ(problem_status([&] {
              backoffice->request_extension(approvers.at("RS"), id, json::object{{"working_days", 9}, {"reason", "x"}});
            }),
            422);                                             // 2 + 9 > 10 working days
  EXPECT_EQ(worked(before, case_due(number)), 2 * 420 * 60);  // the refused extension changed nothing
}

// Two steps in parallel each ask for 6 days: both requests are within the allowance on their own, the second
// grant would pass it (6 + 6 > 10) and is refused at the grant, clocks unchanged; the supervisor then refuses
// it with a reason. Each step is audited under the name of whoever took it.
TEST_F(BackofficeFlow, ExtensionAllowanceIsCheckedAgainAtTheGrantAndEveryStepIsAudited) {
  now = at("2026-06-01T10:00:00");
  const auto number = accept_retirement("extend-twice");
  approve("RS", number, "contribution_years");
  const auto rs = task_id("RS", number, "pension_eligibility"), yb = task_id("YB", number, "medical_eligibility");
  backoffice->claim(approvers.at("RS"), rs);
  backoffice->claim(approvers.at("YB"), yb);
  const auto a = backoffice->request_extension(approvers.at("RS"), rs,
                                               json::object{{"working_days", 6}, {"reason", "需外省协查"}});
  const auto b = backoffice->request_extension(approvers.at("YB"), yb,
                                               json::object{{"working_days", 6}, {"reason", "需专家论证"}});
  EXPECT_EQ(
      problem_status([&] {
        backoffice->request_extension(approvers.at("RS"), rs, json::object{{"working_days", 1}, {"reason", "再延"}});
      }),
      409);  // one pending request per task
  backoffice->grant_extension(supervisor, a.at("id").as_int64());
  const auto granted = case_due(number);
  EXPECT_EQ(problem_status([&] { backoffice->grant_extension(supervisor, b.at("id").as_int64()); }), 422);
  EXPECT_EQ(case_due(number), granted);
  EXPECT_EQ(problem_status([&] { backoffice->refuse_extension(supervisor, b.at("id").as_int64(), json::object{}); }),
            400);
  const auto refused =
      backoffice->refuse_extension(supervisor, b.at("id").as_int64(), json::object{{"reason", "已超法定延长期限"}});
  EXPECT_EQ(refused.at("state").as_string(), "refused");
  EXPECT_EQ(problem_status([&] { backoffice->grant_extension(supervisor, b.at("id").as_int64()); }), 409);
  EXPECT_EQ(case_due(number), granted);

  std::vector<std::string> steps;
  pool->transact([&](ow::store::Tx& tx) {
    for (
        const auto& e : tx.exec_params(
            "SELECT a.event || ' ' || a.actor FROM case_audit a JOIN cases c ON c.id = a.case_id "
            "WHERE c.number = $1 AND a.event IN ('note:extension_request', 'note:extend', 'note:extension_refused') ORDER BY a.id",
            number))
      steps.push_back(e[0].as<std::string>());
  });
  const std::string rs1 = approvers.at("RS").log_id(), yb1 = approvers.at("YB").log_id(), sup = supervisor.log_id();
  EXPECT_EQ(steps, (std::vector<std::string>{"note:extension_request " + rs1, "note:extension_request " + yb1,
                                             "note:extend " + sup, "note:extension_refused " + sup}));
  // The approvers see their own requests, the supervisor all of the region's.
  EXPECT_EQ(backoffice->extension_requests(approvers.at("RS"), {}).at("items").as_array().size(), 1u);
  EXPECT_EQ(
      backoffice->extension_requests(supervisor, {std::string("pending"), std::nullopt}).at("items").as_array().size(),
      0u);
  platform::Actor elsewhere = supervisor;
  elsewhere.region_code = "330102";
  EXPECT_EQ(problem_status([&] { backoffice->grant_extension(elsewhere, a.at("id").as_int64()); }), 404);
  EXPECT_EQ(backoffice->extension_requests(elsewhere, {}).at("items").as_array().size(), 0u);
}

TEST_F(BackofficeFlow, TwoApproversClaimingAtOnceOneWins) {
  now = at("2026-06-01T10:00:00");
  for (int round = 0; round < 5; ++round) {
    const auto number = accept_retirement("race-" + std::to_string(round));
    const auto id = task_id("RS", number, "contribution_years");
    std::atomic<int> wins{0}, conflicts{0};
    auto attempt = [&](const platform::Actor& who) {
      const int s = problem_status([&] { backoffice->claim(who, id); });
      (s == 0 ? wins : conflicts) += (s == 0 || s == 409) ? 1 : 0;
    };
    std::thread a(attempt, approvers.at("RS")), b(attempt, colleagues.at("RS"));
    a.join();
    b.join();
    EXPECT_EQ(wins.load(), 1);
    EXPECT_EQ(conflicts.load(), 1);
    EXPECT_EQ(states(number).at("contribution_years"), "Received");
  }
}

TEST_F(BackofficeFlow, OtherDepartmentsAndRegionsCannotSeeATask) {
  now = at("2026-06-01T10:00:00");
  const auto number = accept_retirement("scope");
  const auto id = task_id("RS", number, "contribution_years");
  EXPECT_EQ(problem_status([&] { backoffice->task(approvers.at("SCJG"), id); }), 404);
  EXPECT_EQ(problem_status([&] { backoffice->claim(approvers.at("YB"), id); }), 404);
  platform::Actor elsewhere = approvers.at("RS");
  elsewhere.region_code = "330102";
  EXPECT_EQ(problem_status([&] { backoffice->task(elsewhere, id); }), 404);
  EXPECT_EQ(problem_status([&] {
              backoffice->decide(approvers.at("RS"), id, json::object{{"kind", "approve"}});
            }),
            409);  // unclaimed
}

// A request whose task was decided before the supervisor answered is moot: granting it is refused (409) and
// moves nothing; it can still be refused, which closes it.
TEST_F(BackofficeFlow, AnExtensionOfATaskDecidedMeanwhileCannotBeGranted) {
  now = at("2026-06-01T10:00:00");
  const auto number = accept_retirement("extend-moot");
  const auto id = task_id("RS", number, "contribution_years");
  backoffice->claim(approvers.at("RS"), id);
  const auto request = backoffice->request_extension(approvers.at("RS"), id,
                                                     json::object{{"working_days", 2}, {"reason", "需外省协查"}});
  backoffice->decide(approvers.at("RS"), id, json::object{{"kind", "approve"}});
  const auto before = case_due(number);
  EXPECT_EQ(problem_status([&] { backoffice->grant_extension(supervisor, request.at("id").as_int64()); }), 409);
  EXPECT_EQ(case_due(number), before);
  const auto refused =
      backoffice->refuse_extension(supervisor, request.at("id").as_int64(), json::object{{"reason", "任务已办结"}});
  EXPECT_EQ(refused.at("state").as_string(), "refused");
}

// Issue 17 (item 2): a department's 补正 is seen downstream — the clerk's case view names the materials, the
// reason, the department and since when; the case has a 补正材料告知书 for it (hall, clerk, consultation phone,
// the item's legal basis, the deadline); the applicant's page says what to bring and where; recording the
// materials at the window resumes the department's clock, counts the visit and closes the request.
TEST_F(BackofficeFlow, ADepartmentsSupplementIsSeenByTheClerkTheNoticeAndTheApplicant) {
  now = at("2026-07-06T10:00:00");  // a Monday
  const auto number = accept_retirement("dept-supplement");
  const auto rs = task_id("RS", number, "contribution_years");
  backoffice->claim(approvers.at("RS"), rs);
  // The reason is required, and a deadline already past is refused.
  for (const auto& [body, status] : std::vector<std::pair<json::object, int>>{
           {{{"kind", "request_supplement"}, {"materials", json::array{"household_register"}}}, 400},
           {{{"kind", "request_supplement"},
             {"materials", json::array{"household_register"}},
             {"reason", "缺页"},
             {"due_date", "2026-07-01"}},
            422},
           {{{"kind", "request_supplement"},
             {"materials", json::array{"household_register"}},
             {"reason", "缺页"},
             {"due_date", "7月10日"}},
            400}}) {
    EXPECT_EQ(problem_status([&] { backoffice->decide(approvers.at("RS"), rs, body); }), status)
        << json::serialize(body);
  }
  now = at("2026-07-06T11:00:00");
  const auto due_before = task_due("RS", rs);
  backoffice->decide(approvers.at("RS"), rs,
                     json::object{{"kind", "request_supplement"},
                                  {"materials", json::array{"household_register", "在职期间工作证明"}},
                                  {"reason", "户口簿首页缺失，需补交完整复印件"},
                                  {"due_date", "2026-07-13"}});

  const json::object v = view(number);
  EXPECT_EQ(v.at("state").as_string(), "Suspended");
  EXPECT_EQ(v.at("hall_name").as_string(), "西湖区政务服务中心");
  EXPECT_EQ(v.at("window_name").as_string(), "1号窗口（综合受理）");
  EXPECT_EQ(v.at("region_name").as_string(), "西湖区");
  json::object asked;
  for (const auto& t : v.at("tasks").as_array())
    if (t.at("step").as_string() == "contribution_years") asked = t.as_object();
  ASSERT_TRUE(asked.contains("supplement")) << json::serialize(v);
  const auto& s = asked.at("supplement").as_object();
  EXPECT_EQ(asked.at("department_name").as_string(), "西湖区人力资源和社会保障局");
  EXPECT_EQ(s.at("materials").at(0).at("name").as_string(), "居民户口簿");
  EXPECT_EQ(s.at("materials").at(1).at("name").as_string(), "在职期间工作证明");  // as the department wrote it
  EXPECT_EQ(s.at("reason").as_string(), "户口簿首页缺失，需补交完整复印件");
  EXPECT_EQ(s.at("since").as_string(), "2026-07-06T11:00:00+08:00");
  EXPECT_EQ(s.at("due_date").as_string(), "2026-07-13");
  bool listed = false;
  for (const auto& d : v.at("documents").as_array()) listed |= d.at("kind") == "department_supplement_notice";
  EXPECT_TRUE(listed);

  const std::string notice = intake->document(clerk, number, "department_supplement_notice");
  for (const char* text : {"补正材料告知书", "西湖区政务服务中心", "1号窗口（综合受理）", "受理人：clerk",
                           "咨询电话：0571-12345", "西湖区人力资源和社会保障局", "居民户口簿", "在职期间工作证明",
                           "户口簿首页缺失", "2026年7月6日 11:00", "请于 2026年7月13日 前补正", number.c_str()})
    EXPECT_NE(notice.find(text), std::string::npos) << text;
  EXPECT_EQ(notice.find("XH01"), std::string::npos);

  const json::object progress = intake->progress(number);
  EXPECT_EQ(progress.at("hall").at("name").as_string(), "西湖区政务服务中心");
  EXPECT_FALSE(progress.at("hall").at("address").as_string().empty());
  bool told = false;
  for (const auto& step : progress.at("steps").as_array())
    if (step.at("step").as_string() == "contribution_years") {
      told = step.as_object().contains("supplement") &&
             step.at("supplement").at("materials").at(0).at("name").as_string() == "居民户口簿";
      EXPECT_EQ(step.at("state_label").as_string(), "需补正材料");
    }
  EXPECT_TRUE(told) << json::serialize(progress);

  // Brought to the window on Wednesday: the department's clock runs again, one more visit, the request closes.
  now = at("2026-07-08T10:00:00");
  const int visits = static_cast<int>(v.at("visits").as_int64());
  intake->supplement(clerk, number, json::object{{"applicant_present", true}, {"step", "contribution_years"}});
  const json::object after = view(number);
  EXPECT_EQ(after.at("state").as_string(), "InProgress");
  EXPECT_EQ(after.at("visits").as_int64(), visits + 1);
  for (const auto& t : after.at("tasks").as_array())
    if (t.at("step").as_string() == "contribution_years") {
      EXPECT_EQ(t.at("state").as_string(), "Received");
      EXPECT_FALSE(t.as_object().contains("supplement"));
    }
  EXPECT_EQ(worked(due_before, task_due("RS", rs)), worked(at("2026-07-06T11:00:00"), at("2026-07-08T10:00:00")));
  for (const auto& d : after.at("documents").as_array()) EXPECT_NE(d.at("kind"), "department_supplement_notice");
}
