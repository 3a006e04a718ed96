// Scope below the region and the supervisor's own grant (issue 14, items 7 and 8), over HTTP against the
// running platform: each window action (decision, supplement, delivery, deferred materials, withdrawal) by a
// clerk of another hall of the same region is a 404 like a case of another region and changes nothing, while
// the hall's own clerk succeeds; a task is transferred only to an active approver who will see it; an extension
// is requested by the approver holding the task and moves the clocks only when a supervisor of the case's
// region grants it, both steps in the case's audit.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <pqxx/pqxx>

#include "services/store/pg_types.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/server_process.hpp"

using ow::testing::http_request;
using ow::testing::HttpResult;
namespace json = boost::json;

namespace {

class ScopeE2E : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server = new ow::testing::ServerProcess("e2e_scope", {{"OW_CALENDAR_WEEKDAY_FALLBACK", "true"}});
    std::string out;
    ASSERT_EQ(server->cli("catalog load", &out), 0) << out;
    for (const char* u :
         {"clerk1 --role clerk --region 330106 --hall XH01 --window W01",  // the hall that holds the cases
          "clerk2 --role clerk --region 330106 --hall XH02 --window W01",  // another hall, same district
          "clerk9 --role clerk --region 330102 --hall SC01 --window W01",  // another district
          "rs1 --role approver --region 330106 --department RS", "rs2 --role approver --region 330106 --department RS",
          "rscity --role approver --region 330100 --department RS",  // the city's 人社: covers 330106
          "rs9 --role approver --region 330102 --department RS",     // 人社 of another district
          "rsgone --role approver --region 330106 --department RS",  // disabled below
          "yb1 --role approver --region 330106 --department YB", "sup1 --role supervisor --region 330106",
          "sup9 --role supervisor --region 330102"})
      ASSERT_EQ(server->cli(std::string("user add ") + u + " --name 测试 --password-stdin", nullptr, "password-123"), 0)
          << u;
    for (const char* u : {"clerk1", "clerk2", "clerk9", "rs1", "rs2", "rscity", "rs9", "yb1", "sup1", "sup9"})
      tokens[u] = server->login(u, "password-123");
    ASSERT_EQ(server->cli("user disable rsgone"), 0);
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
  static json::object view(const std::string& number) { return obj(get("clerk1", "/api/v1/cases/" + number)); }

  // A 退休一件事 (TXYJS: 人社 → 人社 ‖ 医保 → 人社, all inbox) at clerk1's window, accepted or submitted online.
  static std::string retirement(const std::string& key, bool online = false) {
    json::object body{
        {"bundle", "TXYJS"},
        {"channel", online ? "online" : "window"},
        {"applicant", json::object{{"kind", "person"}, {"name", "李四"}, {"id_number", "11010519491231002X"}}},
        {"contact_phone", "13812345678"},
        {"materials", materials()}};
    if (!online) body["decision"] = json::object{{"kind", "accept"}};
    auto r = post("clerk1", "/api/v1/cases", body, key);
    EXPECT_EQ(r.status, 201) << r.body;
    return std::string(obj(r).at("number").as_string());
  }
  static json::array materials() {
    return json::array{json::object{{"id", "id_card"}, {"form", "original"}},
                       json::object{{"id", "household_register"}, {"form", "original"}},
                       json::object{{"id", "retirement_application"}, {"form", "original"}}};
  }
  static std::int64_t inbox_task(const std::string& who, const std::string& number, const std::string& step) {
    const json::object inbox = obj(get(who, "/api/v1/tasks"));
    for (const auto& t : inbox.at("items").as_array())
      if (t.at("number").as_string() == number && t.at("step").as_string() == step) return t.at("id").as_int64();
    return 0;
  }
  static std::string task_url(std::int64_t id, const std::string& what = {}) {
    return "/api/v1/tasks/" + std::to_string(id) + (what.empty() ? "" : "/" + what);
  }
  static void approve(const std::string& who, const std::string& number, const std::string& step) {
    const auto id = inbox_task(who, number, step);
    ASSERT_GT(id, 0) << step;
    ASSERT_EQ(post(who, task_url(id, "claim")).status, 200);
    ASSERT_EQ(post(who, task_url(id, "decision"), json::object{{"kind", "approve"}}).status, 200);
  }
  // A window action by another hall's (and another district's) clerk: 404 not_found and the case as it was.
  static void refused_elsewhere(const std::string& number, const std::string& action, const json::object& body) {
    const json::object before = view(number);
    for (const char* who : {"clerk2", "clerk9"}) {
      auto r = post(who, "/api/v1/cases/" + number + "/" + action, body);
      EXPECT_EQ(r.status, 404) << who << " " << action << ": " << r.body;
      EXPECT_EQ(obj(r).at("code").as_string(), "not_found") << who << " " << action;
    }
    const json::object after = view(number);
    EXPECT_EQ(after.at("state"), before.at("state")) << action;
    EXPECT_EQ(after.at("version"), before.at("version")) << action;
    EXPECT_EQ(after.at("visits"), before.at("visits")) << action;
    EXPECT_EQ(after.at("deferred"), before.at("deferred")) << action;
  }
  // Audit entries of a case whose event is one of the extension notes, as "event login".
  static std::vector<std::string> extension_audit(const std::string& number) {
    pqxx::connection db(server->db_url());
    pqxx::read_transaction tx(db);
    std::vector<std::string> out;
    for (const auto& r :
         tx.exec_params("SELECT a.event || ' ' || u.login FROM case_audit a JOIN cases c ON c.id = a.case_id "
                        "JOIN users u ON a.actor = 'user:' || u.id WHERE c.number = $1 AND a.event IN "
                        "('note:extension_request', 'note:extend', 'note:extension_refused') ORDER BY a.id",
                        number))
      out.push_back(r[0].as<std::string>());
    return out;
  }

  static ow::testing::ServerProcess* server;
  static std::map<std::string, std::string> tokens;
};
ow::testing::ServerProcess* ScopeE2E::server = nullptr;
std::map<std::string, std::string> ScopeE2E::tokens;

}  // namespace

TEST_F(ScopeE2E, WindowActionsBelongToTheClerksOfTheCasesHall) {
  // 网上预审: the decision on an online submission.
  const std::string number = retirement("online-1", true);
  const json::object decision{
      {"materials", materials()}, {"decision", json::object{{"kind", "accept"}}}, {"applicant_present", false}};
  refused_elsewhere(number, "decision", decision);
  EXPECT_EQ(view(number).at("state").as_string(), "Submitted");
  auto accepted = post("clerk1", "/api/v1/cases/" + number + "/decision", decision);
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  EXPECT_EQ(obj(accepted).at("state").as_string(), "InProgress");

  // 补正 brought in while 人社 waits for it.
  const auto first = inbox_task("rs1", number, "contribution_years");
  ASSERT_EQ(post("rs1", task_url(first, "claim")).status, 200);
  ASSERT_EQ(post("rs1", task_url(first, "decision"),
                 json::object{
                     {"kind", "request_supplement"}, {"materials", json::array{"id_card"}}, {"reason", "材料不清晰"}})
                .status,
            200);
  refused_elsewhere(number, "supplement", json::object{{"applicant_present", true}});
  EXPECT_EQ(view(number).at("state").as_string(), "Suspended");
  ASSERT_EQ(post("clerk1", "/api/v1/cases/" + number + "/supplement", json::object{{"applicant_present", true}}).status,
            200);

  // 出件 of the result.
  ASSERT_EQ(post("rs1", task_url(first, "decision"), json::object{{"kind", "approve"}}).status, 200);
  approve("rs1", number, "pension_eligibility");
  approve("yb1", number, "medical_eligibility");
  approve("rs1", number, "pension_approval");
  ASSERT_EQ(view(number).at("state").as_string(), "ResultReady");
  refused_elsewhere(number, "delivery", json::object{{"method", "window"}});
  auto delivered = post("clerk1", "/api/v1/cases/" + number + "/delivery", json::object{{"method", "window"}});
  ASSERT_EQ(delivered.status, 200) << delivered.body;
  EXPECT_EQ(obj(delivered).at("state").as_string(), "Concluded");

  // 撤回.
  const std::string other = retirement("window-1");
  refused_elsewhere(other, "withdrawal", json::object{{"reason", "申请人撤回"}});
  EXPECT_EQ(view(other).at("state").as_string(), "InProgress");
  ASSERT_EQ(post("clerk1", "/api/v1/cases/" + other + "/withdrawal", json::object{{"reason", "申请人撤回"}}).status,
            200);
  EXPECT_EQ(view(other).at("state").as_string(), "Withdrawn");

  // 容缺: a 企业开办 case accepted without the premises proof, promised for today; the proof brought in later.
  json::array qykb_materials;
  for (const char* m : {"id_card", "company_application", "articles", "representative_doc", "seal_application"})
    qykb_materials.push_back(json::object{{"id", m}, {"form", "original"}});
  const std::string today(view(other).at("accepted_at").as_string().subview().substr(0, 10));
  json::object qykb{
      {"bundle", "QYKB"},
      {"applicant",
       json::object{{"kind", "enterprise"}, {"name", "杭州一窗科技有限公司"}, {"credit_code", "91110000802100433B"}}},
      {"contact_phone", "13812345678"},
      {"attributes", json::object{{"needs_invoice", true}, {"needs_bank_account", false}}},
      {"materials", qykb_materials},
      {"decision",
       json::object{{"kind", "accept_with_deferral"},
                    {"deferrals", json::array{json::object{{"material", "premises_proof"}, {"due_date", today}}}}}}};
  auto deferred = post("clerk1", "/api/v1/cases", qykb, "deferral-1");
  ASSERT_EQ(deferred.status, 201) << deferred.body;
  const std::string company(obj(deferred).at("number").as_string());
  const json::object brought{{"material", "premises_proof"}, {"applicant_present", true}};
  refused_elsewhere(company, "deferred-materials", brought);
  EXPECT_FALSE(view(company).at("deferred").as_array()[0].at("received").as_bool());
  auto received = post("clerk1", "/api/v1/cases/" + company + "/deferred-materials", brought);
  ASSERT_EQ(received.status, 200) << received.body;
  EXPECT_TRUE(obj(received).at("deferred").as_array()[0].at("received").as_bool());
}

TEST_F(ScopeE2E, ATaskIsTransferredOnlyToAnApproverWhoSeesIt) {
  const std::string number = retirement("transfer-1");
  const auto id = inbox_task("rs1", number, "contribution_years");
  ASSERT_EQ(post("rs1", task_url(id, "claim")).status, 200);
  for (const char* to : {"yb1", "rs9", "rsgone", "sup1", "clerk1",
                         "nobody"}) {  // other department, other district, disabled, not approvers
    auto r = post("rs1", task_url(id, "transfer"), json::object{{"to", to}});
    EXPECT_EQ(r.status, 422) << to << ": " << r.body;
    EXPECT_EQ(obj(r).at("code").as_string(), "transfer_target_invalid") << to;
    EXPECT_EQ(obj(r).at("field").as_string(), "to") << to;
  }
  EXPECT_TRUE(obj(get("rs1", task_url(id))).at("assigned_to_me").as_bool());  // still with rs1
  EXPECT_EQ(get("rs9", task_url(id)).status, 404);                            // whom it could not go to cannot see it
  auto up =
      post("rs1", task_url(id, "transfer"), json::object{{"to", "rscity"}});  // the city's 人社 covers the district
  ASSERT_EQ(up.status, 200) << up.body;
  EXPECT_EQ(inbox_task("rscity", number, "contribution_years"), id);
  EXPECT_TRUE(obj(get("rscity", task_url(id))).at("assigned_to_me").as_bool());
  ASSERT_EQ(post("rscity", task_url(id, "transfer"), json::object{{"to", "rs2"}}).status, 200);
  EXPECT_TRUE(obj(get("rs2", task_url(id))).at("assigned_to_me").as_bool());
}

TEST_F(ScopeE2E, AnExtensionMovesTheClocksOnlyWhenASupervisorOfTheRegionGrantsIt) {
  const std::string number = retirement("extension-1");
  const auto id = inbox_task("rs1", number, "contribution_years");
  ASSERT_EQ(post("rs1", task_url(id, "claim")).status, 200);
  const json::object before = view(number);
  const std::string task_due(obj(get("rs1", task_url(id))).at("clock").at("due_at").as_string());

  // The old direct route is gone; a request needs the holder, its days and a reason.
  EXPECT_EQ(post("rs1", task_url(id, "decision"),
                 json::object{{"kind", "extend"}, {"working_days", 2}, {"approved_by", "sup1"}, {"reason", "x"}})
                .status,
            400);
  EXPECT_EQ(post("rs2", task_url(id, "extension-requests"), json::object{{"working_days", 2}, {"reason", "x"}}).status,
            409);  // not the holder
  EXPECT_EQ(
      obj(post("rs1", task_url(id, "extension-requests"), json::object{{"working_days", 2}})).at("field").as_string(),
      "reason");
  EXPECT_EQ(obj(post("rs1", task_url(id, "extension-requests"), json::object{{"working_days", 0}, {"reason", "x"}}))
                .at("field")
                .as_string(),
            "working_days");
  EXPECT_EQ(post("sup1", task_url(id, "extension-requests"), json::object{{"working_days", 2}, {"reason", "x"}}).status,
            403);

  auto asked = post("rs1", task_url(id, "extension-requests"),
                    json::object{{"working_days", 2}, {"reason", "需外省协查"}}, "ext-1");
  ASSERT_EQ(asked.status, 201) << asked.body;
  // The same Idempotency-Key and body again: the same request, replayed; with another body: 422.
  auto replay = post("rs1", task_url(id, "extension-requests"),
                     json::object{{"working_days", 2}, {"reason", "需外省协查"}}, "ext-1");
  EXPECT_EQ(replay.status, 201) << replay.body;
  EXPECT_EQ(replay.headers["idempotent-replayed"], "true");
  EXPECT_EQ(obj(replay).at("id"), obj(asked).at("id"));
  EXPECT_EQ(post("rs1", task_url(id, "extension-requests"), json::object{{"working_days", 3}, {"reason", "需外省协查"}},
                 "ext-1")
                .status,
            422);
  EXPECT_EQ(obj(asked).at("state").as_string(), "pending");
  const std::string request = "/api/v1/extension-requests/" + std::to_string(obj(asked).at("id").as_int64());
  EXPECT_EQ(view(number).at("due"), before.at("due"));  // requested only: the clock has not moved
  EXPECT_EQ(post("rs1", task_url(id, "extension-requests"), json::object{{"working_days", 1}, {"reason", "x"}}).status,
            409);  // one pending

  // Who sees it: the region's supervisor and the requester.
  auto listed = [&](const std::string& who) {
    const auto r = get(who, "/api/v1/extension-requests?state=pending");
    if (r.status != 200) return -r.status;
    int n = 0;
    const json::object list = obj(r);  // alive while iterating
    for (const auto& e : list.at("items").as_array()) n += e.at("case_number").as_string() == number ? 1 : 0;
    return n;
  };
  EXPECT_EQ(listed("sup1"), 1);
  EXPECT_EQ(listed("rs1"), 1);
  EXPECT_EQ(listed("rs2"), 0);
  EXPECT_EQ(listed("sup9"), 0);
  EXPECT_EQ(listed("clerk1"), -403);
  EXPECT_EQ(get("sup1", "/api/v1/extension-requests?state=open").status, 400);

  // Nobody but a supervisor of the case's region grants it.
  EXPECT_EQ(post("rs1", request + "/grant").status, 403);
  EXPECT_EQ(post("clerk1", request + "/grant").status, 403);
  EXPECT_EQ(post("sup9", request + "/grant").status, 404);
  EXPECT_EQ(post("sup9", request + "/refuse", json::object{{"reason", "x"}}).status, 404);
  EXPECT_EQ(obj(post("sup1", request + "/refuse", json::object{})).at("field").as_string(), "reason");  // 400
  EXPECT_EQ(post("sup1", "/api/v1/extension-requests/999999/grant").status, 404);
  EXPECT_EQ(post("sup1", "/api/v1/extension-requests/abc/grant").status, 404);
  EXPECT_EQ(view(number).at("due"), before.at("due"));

  auto granted = post("sup1", request + "/grant");
  ASSERT_EQ(granted.status, 200) << granted.body;
  EXPECT_EQ(obj(granted).at("state").as_string(), "granted");
  const json::object after = view(number);
  auto due = [](const json::object& v, const char* which) { return std::string(v.at("due").at(which).as_string()); };
  EXPECT_GT(due(after, "committed"), due(before, "committed"));  // ISO instants in one offset: text order is time order
  EXPECT_GT(due(after, "statutory"), due(before, "statutory"));
  EXPECT_GT(std::string(obj(get("rs1", task_url(id))).at("clock").at("due_at").as_string()), task_due);
  auto again = post("sup1", request + "/grant");
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(obj(again).at("code").as_string(), "extension_request_decided");
  EXPECT_EQ(post("sup1", request + "/refuse", json::object{{"reason", "x"}}).status, 409);
  EXPECT_EQ(view(number).at("due"), after.at("due"));  // granted once

  // A refusal needs its reason and moves nothing.
  auto second =
      post("rs1", task_url(id, "extension-requests"), json::object{{"working_days", 1}, {"reason", "再需一日"}});
  ASSERT_EQ(second.status, 201) << second.body;
  const std::string second_url = "/api/v1/extension-requests/" + std::to_string(obj(second).at("id").as_int64());
  auto refused = post("sup1", second_url + "/refuse", json::object{{"reason", "理由不充分"}});
  ASSERT_EQ(refused.status, 200) << refused.body;
  EXPECT_EQ(obj(refused).at("state").as_string(), "refused");
  EXPECT_EQ(obj(refused).at("refusal_reason").as_string(), "理由不充分");
  EXPECT_EQ(view(number).at("due"), after.at("due"));
  EXPECT_EQ(post("sup1", second_url + "/grant").status, 409);

  EXPECT_EQ(extension_audit(number),
            (std::vector<std::string>{"note:extension_request rs1", "note:extend sup1", "note:extension_request rs1",
                                      "note:extension_refused sup1"}));
  const auto mine = obj(get("rs1", "/api/v1/extension-requests?task=" + std::to_string(id)));
  EXPECT_EQ(mine.at("items").as_array().size(), 2u);
}
