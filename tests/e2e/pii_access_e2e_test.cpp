// Personal data in case views against the running binary: who sees the applicant unmasked (the clerk of the
// case's hall, the approver holding one of its tasks), who sees masks (supervisors, other halls, approvers not
// holding), who sees nothing (admin and auditor: 403; an approver whose department has no task: 404); every
// unmasked read is one pii_access row with its route and request id, which auditors query.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <fstream>
#include <pqxx/pqxx>

#include "services/store/pg_types.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/server_process.hpp"

using ow::testing::http_request;
using ow::testing::HttpResult;
namespace json = boost::json;

namespace {

constexpr const char* kId = "11010519491231002X";
constexpr const char* kPhone = "13812345678";

class PiiAccessE2E : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server = new ow::testing::ServerProcess("e2e_pii", {{"OW_CALENDAR_WEEKDAY_FALLBACK", "true"}});
    std::string out;
    ASSERT_EQ(server->cli("catalog load", &out), 0) << out;
    for (const char* u :
         {"clerk1 --name 窗口一 --role clerk --region 330106 --hall XH01 --window W01",
          "clerk2 --name 窗口二 --role clerk --region 330106 --hall XH02 --window W01",
          "clerk9 --name 上城窗口 --role clerk --region 330102 --hall SC01 --window W01",
          "wj1 --name 卫健一 --role approver --region 330106 --department WJ",
          "wj2 --name 卫健二 --role approver --region 330106 --department WJ",
          "scj1 --name 市场监管 --role approver --region 330106 --department SCJG",
          "sup1 --name 区督查 --role supervisor --region 330106", "admin1 --name 管理员 --role admin --region 330100",
          "aud1 --name 审计员 --role auditor --region 330100", "aud9 --name 宁波审计 --role auditor --region 330200"})
      ASSERT_EQ(server->cli(std::string("user add ") + u + " --password-stdin", nullptr, "password-123"), 0) << u;
    for (const char* u : {"clerk1", "clerk2", "clerk9", "wj1", "wj2", "scj1", "sup1", "admin1", "aud1", "aud9"})
      tokens[u] = server->login(u, "password-123");
  }
  static void TearDownTestSuite() {
    EXPECT_EQ(server->terminate(), 0);
    delete server;
  }

  static HttpResult call(const std::string& who, const std::string& method, const std::string& target,
                         const std::string& request_id = {}, const json::value& body = json::object{},
                         const std::string& key = {}) {
    std::map<std::string, std::string> h{{"Authorization", "Bearer " + tokens[who]}};
    if (!request_id.empty()) h["X-Request-Id"] = request_id;
    if (!key.empty()) h["Idempotency-Key"] = key;
    return http_request(server->port(), method, target, method == "GET" ? std::string() : json::serialize(body), h);
  }
  static HttpResult get(const std::string& who, const std::string& target, const std::string& request_id = {}) {
    return call(who, "GET", target, request_id);
  }
  static json::object obj(const HttpResult& r) { return json::parse(r.body).as_object(); }

  // A 出生一件事 case at clerk1's hall: 卫健 (an inbox department) works the first step.
  static std::string accept_birth_case(const std::string& key) {
    auto r = call("clerk1", "POST", "/api/v1/cases", {}, ow::testing::birth_application(), key);
    EXPECT_EQ(r.status, 201) << r.body;
    return std::string(obj(r).at("number").as_string());
  }
  static std::int64_t wj_task(const std::string& number) {
    const json::object inbox = obj(get("wj1", "/api/v1/tasks"));
    for (const auto& t : inbox.at("items").as_array())
      if (t.at("number").as_string() == number) return t.at("id").as_int64();
    return 0;
  }
  // The access log rows of a case, read straight from the table: (login, route, request id).
  static std::vector<std::tuple<std::string, std::string, std::string>> rows_of(const std::string& number) {
    pqxx::connection c(server->db_url());
    pqxx::read_transaction tx(c);
    std::vector<std::tuple<std::string, std::string, std::string>> out;
    for (const auto& r : tx.exec_params(
             "SELECT actor_login, route, request_id FROM pii_access WHERE case_number = $1 ORDER BY id", number))
      out.emplace_back(r[0].as<std::string>(), r[1].as<std::string>(), r[2].as<std::string>());
    return out;
  }
  static void expect_masked(const HttpResult& r, const char* who) {
    ASSERT_EQ(r.status, 200) << who << ": " << r.body;
    EXPECT_EQ(r.body.find(kId), std::string::npos) << who;
    EXPECT_EQ(r.body.find(kPhone), std::string::npos) << who;
    EXPECT_EQ(r.body.find("张三"), std::string::npos) << who;
  }

  static ow::testing::ServerProcess* server;
  static std::map<std::string, std::string> tokens;
};
ow::testing::ServerProcess* PiiAccessE2E::server = nullptr;
std::map<std::string, std::string> PiiAccessE2E::tokens;

}  // namespace

TEST_F(PiiAccessE2E, TheHallsClerkReadsInFullAndIsRecorded) {
  const std::string number = accept_birth_case("pii-1");
  EXPECT_TRUE(rows_of(number).empty());  // the clerk's answer to their own intake is no read of stored data

  auto r = get("clerk1", "/api/v1/cases/" + number, "pii-read-clerk1");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto view = obj(r);
  EXPECT_EQ(view.at("applicant").at("id_number").as_string(), kId);
  EXPECT_EQ(view.at("applicant").at("name").as_string(), "张三");
  EXPECT_EQ(view.at("contact_phone").as_string(), kPhone);
  EXPECT_EQ(view.at("personal_data").as_string(), "full");
  using Row = std::tuple<std::string, std::string, std::string>;
  EXPECT_EQ(rows_of(number), (std::vector<Row>{{"clerk1", "GET /api/v1/cases/{number}", "pii-read-clerk1"}}));

  // Masked reads are not recorded: the supervisor and a clerk of another hall of the district.
  for (const char* who : {"sup1", "clerk2"}) {
    auto m = get(who, "/api/v1/cases/" + number);
    expect_masked(m, who);
    EXPECT_EQ(obj(m).at("applicant").at("name").as_string(), "张*");
    EXPECT_EQ(obj(m).at("applicant").at("id_number").as_string(), "110***********002X");
    EXPECT_EQ(obj(m).at("contact_phone").as_string(), "138****5678");
    EXPECT_EQ(obj(m).at("personal_data").as_string(), "masked");
  }
  EXPECT_EQ(get("clerk9", "/api/v1/cases/" + number).status, 404);  // another district
  EXPECT_EQ(rows_of(number).size(), 1u);

  // The receipt names the applicant: the hall's clerk opens it (recorded), the supervisor may not.
  EXPECT_EQ(get("clerk1", "/api/v1/cases/" + number + "/documents/receipt", "pii-receipt").status, 200);
  auto sup_receipt = get("sup1", "/api/v1/cases/" + number + "/documents/receipt");
  EXPECT_EQ(sup_receipt.status, 403);
  EXPECT_EQ(obj(sup_receipt).at("code").as_string(), "personal_data_restricted");
  EXPECT_EQ(get("clerk2", "/api/v1/cases/" + number + "/documents/receipt").status, 403);
  EXPECT_EQ(get("clerk9", "/api/v1/cases/" + number + "/documents/receipt").status, 404);
  EXPECT_EQ(get("clerk1", "/api/v1/cases/" + number + "/documents/refusal_notice").status,
            404);  // none: nothing recorded
  EXPECT_EQ(rows_of(number).back(), (Row{"clerk1", "GET /api/v1/cases/{number}/documents/{kind}", "pii-receipt"}));
  EXPECT_EQ(rows_of(number).size(), 2u);
}

TEST_F(PiiAccessE2E, AdminAndAuditorGetNoCaseBodies) {
  const std::string number = accept_birth_case("pii-2");
  for (const char* who : {"admin1", "aud1"}) {
    EXPECT_EQ(get(who, "/api/v1/cases/" + number).status, 403) << who;
    EXPECT_EQ(get(who, "/api/v1/cases").status, 403) << who;
    EXPECT_EQ(get(who, "/api/v1/cases/" + number + "/documents/receipt").status, 403) << who;
    EXPECT_EQ(get(who, "/api/v1/tasks").status, 403) << who;
  }
  EXPECT_TRUE(rows_of(number).empty());
}

TEST_F(PiiAccessE2E, ApproversSeeTheApplicantOnlyWhileHoldingATask) {
  const std::string number = accept_birth_case("pii-3");
  const std::int64_t task = wj_task(number);
  ASSERT_GT(task, 0);
  const std::string task_url = "/api/v1/tasks/" + std::to_string(task);

  // 市场监管 has no step in a birth case: the case does not exist for its approver.
  EXPECT_EQ(get("scj1", "/api/v1/cases/" + number).status, 404);
  EXPECT_EQ(get("scj1", "/api/v1/cases/" + number + "/documents/receipt").status, 404);
  // 卫健's approvers before anyone claims: masked, the case and the task alike; no list of cases.
  expect_masked(get("wj1", "/api/v1/cases/" + number), "wj1 before claiming");
  expect_masked(get("wj1", task_url), "wj1's task before claiming");
  EXPECT_EQ(get("wj1", "/api/v1/cases").status, 403);
  EXPECT_EQ(get("wj1", "/api/v1/cases/" + number + "/documents/receipt").status, 403);
  EXPECT_TRUE(rows_of(number).empty());

  auto claimed = call("wj1", "POST", task_url + "/claim", "pii-claim");
  ASSERT_EQ(claimed.status, 200) << claimed.body;
  EXPECT_EQ(obj(claimed).at("case").at("applicant").at("id_number").as_string(), kId);
  EXPECT_EQ(obj(get("wj1", "/api/v1/cases/" + number, "pii-wj1-case")).at("contact_phone").as_string(), kPhone);
  expect_masked(get("wj2", "/api/v1/cases/" + number), "wj2, a colleague not holding it");
  expect_masked(get("wj2", task_url), "wj2's view of the task");
  using Row = std::tuple<std::string, std::string, std::string>;
  EXPECT_EQ(rows_of(number), (std::vector<Row>{{"wj1", "POST /api/v1/tasks/{id}/claim", "pii-claim"},
                                               {"wj1", "GET /api/v1/cases/{number}", "pii-wj1-case"}}));

  // Once approved the task is no longer held: masks again.
  auto approved = call(
      "wj1", "POST", task_url + "/decision", {},
      json::object{{"kind", "approve"}, {"opinion", "同意"}, {"produced", json::object{{"birth_certificate", "Q1"}}}});
  ASSERT_EQ(approved.status, 200) << approved.body;
  expect_masked(approved, "wj1's answer after approving");
  expect_masked(get("wj1", "/api/v1/cases/" + number), "wj1 after approving");
  EXPECT_EQ(rows_of(number).size(), 2u);
}

TEST_F(PiiAccessE2E, ListsAreFullOnlyForTheHallsClerk) {
  const std::string number = accept_birth_case("pii-4");
  auto own = get("clerk1", "/api/v1/cases?window=W01&limit=200", "pii-list");
  ASSERT_EQ(own.status, 200) << own.body;
  bool found = false;
  const json::object list = obj(own);  // kept alive while iterating
  for (const auto& item : list.at("items").as_array())
    if (item.at("number").as_string() == number) {
      found = true;
      EXPECT_EQ(item.at("applicant").at("id_number").as_string(), kId);
    }
  EXPECT_TRUE(found);
  using Row = std::tuple<std::string, std::string, std::string>;
  EXPECT_EQ(rows_of(number), (std::vector<Row>{{"clerk1", "GET /api/v1/cases", "pii-list"}}));
  expect_masked(get("clerk2", "/api/v1/cases?limit=200"), "clerk2's list");
  expect_masked(get("sup1", "/api/v1/cases?limit=200"), "sup1's list");
  EXPECT_EQ(rows_of(number).size(), 1u);
}

TEST_F(PiiAccessE2E, AuditorsQueryTheAccessLog) {
  const std::string number = accept_birth_case("pii-5");
  ASSERT_EQ(get("clerk1", "/api/v1/cases/" + number, "pii-audit-1").status, 200);
  ASSERT_EQ(get("clerk1", "/api/v1/cases/" + number + "/documents/receipt", "pii-audit-2").status, 200);

  auto r = get("aud1", "/api/v1/pii-access?case=" + number);
  ASSERT_EQ(r.status, 200) << r.body;
  const auto log = obj(r);
  const auto& items = log.at("items").as_array();
  ASSERT_EQ(items.size(), 2u);
  const auto& first = items[1].as_object();  // newest first
  EXPECT_EQ(first.at("case_number").as_string(), number);
  EXPECT_EQ(first.at("route").as_string(), "GET /api/v1/cases/{number}");
  EXPECT_EQ(first.at("route_label").as_string(), "查看办件");
  EXPECT_EQ(first.at("request_id").as_string(), "pii-audit-1");
  EXPECT_EQ(first.at("actor").at("login").as_string(), "clerk1");
  EXPECT_EQ(first.at("actor").at("display_name").as_string(), "窗口一");
  EXPECT_EQ(first.at("actor").at("role_label").as_string(), "窗口受理");
  EXPECT_EQ(first.at("at").as_string().size(), 25u);  // 2026-11-27T21:09:00+08:00
  EXPECT_EQ(items[0].at("route_label").as_string(), "查看文书");
  EXPECT_TRUE(log.at("next_cursor").is_null());
  // The log itself holds no personal data.
  EXPECT_EQ(r.body.find(kId), std::string::npos);
  EXPECT_EQ(r.body.find("张三"), std::string::npos);
  {
    pqxx::connection c(server->db_url());
    pqxx::read_transaction tx(c);
    const auto all =
        tx.exec("SELECT coalesce(string_agg(row_to_json(p)::text, ' '), '') FROM pii_access p")[0][0].as<std::string>();
    EXPECT_EQ(all.find(kId), std::string::npos);
    EXPECT_EQ(all.find(kPhone), std::string::npos);
    EXPECT_EQ(all.find("张三"), std::string::npos);
  }

  // Paging, filters, the admin too; another city's auditor sees nothing of this district.
  auto page = obj(get("aud1", "/api/v1/pii-access?case=" + number + "&limit=1"));
  ASSERT_EQ(page.at("items").as_array().size(), 1u);
  ASSERT_FALSE(page.at("next_cursor").is_null());
  auto next = obj(get("aud1", "/api/v1/pii-access?case=" + number +
                                  "&limit=1&cursor=" + std::string(page.at("next_cursor").as_string())));
  ASSERT_EQ(next.at("items").as_array().size(), 1u);
  EXPECT_EQ(next.at("items").as_array()[0].at("request_id").as_string(), "pii-audit-1");
  EXPECT_GE(obj(get("aud1", "/api/v1/pii-access?actor=clerk1&since=2020-01-01")).at("items").as_array().size(), 2u);
  EXPECT_EQ(obj(get("aud1", "/api/v1/pii-access?actor=sup1")).at("items").as_array().size(), 0u);
  EXPECT_EQ(obj(get("aud1", "/api/v1/pii-access?case=" + number + "&since=2999-01-01T00:00:00%2B08:00"))
                .at("items")
                .as_array()
                .size(),
            0u);
  EXPECT_EQ(obj(get("admin1", "/api/v1/pii-access?case=" + number)).at("items").as_array().size(), 2u);
  EXPECT_EQ(obj(get("aud9", "/api/v1/pii-access?case=" + number)).at("items").as_array().size(), 0u);

  // Only admin and auditor; bad parameters name their field.
  for (const char* who : {"clerk1", "wj1", "sup1"})
    EXPECT_EQ(get(who, "/api/v1/pii-access?case=" + number).status, 403) << who;
  EXPECT_EQ(http_request(server->port(), "GET", "/api/v1/pii-access").status, 401);
  for (const auto& [query, field] : std::vector<std::pair<std::string, std::string>>{{"case=123", "case"},
                                                                                     {"actor=NOT%20A%20LOGIN", "actor"},
                                                                                     {"since=yesterday", "since"},
                                                                                     {"limit=0", "limit"},
                                                                                     {"limit=abc", "limit"},
                                                                                     {"cursor=-1", "cursor"}}) {
    auto bad = get("aud1", "/api/v1/pii-access?" + query);
    EXPECT_EQ(bad.status, 400) << query;
    EXPECT_EQ(obj(bad).at("field").as_string(), field) << query;
  }
}

// Issue 15: a clerk finds an applicant's cases by ID number or phone (the value in the body, through the blind
// index; scoped and masked like any list), and after a whole run of reads, look-ups, documents and refusals
// the server's log holds none of the name, ID number or phone this test used.
TEST_F(PiiAccessE2E, CasesAreFoundByIdNumberOrPhoneAndTheLogNeverHoldsPersonalData) {
  const std::string number = accept_birth_case("search-1");
  auto search = [&](const std::string& who, const json::object& body) {
    return call(who, "POST", "/api/v1/case-search", "search-" + who, body);
  };
  auto numbers = [&](const HttpResult& r) {
    std::vector<std::string> out;
    const json::object o = obj(r);
    for (const auto& i : o.at("items").as_array()) out.emplace_back(i.at("number").as_string());
    return out;
  };
  const auto by_id = search("clerk1", {{"id_number", "110105 19491231002x"}});
  ASSERT_EQ(by_id.status, 200) << by_id.body;
  ASSERT_FALSE(numbers(by_id).empty()) << by_id.body;
  EXPECT_EQ(numbers(by_id).front(), number);
  EXPECT_NE(by_id.body.find(kPhone), std::string::npos) << "the hall's clerk sees the list in full";
  const auto by_phone = search("sup1", {{"contact_phone", kPhone}});
  expect_masked(by_phone, "sup1");
  ASSERT_FALSE(numbers(by_phone).empty()) << by_phone.body;
  EXPECT_EQ(numbers(by_phone).front(), number);
  EXPECT_TRUE(numbers(search("clerk9", {{"id_number", kId}})).empty()) << "another region's clerk finds nothing";
  const auto two = search("clerk1", {{"id_number", kId}, {"contact_phone", kPhone}});
  EXPECT_EQ(two.status, 400) << two.body;
  EXPECT_EQ(two.body.find(kId), std::string::npos) << "an error never repeats the value";
  EXPECT_EQ(search("clerk1", {{"id_number", std::string(40, '1')}}).status, 400);

  // More of what a day brings: reads, a document, a refused intake naming the applicant, a wrong public code.
  EXPECT_EQ(get("clerk1", "/api/v1/cases/" + number).status, 200);
  EXPECT_EQ(get("clerk1", "/api/v1/cases/" + number + "/documents/receipt").status, 200);
  json::object bad{
      {"bundle", "CSYJS"},
      {"applicant", json::object{{"kind", "person"}, {"name", "张三"}, {"id_number", "110105194912310021"}}},
      {"contact_phone", std::string(kPhone) + "9"},
      {"materials", json::array{}},
      {"decision", json::object{{"kind", "accept"}}}};
  const auto refused = call("clerk1", "POST", "/api/v1/cases", {}, bad, "bad-1");
  EXPECT_EQ(refused.status / 100, 4) << refused.body;
  EXPECT_EQ(refused.body.find(kPhone), std::string::npos) << refused.body;
  EXPECT_EQ(
      http_request(server->port(), "GET", "/api/v1/public/progress?number=" + number + "&code=AAAA-BBBB-CC").status /
          100,
      4);

  std::ifstream in(server->log_file());
  const std::string log((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_NE(log.find("/api/v1/case-search"), std::string::npos) << "the log is the one of this run";
  for (const std::string& v :
       {std::string(kId), std::string("110105194912310021"), std::string(kPhone), std::string("张三")})
    EXPECT_EQ(log.find(v), std::string::npos) << v << " is in the server's log";
}
