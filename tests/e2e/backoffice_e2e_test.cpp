// The back-office over HTTP: a 出生一件事 (CSYJS) case accepted at the window, each step claimed and approved by
// an approver of its department (all on inbox transport here), with a mid-process supplement, a special
// procedure, a transfer and an extension (requested, granted by a supervisor) on the way, delivered at the
// window → Concluded, on time. Also: other departments cannot see a task (404), two approvers claiming at once
// (one wins), rejection and withdrawal.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <pqxx/pqxx>
#include <set>
#include <sstream>
#include <thread>

#include "services/casework/record_codec.hpp"
#include "services/store/case_store.hpp"
#include "services/store/pg_types.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/server_process.hpp"
#include "tests/support/test_env.hpp"
#include "workflow/flow/replay.hpp"

using ow::testing::http_request;
using ow::testing::HttpResult;
namespace json = boost::json;
namespace fs = std::filesystem;

namespace {

// The demo catalog with 公安 on inbox transport, so that every CSYJS step is worked in the back-office.
std::string inbox_catalog() {
  fs::path dir = fs::current_path() / ("catalog-inbox-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  for (const auto& e : fs::directory_iterator(ow::testing::source_dir() + "/config/catalog"))
    fs::copy(e.path(), dir / e.path().filename());
  std::ifstream in(dir / "departments.yaml");
  std::stringstream text;
  text << in.rdbuf();
  std::string s = text.str();
  const std::string from = "name: 杭州市公安局西湖区分局, region: \"330106\", transport: push";
  s.replace(s.find(from), from.size(), "name: 杭州市公安局西湖区分局, region: \"330106\", transport: inbox");
  std::ofstream(dir / "departments.yaml") << s;
  return dir.string();
}

class BackofficeE2E : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server = new ow::testing::ServerProcess(
        "e2e_backoffice", {{"OW_CALENDAR_WEEKDAY_FALLBACK", "true"}, {"OW_CATALOG_DIR", inbox_catalog()}});
    std::string out;
    ASSERT_EQ(server->cli("catalog load", &out), 0) << out;
    for (const char* u :
         {"clerk1 --role clerk --region 330106 --hall XH01 --window W01",
          "wj1 --role approver --region 330106 --department WJ", "wj2 --role approver --region 330106 --department WJ",
          "ga1 --role approver --region 330106 --department GA", "yb1 --role approver --region 330106 --department YB",
          "rs1 --role approver --region 330106 --department RS", "rs2 --role approver --region 330106 --department RS",
          "scj1 --role approver --region 330106 --department SCJG", "sup1 --role supervisor --region 330106"})
      ASSERT_EQ(server->cli(std::string("user add ") + u + " --name 测试 --password-stdin", nullptr, "password-123"), 0)
          << u;
    for (const char* u : {"clerk1", "wj1", "wj2", "ga1", "yb1", "rs1", "rs2", "scj1", "sup1"})
      tokens[u] = server->login(u, "password-123");
  }
  static void TearDownTestSuite() {
    EXPECT_EQ(server->terminate(), 0);
    delete server;
  }

  static HttpResult post(const std::string& who, const std::string& target, const json::value& body = json::object{},
                         const std::string& key = {}) {
    std::map<std::string, std::string> h{{"Authorization", "Bearer " + tokens[who]}};
    if (!key.empty()) h["Idempotency-Key"] = key;
    return http_request(server->port(), "POST", target, json::serialize(body), h);
  }
  static HttpResult get(const std::string& who, const std::string& target) {
    return http_request(server->port(), "GET", target, {}, {{"Authorization", "Bearer " + tokens[who]}});
  }
  static json::object obj(const HttpResult& r) { return json::parse(r.body).as_object(); }

  static std::string accept_birth_case(const std::string& key) {
    auto r = post("clerk1", "/api/v1/cases", ow::testing::birth_application(), key);
    EXPECT_EQ(r.status, 201) << r.body;
    return std::string(obj(r).at("number").as_string());
  }
  // The task id of `step` in the inbox of `who`, or 0.
  static std::int64_t inbox_task(const std::string& who, const std::string& number, const std::string& step) {
    const json::object inbox = obj(get(who, "/api/v1/tasks"));  // keep the parsed body alive while iterating
    for (const auto& t : inbox.at("items").as_array())
      if (t.at("number").as_string() == number && t.at("step").as_string() == step) return t.at("id").as_int64();
    return 0;
  }
  static std::map<std::string, std::string> task_states(const std::string& number) {
    std::map<std::string, std::string> out;
    const json::object view = obj(get("clerk1", "/api/v1/cases/" + number));
    for (const auto& t : view.at("tasks").as_array())
      out[std::string(t.at("step").as_string())] = t.at("state").as_string();
    return out;
  }
  static std::string case_state(const std::string& number) {
    return std::string(obj(get("clerk1", "/api/v1/cases/" + number)).at("state").as_string());
  }
  static std::string task_url(std::int64_t id, const std::string& what = {}) {
    return "/api/v1/tasks/" + std::to_string(id) + (what.empty() ? "" : "/" + what);
  }

  static ow::testing::ServerProcess* server;
  static std::map<std::string, std::string> tokens;
};
ow::testing::ServerProcess* BackofficeE2E::server = nullptr;
std::map<std::string, std::string> BackofficeE2E::tokens;

}  // namespace

TEST_F(BackofficeE2E, BirthCaseFromIntakeToConclusion) {
  const std::string number = accept_birth_case("birth-1");
  EXPECT_EQ(task_states(number), (std::map<std::string, std::string>{{"birth_certificate", "Dispatched"},
                                                                     {"household", "Waiting"},
                                                                     {"medical_insurance", "Waiting"},
                                                                     {"social_security_card", "Waiting"}}));
  const auto wj_task = inbox_task("wj1", number, "birth_certificate");
  ASSERT_GT(wj_task, 0);
  EXPECT_EQ(inbox_task("ga1", number, "household"), 0);   // not ready yet
  EXPECT_EQ(get("scj1", task_url(wj_task)).status, 404);  // another department: invisible, not forbidden
  EXPECT_EQ(post("wj1", task_url(wj_task, "decision"), json::object{{"kind", "approve"}}).status,
            409);  // not claimed yet

  // Two approvers claim at the same moment: one wins.
  HttpResult a, b;
  std::thread t1([&] { a = post("wj1", task_url(wj_task, "claim")); });
  std::thread t2([&] { b = post("wj2", task_url(wj_task, "claim")); });
  t1.join();
  t2.join();
  ASSERT_EQ(std::min(a.status, b.status), 200) << a.body << b.body;
  ASSERT_EQ(std::max(a.status, b.status), 409);
  EXPECT_EQ(obj(a.status == 409 ? a : b).at("code").as_string(), "task_claimed");
  const std::string wj = a.status == 200 ? "wj1" : "wj2";
  EXPECT_EQ(obj(get(wj, task_url(wj_task))).at("case").at("applicant").at("id_number").as_string(),
            "11010519491231002X");  // full for the holder

  auto approved = post(wj, task_url(wj_task, "decision"),
                       json::object{{"kind", "approve"},
                                    {"opinion", "同意"},
                                    {"produced", json::object{{"birth_certificate", "Q330106000001"}}}});
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(task_states(number).at("household"), "Dispatched");
  EXPECT_EQ(task_states(number).at("medical_insurance"), "Waiting");  // sequential: never ready early

  const auto ga_task = inbox_task("ga1", number, "household");
  ASSERT_EQ(post("ga1", task_url(ga_task, "claim")).status, 200);
  auto ga_view = obj(get("ga1", task_url(ga_task)));
  EXPECT_EQ(ga_view.at("produced_by_earlier_steps").as_array()[0].at("result").at("birth_certificate").as_string(),
            "Q330106000001");
  ASSERT_EQ(post("ga1", task_url(ga_task, "decision"),
                 json::object{{"kind", "approve"}, {"produced", json::object{{"hukou_record", "户籍已登记"}}}})
                .status,
            200);
  auto states = task_states(number);
  EXPECT_EQ(states.at("medical_insurance"), "Dispatched");  // parallel steps ready together
  EXPECT_EQ(states.at("social_security_card"), "Dispatched");

  // 医保 asks for a supplement: the case is suspended until the applicant brings it to the window.
  const auto yb_task = inbox_task("yb1", number, "medical_insurance");
  ASSERT_EQ(post("yb1", task_url(yb_task, "claim")).status, 200);
  ASSERT_EQ(post("yb1", task_url(yb_task, "decision"),
                 json::object{{"kind", "request_supplement"},
                              {"materials", json::array{"household_register"}},
                              {"reason", "材料不清晰"}})
                .status,
            200);
  EXPECT_EQ(case_state(number), "Suspended");
  EXPECT_TRUE(
      obj(get("clerk1", "/api/v1/cases/" + number)).at("due").at("committed").is_null());  // paused: no due instant
  auto back = post("clerk1", "/api/v1/cases/" + number + "/supplement", json::object{{"applicant_present", true}});
  ASSERT_EQ(back.status, 200) << back.body;
  EXPECT_EQ(obj(back).at("state").as_string(), "InProgress");
  EXPECT_EQ(post("clerk1", "/api/v1/cases/" + number + "/supplement").status, 409);  // nothing waits any more

  // A special procedure pauses, its end resumes.
  ASSERT_EQ(
      post("yb1", task_url(yb_task, "decision"),
           json::object{{"kind", "special_procedure_start"}, {"procedure", "inspection"}, {"reason", "核查参保信息"}})
          .status,
      200);
  EXPECT_EQ(case_state(number), "Suspended");
  ASSERT_EQ(post("yb1", task_url(yb_task, "decision"), json::object{{"kind", "special_procedure_end"}}).status, 200);
  EXPECT_EQ(case_state(number), "InProgress");

  // 人社: transferred to a colleague, extended with a supervisor's approval, approved.
  const auto rs_task = inbox_task("rs1", number, "social_security_card");
  ASSERT_EQ(post("rs1", task_url(rs_task, "claim")).status, 200);
  EXPECT_EQ(post("rs1", task_url(rs_task, "transfer"), json::object{{"to", "yb1"}}).status, 422);  // not a colleague
  ASSERT_EQ(post("rs1", task_url(rs_task, "transfer"), json::object{{"to", "rs2"}}).status, 200);
  EXPECT_EQ(post("rs1", task_url(rs_task, "decision"), json::object{{"kind", "approve"}}).status,
            409);  // rs2 holds it now
  // The extension (issue 14): requested by the holder, granted by the supervisor in the supervisor's session —
  // an approver cannot grant it (was: 422 for an approver named in `approved_by`; now 403).
  EXPECT_EQ(post("rs2", task_url(rs_task, "decision"),
                 json::object{{"kind", "extend"}, {"working_days", 1}, {"approved_by", "sup1"}, {"reason", "x"}})
                .status,
            400);
  auto asked = post("rs2", task_url(rs_task, "extension-requests"),
                    json::object{{"working_days", 1}, {"reason", "需核实参保地"}});
  ASSERT_EQ(asked.status, 201) << asked.body;
  const std::string grant = "/api/v1/extension-requests/" + std::to_string(obj(asked).at("id").as_int64()) + "/grant";
  EXPECT_EQ(post("rs1", grant).status, 403);
  ASSERT_EQ(post("sup1", grant).status, 200);
  auto too_long =
      post("rs2", task_url(rs_task, "extension-requests"), json::object{{"working_days", 20}, {"reason", "x"}});
  EXPECT_EQ(obj(too_long).at("code").as_string(), "extension_exceeds_allowance");
  ASSERT_EQ(post("rs2", task_url(rs_task, "decision"), json::object{{"kind", "approve"}}).status, 200);
  ASSERT_EQ(post("yb1", task_url(yb_task, "decision"), json::object{{"kind", "approve"}}).status, 200);
  EXPECT_EQ(case_state(number), "ResultReady");

  // The window's delivery list has it; delivery concludes it, on time.
  bool listed = false;
  const json::object ready = obj(get("clerk1", "/api/v1/cases?state=ResultReady"));
  for (const auto& c : ready.at("items").as_array()) listed = listed || c.at("number").as_string() == number;
  EXPECT_TRUE(listed);
  EXPECT_EQ(post("clerk1", "/api/v1/cases/" + number + "/delivery", json::object{{"method", "post"}}).status,
            400);  // post needs a tracking number
  auto delivered = post("clerk1", "/api/v1/cases/" + number + "/delivery", json::object{{"method", "window"}});
  ASSERT_EQ(delivered.status, 200) << delivered.body;
  auto done = obj(delivered);
  EXPECT_EQ(done.at("state").as_string(), "Concluded");
  EXPECT_TRUE(done.at("met_committed_limit").as_bool());
  EXPECT_TRUE(done.at("met_statutory_limit").as_bool());
  EXPECT_EQ(done.at("visits").as_int64(), 3);  // intake, the supplement, pickup
  EXPECT_EQ(post("clerk1", "/api/v1/cases/" + number + "/withdrawal", json::object{{"reason", "x"}}).status, 409);

  // The stored audit replays to the stored states.
  pqxx::connection db(server->db_url());
  for (const auto& s : ow::store::case_statements()) db.prepare(s.name, s.sql);
  ow::store::Tx tx(db);  // read only: never committed
  auto row = ow::store::cases::by_number(tx, number);
  std::vector<ow::flow::AuditEntry> audit;
  for (const auto& e : ow::store::cases::audit(tx, row->id))
    audit.push_back({e.entity, e.event, e.from_state, e.to_state, e.actor, 0, e.detail});
  EXPECT_EQ(ow::flow::audit_mismatch(audit, ow::casework::record_from_rows(*row, ow::store::cases::tasks(tx, row->id))),
            "");
}

TEST_F(BackofficeE2E, RejectionCancelsTheRestAndWithdrawalToo) {
  const std::string number = accept_birth_case("birth-2");
  const auto wj_task = inbox_task("wj1", number, "birth_certificate");
  ASSERT_EQ(post("wj1", task_url(wj_task, "claim")).status, 200);
  EXPECT_EQ(post("wj1", task_url(wj_task, "decision"), json::object{{"kind", "reject"}, {"reason", "材料不实"}}).status,
            400);  // legal basis required
  ASSERT_EQ(post("wj1", task_url(wj_task, "decision"),
                 json::object{{"kind", "reject"}, {"reason", "材料不实"}, {"legal_basis", "《母婴保健法》"}})
                .status,
            200);
  EXPECT_EQ(case_state(number), "NotPermitted");
  for (const auto& [step, state] : task_states(number))
    EXPECT_EQ(state, step == "birth_certificate" ? "Rejected" : "Cancelled") << step;

  const std::string other = accept_birth_case("birth-3");
  auto w = post("clerk1", "/api/v1/cases/" + other + "/withdrawal", json::object{{"reason", "申请人撤回"}});
  ASSERT_EQ(w.status, 200) << w.body;
  EXPECT_EQ(obj(w).at("state").as_string(), "Withdrawn");
  for (const auto& [step, state] : task_states(other)) EXPECT_EQ(state, "Cancelled") << step;
  EXPECT_EQ(inbox_task("wj1", other, "birth_certificate"), 0);
}

// 待办 a page at a time with the total and each task's names; 已办 (task-decisions): mine and the department's,
// newest first; the department and whether it is a push department; bad paging parameters are 400s naming them.
TEST_F(BackofficeE2E, InboxPagesAndDecisionsList) {
  std::vector<std::string> numbers;
  for (int i = 0; i < 3; ++i) numbers.push_back(accept_birth_case("pages-" + std::to_string(i)));
  const auto all = obj(get("wj1", "/api/v1/tasks"));
  const auto total = all.at("total").as_int64();
  ASSERT_GE(total, 3);
  EXPECT_EQ(all.at("department").at("name").as_string(), "西湖区卫生健康局（助产机构）");
  EXPECT_FALSE(all.at("department").at("push").as_bool());
  EXPECT_EQ(all.at("items").at(0).at("bundle_name").as_string(), "出生一件事") << all;
  EXPECT_FALSE(all.at("items").at(0).at("step_name").as_string().empty());
  std::set<std::int64_t> seen;
  for (int page = 1; page <= (total + 1) / 2; ++page) {
    const auto p = obj(get("wj1", "/api/v1/tasks?size=2&page=" + std::to_string(page)));
    EXPECT_EQ(p.at("total").as_int64(), total);
    for (const auto& t : p.at("items").as_array()) EXPECT_TRUE(seen.insert(t.at("id").as_int64()).second) << t;
  }
  EXPECT_EQ(static_cast<std::int64_t>(seen.size()), total);  // every task on exactly one page
  const auto past = obj(get("wj1", "/api/v1/tasks?size=2&page=999"));
  EXPECT_TRUE(past.at("items").as_array().empty());
  EXPECT_EQ(past.at("total").as_int64(), total);
  const auto scj = obj(get("scj1", "/api/v1/tasks"));
  EXPECT_TRUE(scj.at("department").at("push").as_bool());
  EXPECT_EQ(scj.at("department").at("name").as_string(), "西湖区市场监督管理局");

  // wj1 approves one, then asks for a supplement on another: newest first in 已办.
  const auto approved = inbox_task("wj1", numbers[0], "birth_certificate");
  const auto supplemented = inbox_task("wj1", numbers[1], "birth_certificate");
  for (auto id : {approved, supplemented}) ASSERT_EQ(post("wj1", task_url(id, "claim")).status, 200);
  ASSERT_EQ(post("wj1", task_url(approved, "decision"),
                 json::object{{"kind", "approve"}, {"produced", json::object{{"birth_certificate", "Z330106001"}}}})
                .status,
            200);
  ASSERT_EQ(post("wj1", task_url(supplemented, "decision"),
                 json::object{{"kind", "request_supplement"},
                              {"materials", json::array{"household_register"}},
                              {"reason", "户口簿页面不清晰"}})
                .status,
            200);
  const auto mine = obj(get("wj1", "/api/v1/task-decisions?scope=me&size=2"));
  ASSERT_EQ(mine.at("items").as_array().size(), 2u) << mine;
  const auto& newest = mine.at("items").at(0).as_object();
  EXPECT_EQ(newest.at("task_id").as_int64(), supplemented);
  EXPECT_EQ(newest.at("decision").as_string(), "request_supplement");
  EXPECT_EQ(newest.at("number").as_string(), numbers[1]);
  EXPECT_EQ(newest.at("bundle_name").as_string(), "出生一件事");
  EXPECT_TRUE(newest.at("by_me").as_bool());
  EXPECT_EQ(mine.at("items").at(1).at("task_id").as_int64(), approved);
  EXPECT_EQ(mine.at("items").at(1).at("decision").as_string(), "approve");
  const auto colleague = obj(get("wj2", "/api/v1/task-decisions?scope=department&size=1"));
  EXPECT_EQ(colleague.at("items").at(0).at("task_id").as_int64(), supplemented);
  EXPECT_FALSE(colleague.at("items").at(0).at("by_me").as_bool());
  EXPECT_EQ(colleague.at("items").at(0).at("by_name").as_string(), "测试");
  const auto defaulted = obj(get("wj2", "/api/v1/task-decisions"));  // kept alive while iterating
  for (const auto& d : defaulted.at("items").as_array())
    EXPECT_TRUE(d.at("by_me").as_bool()) << d;  // scope=me is the default
  const auto other = obj(get("yb1", "/api/v1/task-decisions?scope=department&size=100"));
  for (const auto& d : other.at("items").as_array())
    EXPECT_NE(d.at("task_id").as_int64(), approved);  // another department's decisions are not listed

  for (const auto& [target, field] :
       std::vector<std::pair<std::string, std::string>>{{"/api/v1/tasks?page=0", "page"},
                                                        {"/api/v1/tasks?size=101", "size"},
                                                        {"/api/v1/tasks?size=x", "size"},
                                                        {"/api/v1/task-decisions?scope=all", "scope"},
                                                        {"/api/v1/task-decisions?page=-1", "page"}}) {
    const auto r = get("wj1", target);
    EXPECT_EQ(r.status, 400) << target;
    EXPECT_EQ(obj(r).at("field").as_string(), field) << target;
  }
}
