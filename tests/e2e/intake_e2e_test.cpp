// The window's intake over HTTP against the running platform and a real PostgreSQL: every decision,
// idempotency, 409 on illegal or concurrent events, lists (masked but for the case's hall), scope, documents and the
// public lookup.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <pqxx/pqxx>
#include <thread>

#include "services/casework/record_codec.hpp"
#include "services/store/pg_types.hpp"
#include "services/store/statements.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/server_process.hpp"
#include "workflow/flow/replay.hpp"

using ow::testing::http_request;
using ow::testing::HttpResult;
namespace json = boost::json;

namespace {

class IntakeE2E : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    // 2027's holidays are not published yet; intake near the year's end needs the weekday fallback.
    server = new ow::testing::ServerProcess("e2e_intake", {{"OW_CALENDAR_WEEKDAY_FALLBACK", "true"}});
    std::string out;
    ASSERT_EQ(server->cli("catalog load", &out), 0) << out;
    add("clerk1 --name 窗口一 --role clerk --region 330106 --hall XH01 --window W01");
    add("clerk2 --name 窗口二 --role clerk --region 330106 --hall XH01 --window W02");
    add("clerk9 --name 上城窗口 --role clerk --region 330102 --hall SC01 --window W01");
    add("sup1 --name 市督查 --role supervisor --region 330100");
    clerk1 = server->login("clerk1", "password-123");
    clerk2 = server->login("clerk2", "password-123");
    clerk9 = server->login("clerk9", "password-123");
    sup = server->login("sup1", "password-123");
  }
  static void TearDownTestSuite() {
    EXPECT_EQ(server->terminate(), 0);
    delete server;
  }
  static void add(const std::string& args) {
    ASSERT_EQ(server->cli("user add " + args + " --password-stdin", nullptr, "password-123"), 0);
  }

  static HttpResult post(const std::string& token, const std::string& target, const json::value& body,
                         const std::string& key = {}) {
    std::map<std::string, std::string> h{{"Authorization", "Bearer " + token}};
    if (!key.empty()) h["Idempotency-Key"] = key;
    return http_request(server->port(), "POST", target, json::serialize(body), h);
  }
  static HttpResult get(const std::string& token, const std::string& target) {
    return http_request(server->port(), "GET", target, {},
                        token.empty() ? std::map<std::string, std::string>{}
                                      : std::map<std::string, std::string>{{"Authorization", "Bearer " + token}});
  }
  static json::object obj(const HttpResult& r) { return json::parse(r.body).as_object(); }
  static int count_cases() {
    pqxx::connection c(server->db_url());
    pqxx::read_transaction tx(c);
    return tx.exec("SELECT count(*) FROM cases")[0][0].as<int>();
  }

  // A complete 企业开办 application: every key and deferrable material present.
  static json::object qykb(const std::string& decision = "accept") {
    json::array materials;
    for (const char* m :
         {"id_card", "company_application", "articles", "premises_proof", "representative_doc", "seal_application"})
      materials.push_back(json::object{{"id", m}, {"form", "original"}});
    return json::object{
        {"bundle", "QYKB"},
        {"applicant",
         json::object{{"kind", "enterprise"}, {"name", "杭州一窗科技有限公司"}, {"credit_code", "91110000802100433B"}}},
        {"contact_phone", "13812345678"},
        {"attributes", json::object{{"needs_invoice", true}, {"needs_bank_account", false}, {"hires_employees", true}}},
        {"materials", materials},
        {"decision", json::object{{"kind", decision}}}};
  }
  static json::object without(json::object body, const std::string& material) {
    json::array kept;
    for (const auto& m : body["materials"].as_array())
      if (m.at("id").as_string() != material) kept.push_back(m);
    body["materials"] = kept;
    return body;
  }

  static ow::testing::ServerProcess* server;
  static std::string clerk1, clerk2, clerk9, sup;
};
ow::testing::ServerProcess* IntakeE2E::server = nullptr;
std::string IntakeE2E::clerk1, IntakeE2E::clerk2, IntakeE2E::clerk9, IntakeE2E::sup;

}  // namespace

TEST_F(IntakeE2E, AcceptCreatesTasksClocksOutboxAndAReceipt) {
  auto r = post(clerk1, "/api/v1/cases", qykb(), "accept-1");
  ASSERT_EQ(r.status, 201) << r.body;
  auto c = obj(r);
  const std::string number(c.at("number").as_string());
  EXPECT_EQ(number.size(), 21u);
  EXPECT_EQ(number.substr(0, 6), "330106");
  EXPECT_EQ(c.at("state").as_string(), "InProgress");
  EXPECT_EQ(c.at("visits").as_int64(), 1);
  EXPECT_FALSE(c.at("due").at("committed").is_null());
  EXPECT_FALSE(c.at("due").at("statutory").is_null());
  const auto& tasks = c.at("tasks").as_array();
  ASSERT_EQ(tasks.size(), 4u);  // the bank step is skipped: needs_bank_account is false
  EXPECT_EQ(tasks[0].at("step").as_string(), "register");
  EXPECT_EQ(tasks[0].at("state").as_string(), "Dispatching");  // SCJG is a push department
  for (std::size_t i = 1; i < tasks.size(); ++i) EXPECT_EQ(tasks[i].at("state").as_string(), "Waiting");

  auto receipt = get(clerk1, "/api/v1/cases/" + number + "/documents/receipt");
  ASSERT_EQ(receipt.status, 200);
  EXPECT_EQ(receipt.headers["content-type"].rfind("text/html", 0), 0u);
  EXPECT_NE(receipt.body.find(number), std::string::npos);
  EXPECT_NE(receipt.body.find("受理回执"), std::string::npos);
  // Paper in plain Chinese: forms by name, instants as 2026年…日 hh:mm, the bundle by its name only.
  EXPECT_NE(receipt.body.find("（原件，纸质材料）"), std::string::npos);  // the form, and how it was satisfied
  EXPECT_EQ(receipt.body.find("（original）"), std::string::npos);
  EXPECT_NE(receipt.body.find("<th>受理时间</th><td>20"), std::string::npos);
  EXPECT_NE(receipt.body.find("日 "), std::string::npos);
  EXPECT_EQ(receipt.body.find("+08:00"), std::string::npos);  // no ISO instant such as 2026-11-27T09:30:00+08:00
  EXPECT_EQ(receipt.body.find("（QYKB）"), std::string::npos);
  EXPECT_NE(receipt.body.find("<svg"), std::string::npos);
  EXPECT_NE(receipt.body.find("@page{size:A4"), std::string::npos);
  EXPECT_EQ(get(clerk1, "/api/v1/cases/" + number + "/documents/refusal_notice").status, 404);

  pqxx::connection db(server->db_url());
  ow::store::Tx tx(db);  // read only: never committed
  EXPECT_EQ(
      tx.exec_params("SELECT count(*) FROM outbox o JOIN cases c ON c.id = o.case_id WHERE c.number = $1", number)[0][0]
          .as<int>(),
      1);
  EXPECT_GT(tx.exec_params("SELECT count(*) FROM case_audit a JOIN cases c ON c.id = a.case_id WHERE c.number = $1",
                           number)[0][0]
                .as<int>(),
            5);
}

TEST_F(IntakeE2E, StoredAuditReplaysToStoredStates) {
  const std::string number(obj(post(clerk1, "/api/v1/cases", qykb(), "replay-1")).at("number").as_string());
  pqxx::connection db(server->db_url());
  for (const auto& s : ow::store::case_statements()) db.prepare(s.name, s.sql);
  ow::store::Tx tx(db);  // read only: never committed
  auto row = ow::store::cases::by_number(tx, number);
  ASSERT_TRUE(row);
  const auto record = ow::casework::record_from_rows(*row, ow::store::cases::tasks(tx, row->id));
  std::vector<ow::flow::AuditEntry> audit;
  for (const auto& a : ow::store::cases::audit(tx, row->id))
    audit.push_back({a.entity, a.event, a.from_state, a.to_state, a.actor, 0, a.detail});
  EXPECT_EQ(ow::flow::audit_mismatch(audit, record), "");
  audit.pop_back();
  EXPECT_NE(ow::flow::audit_mismatch(audit, record), "");
}

TEST_F(IntakeE2E, IdempotencyKeys) {
  const int before = count_cases();
  auto first = post(clerk1, "/api/v1/cases", qykb(), "idem-1");
  ASSERT_EQ(first.status, 201);
  auto again = post(clerk1, "/api/v1/cases", qykb(), "idem-1");
  EXPECT_EQ(again.status, 201);
  EXPECT_EQ(again.headers["idempotent-replayed"], "true");
  EXPECT_EQ(obj(again).at("number"), obj(first).at("number"));
  auto other = qykb();
  other["contact_phone"] = "13900000000";
  auto reused = post(clerk1, "/api/v1/cases", other, "idem-1");
  EXPECT_EQ(reused.status, 422);
  EXPECT_EQ(obj(reused).at("code").as_string(), "idempotency_key_reused");
  EXPECT_EQ(post(clerk1, "/api/v1/cases", qykb(), "").status, 400);
  // Another clerk's identical key is theirs, not a replay.
  EXPECT_EQ(post(clerk2, "/api/v1/cases", qykb(), "idem-1").headers.count("idempotent-replayed"), 0u);
  EXPECT_EQ(count_cases(), before + 2);
}

TEST_F(IntakeE2E, MissingMaterialsDeferralAndNothingHalfWritten) {
  const int before = count_cases();
  auto key = post(clerk1, "/api/v1/cases", without(qykb(), "articles"), "missing-key");
  EXPECT_EQ(key.status, 422);
  EXPECT_EQ(obj(key).at("code").as_string(), "key_materials_missing");
  EXPECT_EQ(obj(key).at("missing").as_array()[0].as_string(), "articles");
  auto deferrable = post(clerk1, "/api/v1/cases", without(qykb(), "premises_proof"), "missing-deferrable");
  EXPECT_EQ(deferrable.status, 422);
  // An e-licence material the library does not hold (不动产权证书): the clerk is told to take it on paper.
  EXPECT_EQ(obj(deferrable).at("code").as_string(), "elicense_paper_needed");
  EXPECT_EQ(count_cases(), before);  // nothing written on any error

  auto body = without(qykb(), "premises_proof");
  body["decision"] = json::object{
      {"kind", "accept_with_deferral"},
      {"deferrals", json::array{json::object{{"material", "premises_proof"}, {"due_date", "2099-01-01"}}}}};
  EXPECT_EQ(obj(post(clerk1, "/api/v1/cases", body, "deferral-late")).at("code").as_string(), "deferral_date_invalid");
  auto c = obj(post(clerk1, "/api/v1/cases", body, "deferral-late")).at("code");  // replay of an error is not stored
  EXPECT_EQ(c.as_string(), "deferral_date_invalid");
  // Promised for the committed due date's day (the latest allowed).
  auto probe = obj(post(clerk1, "/api/v1/cases", qykb(), "deferral-probe"));
  const std::string due_day(probe.at("due").at("committed").as_string().subview().substr(0, 10));
  body["decision"].as_object()["deferrals"] =
      json::array{json::object{{"material", "premises_proof"}, {"due_date", due_day}}};
  auto ok = post(clerk1, "/api/v1/cases", body, "deferral-ok");
  ASSERT_EQ(ok.status, 201) << ok.body;
  auto okc = obj(ok);
  EXPECT_EQ(okc.at("deferred").as_array().size(), 1u);
  auto notice =
      get(clerk1, "/api/v1/cases/" + std::string(okc.at("number").as_string()) + "/documents/deferral_notice");
  EXPECT_EQ(notice.status, 200);
  EXPECT_NE(notice.body.find("容缺受理通知书"), std::string::npos);
}

TEST_F(IntakeE2E, SupplementThenAcceptAndRefusal) {
  auto body = without(qykb("supplement"), "articles");
  body["decision"].as_object()["missing"] = json::array{"company_application"};  // also defective
  auto r = post(clerk1, "/api/v1/cases", body, "supplement-1");
  ASSERT_EQ(r.status, 201) << r.body;
  auto c = obj(r);
  const std::string number(c.at("number").as_string());
  EXPECT_EQ(c.at("state").as_string(), "AwaitingSupplement");
  EXPECT_TRUE(c.at("due").at("committed").is_null());  // no clock runs during 补正
  auto notice = get(clerk1, "/api/v1/cases/" + number + "/documents/supplement_notice");
  EXPECT_NE(notice.body.find("公司章程"), std::string::npos);
  EXPECT_NE(notice.body.find("公司登记（备案）申请书"), std::string::npos);
  // Not accepted yet: there is no query code to show, and the notice says when there will be one.
  EXPECT_NE(notice.body.find("受理后随受理回执发放"), std::string::npos);
  EXPECT_EQ(notice.body.find("仅在受理窗口打印的回执上显示"), std::string::npos);
  // The applicant comes back with everything.
  auto again =
      post(clerk1, "/api/v1/cases/" + number + "/decision",
           json::object{{"materials", qykb().at("materials")}, {"decision", json::object{{"kind", "accept"}}}});
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(obj(again).at("state").as_string(), "InProgress");
  EXPECT_EQ(obj(again).at("visits").as_int64(), 2);

  auto refuse = qykb("refuse");
  EXPECT_EQ(post(clerk1, "/api/v1/cases", refuse, "refuse-0").status, 400);  // reason and legal basis are required
  refuse["decision"] = json::object{{"kind", "refuse"},
                                    {"reason", "不属于本机关职权范围"},
                                    {"legal_basis", "《中华人民共和国行政许可法》第三十二条"}};
  auto refused = post(clerk1, "/api/v1/cases", refuse, "refuse-1");
  ASSERT_EQ(refused.status, 201) << refused.body;
  EXPECT_EQ(obj(refused).at("state").as_string(), "Refused");
  auto letter =
      get(clerk1, "/api/v1/cases/" + std::string(obj(refused).at("number").as_string()) + "/documents/refusal_notice");
  EXPECT_NE(letter.body.find("行政复议"), std::string::npos);
  EXPECT_NE(letter.body.find("第三十二条"), std::string::npos);
}

TEST_F(IntakeE2E, OnlinePreReviewAndConcurrentClerks) {
  auto body = qykb();
  body.erase("decision");
  body["channel"] = "online";
  auto r = post(clerk1, "/api/v1/cases", body, "online-1");
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(obj(r).at("state").as_string(), "Submitted");
  EXPECT_EQ(obj(r).at("visits").as_int64(), 0);
  const std::string number(obj(r).at("number").as_string());
  // Two clerks decide at the same instant: one wins, the other gets 409 with the state it found.
  const json::object decision{{"materials", qykb().at("materials")},
                              {"decision", json::object{{"kind", "accept"}}},
                              {"applicant_present", false}};
  HttpResult a, b;
  std::thread t1([&] { a = post(clerk1, "/api/v1/cases/" + number + "/decision", decision); });
  std::thread t2([&] { b = post(clerk2, "/api/v1/cases/" + number + "/decision", decision); });
  t1.join();
  t2.join();
  EXPECT_EQ(std::min(a.status, b.status), 200) << a.body << b.body;
  EXPECT_EQ(std::max(a.status, b.status), 409);
  const auto& loser = a.status == 409 ? a : b;
  auto p = obj(loser);
  EXPECT_EQ(p.at("code").as_string(), "illegal_transition");
  EXPECT_EQ(p.at("state").as_string(), "InProgress");
  EXPECT_FALSE(p.at("accepted_events").as_array().empty());
}

TEST_F(IntakeE2E, BadInputIsAClearProblem) {
  auto bad_id = json::object{
      {"bundle", "CSYJS"},
      {"applicant", json::object{{"kind", "person"}, {"name", "张三"}, {"id_number", "110105194912310021"}}},
      {"contact_phone", "13812345678"},
      {"decision", json::object{{"kind", "accept"}}}};
  auto r = post(clerk1, "/api/v1/cases", bad_id, "bad-1");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(obj(r).at("field").as_string(), "applicant.id_number");
  auto phone = qykb();
  phone["contact_phone"] = "12345";
  EXPECT_EQ(obj(post(clerk1, "/api/v1/cases", phone, "bad-2")).at("field").as_string(), "contact_phone");
  auto bundle = qykb();
  bundle["bundle"] = "NOPE";
  EXPECT_EQ(obj(post(clerk1, "/api/v1/cases", bundle, "bad-3")).at("field").as_string(), "bundle");
  auto person = bad_id;
  person["bundle"] = "QYKB";
  person["applicant"].as_object()["id_number"] = "11010519491231002X";
  EXPECT_EQ(obj(post(clerk1, "/api/v1/cases", person, "bad-4")).at("code").as_string(), "audience_mismatch");
  auto code = qykb();
  code["applicant"].as_object()["credit_code"] = "91110000802100433C";
  auto warned = post(clerk1, "/api/v1/cases", code, "bad-5");
  EXPECT_EQ(obj(warned).at("code").as_string(), "credit_code_check_failed");
  EXPECT_TRUE(obj(warned).at("overridable").as_bool());
  code["applicant"].as_object()["credit_code_override_reason"] = "营业执照原件核对无误（早期赋码）";
  EXPECT_EQ(post(clerk1, "/api/v1/cases", code, "bad-6").status, 201);
  // Only a wrong check character is overridable: a wrong length, a character outside GB 32100's alphabet or a
  // division part that is not digits is refused even with the clerk's reason.
  for (const char* not_a_code : {"123", "XXXXXXXXXXXXXXXXXX", "91110000I10925462X"}) {
    code["applicant"].as_object()["credit_code"] = not_a_code;
    const auto refused = post(clerk1, "/api/v1/cases", code, std::string("bad-6-") + not_a_code);
    EXPECT_EQ(refused.status, 422) << not_a_code;
    EXPECT_EQ(obj(refused).at("code").as_string(), "credit_code_invalid") << not_a_code;
    EXPECT_FALSE(obj(refused).at("overridable").as_bool()) << not_a_code;
    EXPECT_EQ(obj(refused).at("field").as_string(), "applicant.credit_code") << not_a_code;
  }
  auto form = qykb();
  form["materials"].as_array()[0].as_object()["form"] = "fax";
  EXPECT_EQ(obj(post(clerk1, "/api/v1/cases", form, "bad-7")).at("field").as_string(), "materials[0].form");
  EXPECT_EQ(post(sup, "/api/v1/cases", qykb(), "bad-8").status, 403);  // only clerks accept
}

TEST_F(IntakeE2E, ELicensesAtIntake) {
  auto birth = json::object{
      {"bundle", "CSYJS"},
      {"applicant", json::object{{"kind", "person"}, {"name", "张三"}, {"id_number", "11010519491231002X"}}},
      {"contact_phone", "13812345678"},
      {"materials", json::array{json::object{{"id", "parents_id_cards"}, {"form", "elicense"}},
                                json::object{{"id", "marriage_certificate"}, {"form", "elicense"}},
                                json::object{{"id", "household_register"}, {"form", "elicense"}}}},
      {"decision", json::object{{"kind", "accept"}}}};
  auto r = post(clerk1, "/api/v1/cases", birth, "elicense-1");
  EXPECT_EQ(r.status, 201) << r.body;
  birth["applicant"].as_object()["id_number"] = "110101199003074477";  // no marriage certificate on file
  auto missing = post(clerk1, "/api/v1/cases", birth, "elicense-2");
  EXPECT_EQ(missing.status, 422);
  EXPECT_EQ(obj(missing).at("code").as_string(), "elicense_not_found");
}

// The console's material checklist asks before the decision which licences the library holds.
TEST_F(IntakeE2E, ClerkChecksELicensesBeforeDeciding) {
  // A POST: the ID number travels in the body, never in a URL.
  auto r = post(clerk1, "/api/v1/elicense-lookups",
                json::object{{"holder", "110101199003074477"}, {"types", json::array{"居民身份证", "结婚证"}}});
  ASSERT_EQ(r.status, 200) << r.body;
  auto o = obj(r);
  const json::array items = o.at("items").as_array();
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].at("type").as_string(), "居民身份证");
  EXPECT_TRUE(items[0].at("found").as_bool());
  EXPECT_FALSE(items[0].at("number").as_string().empty());
  EXPECT_EQ(items[1].at("type").as_string(), "结婚证");
  EXPECT_FALSE(items[1].at("found").as_bool());
  EXPECT_FALSE(o.at("unavailable").as_bool());
  auto no_holder = post(clerk1, "/api/v1/elicense-lookups", json::object{{"types", json::array{"结婚证"}}});
  EXPECT_EQ(no_holder.status, 400);
  EXPECT_EQ(obj(no_holder).at("field").as_string(), "holder");
  auto no_types = post(clerk1, "/api/v1/elicense-lookups", json::object{{"holder", "110101199003074477"}});
  EXPECT_EQ(no_types.status, 400);
  EXPECT_EQ(obj(no_types).at("field").as_string(), "types");
  const json::object lookup{{"holder", "110101199003074477"}, {"types", json::array{"x"}}};
  EXPECT_EQ(post(sup, "/api/v1/elicense-lookups", lookup).status, 403);
  EXPECT_EQ(post("", "/api/v1/elicense-lookups", lookup).status, 401);
  // The old query-string form is gone.
  EXPECT_EQ(get(clerk1, "/api/v1/elicenses?holder=110101199003074477&types=x").status, 404);
}

TEST_F(IntakeE2E, ListsAreMaskedPagedAndScoped) {
  for (int i = 0; i < 3; ++i) ASSERT_EQ(post(clerk2, "/api/v1/cases", qykb(), "list-" + std::to_string(i)).status, 201);
  auto page1 = get(clerk2, "/api/v1/cases?window=W02&limit=2");
  ASSERT_EQ(page1.status, 200) << page1.body;
  auto p1 = obj(page1);
  ASSERT_EQ(p1.at("items").as_array().size(), 2u);
  const auto& item = p1.at("items").as_array()[0];
  EXPECT_EQ(item.at("contact_phone").as_string(), "13812345678");  // the clerk of the case's hall reads it in full
  auto sup_page = get(sup, "/api/v1/cases?window=W02&limit=2");    // everyone else gets masks
  ASSERT_EQ(sup_page.status, 200) << sup_page.body;
  EXPECT_EQ(obj(sup_page).at("items").as_array()[0].at("contact_phone").as_string(), "138****5678");
  EXPECT_EQ(sup_page.body.find("13812345678"), std::string::npos);
  ASSERT_FALSE(p1.at("next_cursor").is_null());
  auto page2 =
      obj(get(clerk2, "/api/v1/cases?window=W02&limit=2&cursor=" + std::string(p1.at("next_cursor").as_string())));
  EXPECT_GE(page2.at("items").as_array().size(), 1u);
  EXPECT_NE(page2.at("items").as_array()[0].at("number"), p1.at("items").as_array()[1].at("number"));
  EXPECT_EQ(get(clerk2, "/api/v1/cases?state=Nope").status, 400);

  const std::string number(item.at("number").as_string());
  EXPECT_EQ(get(clerk9, "/api/v1/cases/" + number).status, 404);  // another district
  EXPECT_EQ(get(sup, "/api/v1/cases/" + number).status, 200);     // the city's supervisor
  EXPECT_EQ(obj(get(clerk9, "/api/v1/cases")).at("items").as_array().size(), 0u);
}

TEST_F(IntakeE2E, PublicProgressShowsNoPersonalData) {
  auto c = obj(post(clerk1, "/api/v1/cases", qykb(), "progress-1"));
  const std::string number(c.at("number").as_string());
  // The query code (查询码) printed on the clerk's receipt (tests/e2e/public_lookup_e2e_test.cpp has the rest).
  const std::string receipt = get(clerk1, "/api/v1/cases/" + number + "/documents/receipt").body;
  const auto at = receipt.find("<td class=\"code\">");
  ASSERT_NE(at, std::string::npos);
  const std::string code = receipt.substr(at + 17, 12);
  auto p = get("", "/api/v1/public/progress?number=" + number + "&code=" + code);
  ASSERT_EQ(p.status, 200) << p.body;
  auto progress = obj(p);
  EXPECT_EQ(progress.at("state").as_string(), "InProgress");
  // The steps with their names and departments' names: registration first, the others waiting for it.
  const json::array steps = progress.at("steps").as_array();
  ASSERT_FALSE(steps.empty());
  EXPECT_EQ(steps[0].at("step").as_string(), "register");
  EXPECT_EQ(steps[0].at("item_name").as_string(), "企业设立登记");
  EXPECT_EQ(steps[0].at("department_name").as_string(), "西湖区市场监督管理局");
  // Each step with its own state in the applicant's words and when it last changed.
  EXPECT_EQ(steps[0].at("state_label").as_string(), "已转交部门");
  EXPECT_TRUE(steps[0].at("since").is_string());
  EXPECT_EQ(steps[1].at("state_label").as_string(), "等待前序环节");
  EXPECT_EQ(p.body.find("杭州一窗科技"), std::string::npos);
  EXPECT_EQ(p.body.find("1381234"), std::string::npos);
  std::string wrong = code;
  wrong[0] = wrong[0] == '3' ? '4' : '3';
  EXPECT_EQ(get("", "/api/v1/public/progress?number=" + number + "&code=" + wrong).status, 404);
  EXPECT_EQ(get("", "/api/v1/public/progress?number=123&code=" + code).status, 404);
  EXPECT_EQ(get("", "/api/v1/public/progress?number=" + number + "&phone_last4=5678").status,
            400);  // the code is needed
}
