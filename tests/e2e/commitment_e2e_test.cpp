// 告知承诺制 end to end, with the real binary and the simulator's demo credit registry: a clean applicant's
// commitment stands in for the address proof (the case records it, the 告知承诺书 prints), a listed (失信) one is
// refused with the proofs asked instead, and a silent credit service refuses it too; after approval of the
// item the 核查 task is in the department's inbox on its own clock (20 working days), counted by the timekeeper
// (overdue when the test clock passes it); confirmed closes it; found false revokes the result (已撤销 with the
// reason, also on the public progress page) and the simulator receives the credit entry.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <pqxx/pqxx>
#include <regex>
#include <thread>

#include "tests/support/fixtures.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/server_process.hpp"
#include "tests/support/simulator_process.hpp"
#include "tests/support/test_env.hpp"

using ow::testing::http_request;
using ow::testing::HttpResult;
namespace json = boost::json;
namespace fs = std::filesystem;

namespace {

const char* kPassword = "password-123";
const char* kCleanCode = "91110000802100433B";   // not in the demo registry
const char* kListedCode = "91330106MA2B000022";  // 严重失信主体名单 and 失信被执行人 in the demo registry

// The demo catalog with 市场监管 and 公安 worked in the platform's inbox (approvers decide, nothing is pushed).
std::string catalog_copy() {
  const fs::path dir = fs::current_path() / ("commitment-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::copy(ow::testing::source_dir() + "/config/catalog", dir, fs::copy_options::recursive);
  const fs::path departments = dir / "departments.yaml";
  std::ifstream in(departments);
  std::string yaml{std::istreambuf_iterator<char>(in), {}};
  in.close();
  yaml = std::regex_replace(yaml, std::regex(R"(((SCJG|GA), +name: [^}]*)transport: push)"), "$1transport: inbox");
  std::ofstream(departments) << yaml;
  return dir.string();
}

class CommitmentE2E : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    sim_port = ow::testing::free_port();
    server = new ow::testing::ServerProcess("e2e_commitment",
                                            {{"OW_CATALOG_DIR", catalog_copy()},
                                             {"OW_CALENDAR_WEEKDAY_FALLBACK", "true"},
                                             {"OW_TEST_TIME_CONTROL", "true"},
                                             {"OW_TIMEKEEPER_INTERVAL_MS", "100"},
                                             {"OW_CREDIT_URL", "http://127.0.0.1:" + std::to_string(sim_port)},
                                             {"OW_CREDIT_TIMEOUT_MS", "500"}});
    std::string out;
    ASSERT_EQ(server->cli("catalog load", &out), 0) << out;
    for (const auto& [login, role] : std::vector<std::pair<std::string, std::string>>{
             {"clerk1", "--role clerk --region 330106 --hall XH01 --window W01"},
             {"scjg1", "--role approver --region 330106 --department SCJG"},
             {"ga1", "--role approver --region 330106 --department GA"}}) {
      ASSERT_EQ(server->cli("user add " + login + " " + role + " --name 测试 --password-stdin", nullptr, kPassword), 0);
      tokens[login] = server->login(login, kPassword);
    }
    // The simulator serves the credit registry; its one department is never pushed to.
    std::string key;
    ASSERT_EQ(server->cli("apikey add SW", &key), 0) << key;
    key.erase(key.find_last_not_of("\n") + 1);
    sim = new ow::testing::SimulatorProcess(
        sim_port, {"--platform", "http://127.0.0.1:" + std::to_string(server->port()), "--departments", "SW"},
        {{"OW_DEPT_SECRET_SW", "secret-of-SW"}, {"OW_DEPT_APIKEY_SW", key}});
  }
  static void TearDownTestSuite() {
    delete sim;
    EXPECT_EQ(server->terminate(), 0);
    delete server;
  }

  static json::object obj(const HttpResult& r) { return json::parse(r.body).as_object(); }
  static HttpResult call(const std::string& who, const std::string& method, const std::string& path,
                         const std::string& body = {}, const std::string& key = {}) {
    std::map<std::string, std::string> headers{{"Authorization", "Bearer " + tokens[who]}};
    if (!key.empty()) headers["Idempotency-Key"] = key;
    return http_request(server->port(), method, path, body, headers);
  }
  // 企业开办 without the optional steps (设立登记, then 印章刻制): every material but the address proof, and the
  // commitment instead of it.
  static json::object application(const std::string& credit_code, bool commit) {
    json::array materials;
    for (const char* m : {"id_card", "company_application", "articles", "representative_doc", "seal_application"})
      materials.push_back(json::object{{"id", m}, {"form", "original"}});
    if (!commit) materials.push_back(json::object{{"id", "premises_proof"}, {"form", "original"}});
    json::object body{
        {"bundle", "QYKB"},
        {"applicant",
         json::object{{"kind", "enterprise"}, {"name", "杭州承诺科技有限公司"}, {"credit_code", credit_code}}},
        {"contact_phone", "13812345678"},
        {"attributes",
         json::object{{"needs_invoice", false}, {"needs_bank_account", false}, {"hires_employees", false}}},
        {"materials", materials},
        {"decision", json::object{{"kind", "accept"}}}};
    if (commit) body["commitments"] = json::array{"330106-SCJG-001"};
    return body;
  }
  static std::string accept_committed(const std::string& key) {
    auto r = call("clerk1", "POST", "/api/v1/cases", json::serialize(application(kCleanCode, true)), key);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? std::string(obj(r).at("number").as_string()) : std::string();
  }
  static json::object inbox_item(const std::string& who, const std::string& number, const std::string& step) {
    const json::value inbox = json::parse(call(who, "GET", "/api/v1/tasks").body);
    for (const auto& t : inbox.at("items").as_array())
      if (t.at("number").as_string() == number && t.at("step").as_string() == step) return t.as_object();
    return {};
  }
  // The approver claims the task of `step` and approves it.
  static void approve(const std::string& who, const std::string& number, const std::string& step) {
    const auto item = inbox_item(who, number, step);
    ASSERT_FALSE(item.empty()) << number << " " << step;
    const std::string id = std::to_string(item.at("id").as_int64());
    ASSERT_EQ(call(who, "POST", "/api/v1/tasks/" + id + "/claim").status, 200);
    auto r = call(who, "POST", "/api/v1/tasks/" + id + "/decision", R"({"kind":"approve","opinion":"同意"})");
    ASSERT_EQ(r.status, 200) << r.body;
  }
  // The 核查 task of the case's 设立登记, claimed by scjg1; its id.
  static std::string claimed_verification(const std::string& number) {
    const auto item = inbox_item("scjg1", number, "verify.register");
    EXPECT_FALSE(item.empty());
    if (item.empty()) return {};
    const std::string id = std::to_string(item.at("id").as_int64());
    EXPECT_EQ(call("scjg1", "POST", "/api/v1/tasks/" + id + "/claim").status, 200);
    return id;
  }

  static inline ow::testing::ServerProcess* server = nullptr;
  static inline ow::testing::SimulatorProcess* sim = nullptr;
  static inline int sim_port = 0;
  static inline std::map<std::string, std::string> tokens;
};

}  // namespace

TEST_F(CommitmentE2E, AcceptedForACleanRecordRefusedForAListedOne) {
  // The catalog offers it, with what it stands in for and its 核查 limit.
  auto item = call("clerk1", "GET", "/api/v1/items/330106-SCJG-001");
  ASSERT_EQ(item.status, 200) << item.body;
  const json::object offer = obj(item).at("commitment").as_object();
  EXPECT_EQ(offer.at("replaces").as_array()[0].at("name").as_string(), "住所（经营场所）使用证明");
  EXPECT_EQ(offer.at("verify_within_text").as_string(), "20个工作日");

  // A listed applicant: refused, with the proofs asked instead; no case is opened.
  auto listed = call("clerk1", "POST", "/api/v1/cases", json::serialize(application(kListedCode, true)), "listed-1");
  ASSERT_EQ(listed.status, 422) << listed.body;
  EXPECT_EQ(obj(listed).at("code").as_string(), "commitment_refused_listed");
  EXPECT_EQ(obj(listed).at("title").as_string(),
            "申请人列入严重失信主体名单、失信被执行人，不适用告知承诺制，请改为收取证明材料");
  EXPECT_EQ(obj(listed).at("field").as_string(), "commitments");
  EXPECT_EQ(listed.body.find(kListedCode), std::string::npos);
  // With the proof handed over the same applicant's case is accepted.
  auto proofs = call("clerk1", "POST", "/api/v1/cases", json::serialize(application(kListedCode, false)), "listed-2");
  EXPECT_EQ(proofs.status, 201) << proofs.body;

  // An item that offers no commitment.
  auto other = application(kCleanCode, true);
  other["commitments"] = json::array{"330106-GA-YZBA"};
  auto not_offered = call("clerk1", "POST", "/api/v1/cases", json::serialize(other), "other-1");
  ASSERT_EQ(not_offered.status, 422) << not_offered.body;
  EXPECT_EQ(obj(not_offered).at("code").as_string(), "commitment_not_offered");
  EXPECT_EQ(obj(not_offered).at("field").as_string(), "commitments[0]");
  other["commitments"] = json::array{42};
  EXPECT_EQ(call("clerk1", "POST", "/api/v1/cases", json::serialize(other), "other-2").status, 400);

  // A clean record: accepted; the case records the commitment and how the proof was satisfied.
  auto clean = call("clerk1", "POST", "/api/v1/cases", json::serialize(application(kCleanCode, true)), "clean-1");
  ASSERT_EQ(clean.status, 201) << clean.body;
  const json::object view = obj(clean);
  const std::string number(view.at("number").as_string());
  std::map<std::string, std::string> satisfied;
  for (const auto& m : view.at("materials").as_array())
    satisfied[std::string(m.at("id").as_string())] = std::string(m.at("satisfied").as_string());
  EXPECT_EQ(satisfied["premises_proof"], "告知承诺（以承诺书代替）");
  EXPECT_EQ(satisfied["commitment_letter"], "告知承诺书");
  ASSERT_EQ(view.at("commitments").as_array().size(), 1u) << clean.body;
  const auto& c = view.at("commitments").as_array()[0].as_object();
  EXPECT_EQ(c.at("item_name").as_string(), "企业设立登记");
  EXPECT_EQ(c.at("replaces").as_array()[0].at("name").as_string(), "住所（经营场所）使用证明");
  EXPECT_EQ(c.at("verify_within_text").as_string(), "20个工作日");
  EXPECT_EQ(c.at("outcome_label").as_string(), "待核查");

  // The printable 告知承诺书: names, the promised conditions, the date in Chinese; kept for the PDF check.
  auto letter = call("clerk1", "GET", "/api/v1/cases/" + number + "/documents/commitment_letter");
  ASSERT_EQ(letter.status, 200) << letter.body;
  for (const char* text : {"<h1>告知承诺书</h1>", "杭州承诺科技有限公司", "企业设立登记（西湖区市场监督管理局）",
                           "住所（经营场所）使用证明（申请人无需提交）", "企业能够通过登记的住所（经营场所）取得联系",
                           "20个工作日内", "承诺人签字（盖章）", "国办发〔2020〕42号"})
    EXPECT_NE(letter.body.find(text), std::string::npos) << text;
  EXPECT_TRUE(std::regex_search(letter.body, std::regex("承诺日期：20[0-9]{2}年[0-9]{1,2}月[0-9]{1,2}日")));
  std::ofstream(fs::current_path() / "commitment_letter.html") << letter.body;

  // The credit service silent: no commitment (paper proofs), within the timeout.
  ASSERT_EQ(http_request(sim_port, "POST", "/_control", R"({"down_seconds": 3, "departments": ["CREDIT"]})").status,
            200);
  const auto started = std::chrono::steady_clock::now();
  auto silent = call("clerk1", "POST", "/api/v1/cases", json::serialize(application(kCleanCode, true)), "silent-1");
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(3));
  ASSERT_EQ(silent.status, 422) << silent.body;
  EXPECT_EQ(obj(silent).at("code").as_string(), "commitment_credit_unavailable");
  EXPECT_EQ(obj(silent).at("title").as_string(), "信用核查暂不可用，不能适用告知承诺，请改为收取证明材料");
  std::this_thread::sleep_for(std::chrono::seconds(3));
}

TEST_F(CommitmentE2E, TheVerificationTaskFollowsApprovalAndAFalseCommitmentRevokes) {
  const std::string number = accept_committed("revoke-1");
  ASSERT_FALSE(number.empty());
  EXPECT_TRUE(inbox_item("scjg1", number, "verify.register").empty());  // not before the item is approved
  approve("scjg1", number, "register");
  // In the department's inbox like any task, named, on its own clock of 20 working days (420-minute days).
  const auto item = inbox_item("scjg1", number, "verify.register");
  ASSERT_FALSE(item.empty());
  EXPECT_EQ(item.at("step_name").as_string(), "告知承诺核查：企业设立登记");
  EXPECT_EQ(item.at("clock").at("budget_seconds").as_int64(), 20 * 420 * 60);
  EXPECT_EQ(item.at("clock").at("status").as_string(), "running");
  // The result does not wait for the 核查.
  approve("ga1", number, "seal");
  auto view = obj(call("clerk1", "GET", "/api/v1/cases/" + number));
  EXPECT_EQ(view.at("state").as_string(), "ResultReady");

  // Bad verdicts are problems naming the field.
  const std::string id = claimed_verification(number);
  auto bad = call("scjg1", "POST", "/api/v1/tasks/" + id + "/verification", R"({"outcome":"maybe"})");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(obj(bad).at("field").as_string(), "outcome");
  bad = call("scjg1", "POST", "/api/v1/tasks/" + id + "/verification", R"({"outcome":"false"})");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(obj(bad).at("field").as_string(), "reason");
  bad = call("scjg1", "POST", "/api/v1/tasks/" + id + "/decision", R"({"kind":"approve"})");
  EXPECT_EQ(bad.status, 422) << bad.body;

  // Found false: revoked, with the reason, and the credit entry recorded.
  auto verdict = call("scjg1", "POST", "/api/v1/tasks/" + id + "/verification",
                      R"({"outcome":"false","reason":"现场核查：申报住所为住宅，无法取得联系"})");
  ASSERT_EQ(verdict.status, 200) << verdict.body;
  EXPECT_EQ(obj(verdict).at("case_state").as_string(), "Revoked");
  EXPECT_EQ(obj(verdict).at("state").as_string(), "Rejected");
  EXPECT_TRUE(obj(verdict).at("credit_entry").at("recorded").as_bool()) << verdict.body;
  view = obj(call("clerk1", "GET", "/api/v1/cases/" + number));
  EXPECT_EQ(view.at("state_label").as_string(), "已撤销");
  EXPECT_EQ(view.at("revocation").at("reason").as_string(), "现场核查：申报住所为住宅，无法取得联系");
  EXPECT_EQ(view.at("commitments").as_array()[0].at("outcome_label").as_string(), "承诺不实，已撤销");
  auto notice = call("clerk1", "GET", "/api/v1/cases/" + number + "/documents/revocation_notice");
  ASSERT_EQ(notice.status, 200) << notice.body;
  EXPECT_NE(notice.body.find("撤销决定告知书"), std::string::npos);
  EXPECT_NE(notice.body.find("第六十九条"), std::string::npos);

  // The public progress page says 已撤销 and why.
  const auto receipt = call("clerk1", "GET", "/api/v1/cases/" + number + "/documents/receipt").body;
  std::smatch code;
  ASSERT_TRUE(std::regex_search(receipt, code, std::regex("<td class=\"code\">([^<]+)</td>")));
  auto progress =
      http_request(server->port(), "GET", "/api/v1/public/progress?number=" + number + "&code=" + std::string(code[1]));
  ASSERT_EQ(progress.status, 200) << progress.body;
  EXPECT_EQ(obj(progress).at("state_label").as_string(), "已撤销");
  EXPECT_EQ(obj(progress).at("revocation").at("reason").as_string(), "现场核查：申报住所为住宅，无法取得联系");

  // The simulator's credit registry received the entry, and now lists the enterprise.
  const json::value entries = json::parse(http_request(sim_port, "GET", "/credit-entries").body);
  bool found = false;
  for (const auto& e : entries.at("entries").as_array())
    found |= e.at("holder").as_string() == kCleanCode && e.at("list").as_string() == "严重失信主体名单" &&
             std::string(e.at("reason").as_string()).find(number) != std::string::npos;
  EXPECT_TRUE(found) << json::serialize(entries);
  // The same verdict posted again (as after the credit service was away) changes nothing and is still one entry.
  auto again = call("scjg1", "POST", "/api/v1/tasks/" + id + "/verification",
                    R"({"outcome":"false","reason":"现场核查：申报住所为住宅，无法取得联系"})");
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_TRUE(obj(again).at("retried").as_bool()) << again.body;
  const json::value after = json::parse(http_request(sim_port, "GET", "/credit-entries").body);
  int entries_of_case = 0;
  for (const auto& e : after.at("entries").as_array())
    entries_of_case += std::string(e.at("reason").as_string()).find(number) != std::string::npos;
  EXPECT_EQ(entries_of_case, 1) << json::serialize(after);
  auto listed_now =
      call("clerk1", "POST", "/api/v1/credit-checks", json::serialize(json::object{{"holder", kCleanCode}}));
  EXPECT_TRUE(obj(listed_now).at("listed").as_bool()) << listed_now.body;
}

TEST_F(CommitmentE2E, ConfirmedClosesAndAnOpenVerificationIsCountedByTheTimekeeper) {
  // (The enterprise of the previous test is listed now: these cases are another's.)
  auto body = application("91330106MA2B000110", true);
  std::string numbers[2];
  for (int i = 0; i < 2; ++i) {
    auto r = call("clerk1", "POST", "/api/v1/cases", json::serialize(body), "timed-" + std::to_string(i));
    ASSERT_EQ(r.status, 201) << r.body;
    numbers[i] = std::string(obj(r).at("number").as_string());
    approve("scjg1", numbers[i], "register");
  }
  const std::string id = claimed_verification(numbers[0]);
  auto verdict = call("scjg1", "POST", "/api/v1/tasks/" + id + "/verification",
                      R"({"outcome":"confirmed","opinion":"现场核查属实"})");
  ASSERT_EQ(verdict.status, 200) << verdict.body;
  EXPECT_EQ(obj(verdict).at("state").as_string(), "Approved");
  EXPECT_EQ(obj(verdict).at("case_state").as_string(), "InProgress");
  EXPECT_FALSE(obj(verdict).contains("credit_entry"));
  // The open 核查 of the other case goes overdue when its 20 working days are past (six weeks on).
  ASSERT_EQ(http_request(server->port(), "POST", "/api/v1/test/clock", R"({"offset_seconds": 3628800})").status, 200);
  pqxx::connection db(server->db_url());
  int overdue = 0, closed = -1;
  for (int i = 0; i < 100 && overdue == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    pqxx::read_transaction tx(db);
    const std::string sql =
        "SELECT count(*) FROM alerts a JOIN cases c ON c.id = a.case_id WHERE c.number = $1 AND a.kind = 'step_overdue'"
        " AND a.clock = 'task:verify.register'";
    overdue = tx.exec_params1(sql, numbers[1])[0].as<int>();
    closed = tx.exec_params1(sql, numbers[0])[0].as<int>();
  }
  EXPECT_EQ(overdue, 1);
  EXPECT_EQ(closed, 0);  // the confirmed one stopped its clock
  ASSERT_EQ(http_request(server->port(), "POST", "/api/v1/test/clock", R"({"offset_seconds": 0})").status, 200);
}
