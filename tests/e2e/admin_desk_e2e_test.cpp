// The admin's screens over HTTP (issue 21): a user added through the API signs in, disabled cannot, reset loses the
// old password; a key issued through the API works for the department protocol and is refused once revoked; a
// holiday file with mistakes is refused with the check's report, a good one is loaded (no restart) and the open
// cases' time limits are recomputed with it; bad input is problem+json naming the field; every change is in the
// admin's audit record, and a repeated creating POST (same Idempotency-Key) does not show the secret again.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <ctime>

#include "tests/support/fixtures.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/server_process.hpp"

using ow::testing::http_request;
using ow::testing::HttpResult;
using ow::testing::ServerProcess;
namespace json = boost::json;

namespace {

const char* kPassword = "Mx9#vQ2rTz6wLp";
// 2026-12-21 10:00 China Standard Time: a 15-working-day limit from here runs into 2027.
constexpr std::int64_t kLateDecember = 1797818400;

class AdminDesk : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server = new ServerProcess("e2e_admin", {{"OW_CALENDAR_WEEKDAY_FALLBACK", "true"}, {"OW_TEST_TIME_CONTROL", "true"}});
    std::string out;
    ASSERT_EQ(server->cli("catalog load", &out), 0) << out;
    ASSERT_EQ(server->cli("user add root1 --name 系统管理员 --role admin --region 330100 --password-stdin", &out,
                          kPassword),
              0)
        << out;
    ASSERT_EQ(server->cli("user add audit1 --name 审计员 --role auditor --region 330100 --password-stdin", &out,
                          kPassword),
              0)
        << out;
    admin = {{"Authorization", "Bearer " + server->login("root1", kPassword)}};
    auditor = {{"Authorization", "Bearer " + server->login("audit1", kPassword)}};
  }
  static void TearDownTestSuite() {
    EXPECT_EQ(server->terminate(), 0);
    delete server;
  }

  static HttpResult as_admin(const std::string& method, const std::string& target, const std::string& body = "",
                             const std::string& idempotency_key = "") {
    auto h = admin;
    if (!idempotency_key.empty()) h["Idempotency-Key"] = idempotency_key;
    return http_request(server->port(), method, target, body, h);
  }
  static int sign_in(const std::string& login, const std::string& password) {
    return http_request(server->port(), "POST", "/api/v1/sessions",
                        json::serialize(json::object{{"login", login}, {"password", password}}))
        .status;
  }
  static json::object object(const HttpResult& r) { return json::parse(r.body).as_object(); }
  static bool audited(const std::string& action, const std::string& target) {
    const auto r = http_request(server->port(), "GET", "/api/v1/admin-audit", "", auditor);
    EXPECT_EQ(r.status, 200) << r.body;
    const auto rows = object(r);
    for (const auto& row : rows.at("items").as_array())
      if (row.at("action").as_string() == action && row.at("target").as_string() == target &&
          row.at("actor_name").as_string() == "系统管理员")
        return true;
    return false;
  }

  static inline ServerProcess* server = nullptr;
  static inline std::map<std::string, std::string> admin, auditor;
};

TEST_F(AdminDesk, AddedUserSignsInDisabledCannotResetLosesTheOldPassword) {
  const std::string body = R"({"login":"wang.fang","display_name":"王芳","role":"clerk","region_code":"330106",)"
                           R"("hall_code":"XH01","window_code":"W01"})";
  auto added = as_admin("POST", "/api/v1/users", body, "add-wang");
  ASSERT_EQ(added.status, 201) << added.body;
  const std::string first(object(added).at("temporary_password").as_string());
  EXPECT_GE(first.size(), 10u);
  EXPECT_EQ(object(added).at("user").at("role").as_string(), "clerk");
  EXPECT_EQ(sign_in("wang.fang", first), 201);
  EXPECT_TRUE(audited("user_added", "wang.fang"));

  // The same request again: the same user, but the password is not shown a second time.
  auto again = as_admin("POST", "/api/v1/users", body, "add-wang");
  ASSERT_EQ(again.status, 201) << again.body;
  EXPECT_TRUE(object(again).at("replayed").as_bool());
  EXPECT_TRUE(object(again).at("temporary_password").is_null());
  // Without the key it is a second request, and the login is taken.
  auto taken = as_admin("POST", "/api/v1/users", body);
  EXPECT_EQ(taken.status, 409) << taken.body;
  EXPECT_EQ(object(taken).at("code").as_string(), "login_taken");
  EXPECT_EQ(object(taken).at("field").as_string(), "login");

  auto reset = as_admin("POST", "/api/v1/users/wang.fang/password-reset", "", "reset-wang");
  ASSERT_EQ(reset.status, 201) << reset.body;
  const std::string second(object(reset).at("temporary_password").as_string());
  EXPECT_NE(second, first);
  EXPECT_EQ(sign_in("wang.fang", first), 401);
  EXPECT_EQ(sign_in("wang.fang", second), 201);
  EXPECT_TRUE(audited("password_reset", "wang.fang"));

  const std::string token = server->login("wang.fang", second);
  auto disabled = as_admin("POST", "/api/v1/users/wang.fang/disable");
  ASSERT_EQ(disabled.status, 200) << disabled.body;
  EXPECT_TRUE(object(disabled).at("disabled").as_bool());
  EXPECT_EQ(sign_in("wang.fang", second), 401);
  EXPECT_EQ(http_request(server->port(), "GET", "/api/v1/me", "", {{"Authorization", "Bearer " + token}}).status, 401)
      << "disabling ends the user's sessions at once";
  EXPECT_TRUE(audited("user_disabled", "wang.fang"));
  ASSERT_EQ(as_admin("POST", "/api/v1/users/wang.fang/enable").status, 200);
  EXPECT_EQ(sign_in("wang.fang", second), 201);
  EXPECT_TRUE(audited("user_enabled", "wang.fang"));

  // The administrator's own login cannot be disabled from the screen.
  auto self = as_admin("POST", "/api/v1/users/root1/disable");
  EXPECT_EQ(self.status, 409) << self.body;
  EXPECT_EQ(as_admin("POST", "/api/v1/users/nobody/disable").status, 404);
}

TEST_F(AdminDesk, BadAccountInputIsAProblemNamingTheField) {
  struct Case {
    std::string body, field;
    int status;
  };
  const Case cases[] = {
      {R"({"display_name":"甲","role":"supervisor","region_code":"330106"})", "login", 400},
      {R"({"login":"Bad Login","display_name":"甲","role":"supervisor","region_code":"330106"})", "login", 400},
      {R"({"login":"jia","display_name":"甲","role":"king","region_code":"330106"})", "role", 400},
      {R"({"login":"jia","display_name":"甲","role":"supervisor","region_code":"33"})", "region_code", 400},
      {R"({"login":"jia","display_name":"甲","role":"clerk","region_code":"330106"})", "hall_code", 400},
      {R"({"login":"jia","display_name":"甲","role":"approver","region_code":"330106"})", "department_code", 400},
  };
  for (const auto& c : cases) {
    auto r = as_admin("POST", "/api/v1/users", c.body);
    EXPECT_EQ(r.status, c.status) << c.body << " " << r.body;
    EXPECT_EQ(r.headers["content-type"].find("application/problem+json"), 0u) << c.body;
    const auto o = object(r);
    EXPECT_EQ(o.at("field").as_string(), c.field) << r.body;
    EXPECT_NE(std::string(o.at("title").as_string()).find("「"), std::string::npos) << "a Chinese title: " << r.body;
  }
  auto unknown = as_admin("POST", "/api/v1/department-keys", R"({"department":"NOPE"})");
  EXPECT_EQ(unknown.status, 422) << unknown.body;
  EXPECT_EQ(object(unknown).at("field").as_string(), "department");
  EXPECT_EQ(as_admin("POST", "/api/v1/department-keys/abc/revoke").status, 400);
  EXPECT_EQ(as_admin("POST", "/api/v1/department-keys/999999/revoke").status, 404);
}

TEST_F(AdminDesk, IssuedKeyWorksForTheDepartmentProtocolUntilRevoked) {
  auto issued = as_admin("POST", "/api/v1/department-keys", R"({"department":"RS","label":"人社业务系统"})", "key-rs");
  ASSERT_EQ(issued.status, 201) << issued.body;
  const std::string key(object(issued).at("secret").as_string());
  const auto id = object(issued).at("key").at("id").as_int64();
  const std::string fingerprint(object(issued).at("key").at("fingerprint").as_string());
  EXPECT_EQ(fingerprint.size(), 16u);
  auto again = as_admin("POST", "/api/v1/department-keys", R"({"department":"RS","label":"人社业务系统"})", "key-rs");
  EXPECT_TRUE(object(again).at("secret").is_null()) << again.body;

  auto pulled = http_request(server->port(), "GET", "/api/v1/departments/RS/tasks", "", {{"X-Api-Key", key}});
  EXPECT_EQ(pulled.status, 200) << pulled.body;

  // The list shows the fingerprint and its last use, never the key; the auditor reads it too.
  auto listed = http_request(server->port(), "GET", "/api/v1/department-keys", "", auditor);
  ASSERT_EQ(listed.status, 200) << listed.body;
  EXPECT_EQ(listed.body.find(key), std::string::npos);
  bool seen = false;
  const auto keys = object(listed);
  for (const auto& k : keys.at("items").as_array())
    if (k.at("id").as_int64() == id) {
      seen = true;
      EXPECT_EQ(k.at("fingerprint").as_string(), fingerprint);
      EXPECT_FALSE(k.at("last_used_at").is_null()) << "its use is noted";
      EXPECT_EQ(k.at("created_by_name").as_string(), "系统管理员");
    }
  EXPECT_TRUE(seen) << listed.body;
  EXPECT_TRUE(audited("api_key_issued", "RS"));

  auto revoked = as_admin("POST", "/api/v1/department-keys/" + std::to_string(id) + "/revoke");
  ASSERT_EQ(revoked.status, 200) << revoked.body;
  EXPECT_FALSE(object(revoked).at("revoked_at").is_null());
  EXPECT_EQ(http_request(server->port(), "GET", "/api/v1/departments/RS/tasks", "", {{"X-Api-Key", key}}).status, 401);
  EXPECT_EQ(as_admin("POST", "/api/v1/department-keys/" + std::to_string(id) + "/revoke").status, 409);
  EXPECT_TRUE(audited("api_key_revoked", "RS"));
  // The auditor reads, never changes.
  EXPECT_EQ(http_request(server->port(), "POST", "/api/v1/department-keys", R"({"department":"RS"})", auditor).status,
            403);
}

TEST_F(AdminDesk, CatalogReloadReportsItsCheck) {
  auto dry = as_admin("POST", "/api/v1/catalog/reload?dry_run=true");
  ASSERT_EQ(dry.status, 200) << dry.body;
  EXPECT_FALSE(object(dry).at("changed").as_bool()) << "loaded already";
  EXPECT_TRUE(object(dry).at("notes").is_array());
}

TEST_F(AdminDesk, CalendarUploadIsCheckedThenLoadedAndTheOpenClocksRecomputed) {
  // A case accepted on 2026-12-21: its 15 working days reach into 2027, counted Monday to Friday (no 2027 file yet).
  ASSERT_EQ(http_request(server->port(), "POST", "/api/v1/test/clock",
                         json::serialize(json::object{{"offset_seconds", kLateDecember - std::time(nullptr)}}))
                .status,
            200);
  std::string out;
  ASSERT_EQ(server->cli("user add clerk9 --name 窗口甲 --role clerk --region 330106 --hall XH01 --window W01 "
                        "--password-stdin",
                        &out, kPassword),
            0)
      << out;
  const std::map<std::string, std::string> clerk{{"Authorization", "Bearer " + server->login("clerk9", kPassword)},
                                                 {"Idempotency-Key", "cal-case"}};
  auto created = http_request(server->port(), "POST", "/api/v1/cases",
                              json::serialize(ow::testing::retirement_application()), clerk);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string number(object(created).at("number").as_string());
  auto due = [&] {
    auto r = http_request(server->port(), "GET", "/api/v1/cases/" + number, "", clerk);
    EXPECT_EQ(r.status, 200) << r.body;
    return std::string(object(r).at("due").at("committed").as_string());
  };
  const std::string before = due();
  EXPECT_TRUE(before.starts_with("2027-01")) << before;

  // A file with mistakes: refused with the check's report (line by line, in Chinese), nothing loaded.
  const std::string bad = "date,kind,name\n2027-01-01,holiday,元旦\n2027-01-05,workday,元旦\n2027-01-01,holiday,元旦\n";
  auto refused = as_admin("POST", "/api/v1/calendar/uploads", json::serialize(json::object{{"content", bad}}), "cal-bad");
  ASSERT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(refused.headers["content-type"].find("application/problem+json"), 0u);
  const auto problem = object(refused);
  EXPECT_EQ(problem.at("code").as_string(), "calendar_rejected");
  EXPECT_EQ(problem.at("field").as_string(), "content");
  const auto& issues = problem.at("issues").as_array();
  ASSERT_GE(issues.size(), 2u) << refused.body;
  EXPECT_EQ(issues[0].at("line").as_int64(), 3);
  EXPECT_NE(std::string(issues[0].at("message").as_string()).find("周一至周五"), std::string::npos) << refused.body;
  auto check = as_admin("POST", "/api/v1/calendar/check", json::serialize(json::object{{"content", bad}}));
  ASSERT_EQ(check.status, 200) << check.body;
  EXPECT_FALSE(object(check).at("ok").as_bool());
  EXPECT_EQ(object(check).at("issues").as_array().size(), issues.size()) << "the same check";
  EXPECT_EQ(object(as_admin("GET", "/api/v1/calendar/uploads")).at("last_year").as_int64(), 2026);
  EXPECT_EQ(due(), before);
  auto gap = as_admin("POST", "/api/v1/calendar/check",
                      json::serialize(json::object{{"content", "date,kind,name\n2028-01-01,holiday,元旦\n"}}));
  EXPECT_FALSE(object(gap).at("ok").as_bool()) << "2027 would be missing: " << gap.body;

  // The good file: 元旦 is Friday 2027-01-01, a working day for the weekday fallback; now a holiday.
  const std::string good =
      "date,kind,name\n2027-01-01,holiday,元旦\n2027-02-06,workday,春节\n2027-02-08,holiday,春节\n"
      "2027-10-01,holiday,国庆节\n";
  auto loaded = as_admin("POST", "/api/v1/calendar/uploads", json::serialize(json::object{{"content", good}}), "cal-ok");
  ASSERT_EQ(loaded.status, 201) << loaded.body;
  EXPECT_EQ(object(loaded).at("last_year").as_int64(), 2027);
  EXPECT_GE(object(loaded).at("cases_read").as_int64(), 1);
  EXPECT_GE(object(loaded).at("cases_moved").as_int64(), 1);
  const std::string after = due();
  EXPECT_GT(after, before) << "the holiday moved the due date: " << before << " → " << after;
  auto replay = as_admin("POST", "/api/v1/calendar/uploads", json::serialize(json::object{{"content", good}}), "cal-ok");
  ASSERT_EQ(replay.status, 201) << replay.body;
  EXPECT_TRUE(object(replay).at("replayed").as_bool());
  const auto uploads = object(http_request(server->port(), "GET", "/api/v1/calendar/uploads", "", auditor));
  EXPECT_EQ(uploads.at("items").as_array().size(), 1u);
  EXPECT_TRUE(audited("calendar_loaded", "calendar"));
  // The working-day answer of the running server uses the new year at once (no restart).
  auto days = http_request(server->port(), "GET", "/api/v1/calendar/working-days?from=2026-12-31&working_days=1", "",
                           clerk);
  ASSERT_EQ(days.status, 200) << days.body;
  EXPECT_NE(days.body.find("2027-01-04"), std::string::npos) << days.body;
  // The command line's recompute reads the uploaded year too: nothing moves a second time.
  ASSERT_EQ(server->cli("calendar recompute", &out), 0) << out;
  EXPECT_NE(out.find("moved in 0"), std::string::npos) << out;
}

}  // namespace
