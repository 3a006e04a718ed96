// The authorization matrix: every route of the running binary's own route table (GET /api/v1/test/routes, test
// mode) is called by every kind of caller, in and out of the case's scope, and the answer is compared with one
// readable table (authorization_matrix_table.cpp). A route without a row fails the test, and so does a row for a route
// that is gone.
//
// A cell is what the caller must get:
//   ok   the call passes authentication, role and scope: any answer but 401, 403 and 404, and never a 5xx (a
//        validation or state answer such as 400/409/422 is fine: the caller was let in)
//   401  not authenticated   403  authenticated but not allowed   404  outside the caller's scope (no oracle)
//   -    not called (the route cannot be reached this way, e.g. the event stream)
// A row's `fresh` says what it needs of its own: `case_` a new case (and claimed task) because an allowed call
// changes it, `extension` also a pending extension request of that task.
//
// The world: a 退休一件事 (TXYJS) case accepted at hall XH01 of region 330106 (inbox departments 人社 RS and
// 医保 YB); its first 人社 task claimed by approver `hold`. Rows marked `fresh` get their own new case (and
// claimed task) because an allowed call changes it; the callers expected to be refused are tried first.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <tuple>

#include "adapters/department/signature.hpp"
#include "tests/e2e/authorization_matrix_table.hpp"
#include "tests/support/applicant_sign_in.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/server_process.hpp"
#include "tests/support/simulator_process.hpp"
#include "tests/support/test_env.hpp"

using ow::testing::http_request;
using ow::testing::HttpResult;
namespace json = boost::json;
namespace fs = std::filesystem;
using namespace ow::testing::authz;

namespace {

const char* kPassword = "Mx9#vQ2rTz6wLp";

std::vector<std::string> cells_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string c; in >> c;) out.push_back(c);
  return out;
}

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
    s.replace(at, from.size(), to);
  return s;
}

// A departments file giving 人社 and 市场监管 a signing secret (so that their keys can sign callbacks); the
// URLs point nowhere, and 人社 is on inbox transport in the catalog, so nothing is pushed.
std::string departments_file() {
  const fs::path f = fs::current_path() / ("authz-departments-" + std::to_string(::getpid()) + ".yaml");
  std::ofstream(f) << "departments:\n"
                      "  - {code: RS, url: \"http://127.0.0.1:9/RS\", secret_env: OW_DEPT_SECRET_RS}\n"
                      "  - {code: SCJG, url: \"http://127.0.0.1:9/SCJG\", secret_env: OW_DEPT_SECRET_SCJG}\n";
  return f.string();
}

class AuthorizationMatrix : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    // Applicants sign in through the simulator playing the identity provider.
    const int platform_port = ow::testing::free_port();
    const std::string platform_url = "http://127.0.0.1:" + std::to_string(platform_port);
    const std::string callback = platform_url + "/api/v1/applicant/callback";
    provider_port = ow::testing::free_port();
    server = new ow::testing::ServerProcess(
        "e2e_authz", {{"OW_CALENDAR_WEEKDAY_FALLBACK", "true"},
                      {"OW_HTTP_PORT", std::to_string(platform_port)},
                      {"OW_OIDC_ISSUER", "http://127.0.0.1:" + std::to_string(provider_port) + "/oidc"},
                      {"OW_OIDC_CLIENT_SECRET", "authz-oidc-secret"},
                      {"OW_OIDC_REDIRECT_URL", callback},
                      {"OW_TEST_TIME_CONTROL", "true"},
                      {"OW_DEPARTMENTS_FILE", departments_file()},
                      {"OW_DEPT_SECRET_RS", "authz-secret-rs"},
                      {"OW_DEPT_SECRET_SCJG", "authz-secret-scjg"},
                      {"OW_HOTLINE_SECRET", "authz-secret-hotline"}});
    std::string out;
    ASSERT_EQ(server->cli("catalog load", &out), 0) << out;
    const std::map<std::string, std::string> users = {
        {"hall", "--role clerk --region 330106 --hall XH01 --window W01"},
        {"xhall", "--role clerk --region 330106 --hall XH02 --window W01"},
        {"xregion", "--role clerk --region 330102 --hall SC01 --window W01"},
        {"hold", "--role approver --region 330106 --department RS"},
        {"dept", "--role approver --region 330106 --department RS"},
        {"xdept", "--role approver --region 330106 --department ZJ"},
        {"sup", "--role supervisor --region 330106"},
        {"xsup", "--role supervisor --region 330102"},
        {"admin", "--role admin --region 330100"},
        {"aud", "--role auditor --region 330100"},
        {"surv", "--role surveyor --region 330106"},
        {"xsurv", "--role surveyor --region 330102"},
        {"yb", "--role approver --region 330106 --department YB"},  // works the 医保 step of the concluded case
    };
    for (const auto& [login, args] : users) {
      ASSERT_EQ(server->cli("user add " + login + " --name 矩阵测试 " + args + " --password-stdin", &out, kPassword), 0)
          << login << out;
      headers[login] = {{"Authorization", "Bearer " + server->login(login, kPassword)}};
    }
    for (const auto& [caller, department] : std::map<std::string, std::string>{{"key", "RS"}, {"xkey", "SCJG"}}) {
      ASSERT_EQ(server->cli("apikey add " + department + " --label matrix", &out), 0) << out;
      std::string key = out.substr(out.find_last_of(' ', out.size() - 2) + 1);
      while (!key.empty() && (key.back() == '\n' || key.back() == ' ')) key.pop_back();
      headers[caller] = {{"X-Api-Key", key}};
    }
    // A key for the revoke row (the admin's call revokes it; the keys above stay).
    ASSERT_EQ(server->cli("apikey add RS --label matrix-revoke", &out), 0) << out;
    const auto keys =
        json::parse(http_request(server->port(), "GET", "/api/v1/department-keys", "", headers["admin"]).body);
    for (const auto& k : keys.at("items").as_array())
      if (k.at("label").as_string() == "matrix-revoke") revocable_key = std::to_string(k.at("id").as_int64());
    ASSERT_FALSE(revocable_key.empty()) << json::serialize(keys);
    headers["anon"] = {};
    provider = new ow::testing::SimulatorProcess(provider_port,
                                                 {"--platform", platform_url, "--departments", "SCJG", "--oidc-client",
                                                  "onewindow", "--oidc-redirect", callback},
                                                 {{"OW_DEPT_SECRET_SCJG", "authz-secret-scjg"},
                                                  {"OW_DEPT_APIKEY_SCJG", "unused"},
                                                  {"OW_OIDC_CLIENT_SECRET", "authz-oidc-secret"}});
    headers["appl"] = {{"Cookie", applicant_cookie("resident-lixiuying")}};
    headers["xappl"] = {{"Cookie", applicant_cookie("resident-wangfang")}};
    shared = make_world("shared");
    shared.ticket = hotline_ticket();
    std::tie(shared.concluded, shared.concluded_code) = conclude_and_rate();
  }
  static void TearDownTestSuite() {
    delete provider;
    EXPECT_EQ(server->terminate(), 0);
    delete server;
  }

  struct World {
    std::string number, task, order, extension;
    std::string code;            // the query code printed on the receipt of `number`
    std::string concluded_code;  // and of `concluded`
    std::string concluded;       // a case worked to the end, delivered and rated 1★ (so it has a follow-up)
    std::string ticket;          // a 12345 ticket about 人社 at hall XH01 (region 330106)
    std::string file;            // a material file (a small PNG) the hall's clerk uploaded to `number`
  };

  // A 12345 ticket sent signed by the hotline's own key; returns its id.
  static std::string hotline_ticket() {
    std::string out;
    EXPECT_EQ(server->cli("apikey add 12345 --label matrix", &out), 0) << out;
    std::string key = out.substr(out.find_last_of(' ', out.size() - 2) + 1);
    while (!key.empty() && (key.back() == '\n' || key.back() == ' ')) key.pop_back();
    const std::string body =
        json::serialize(json::object{{"id", "MATRIX-1"},
                                     {"kind", "投诉"},
                                     {"subject", "矩阵测试"},
                                     {"received_at", "2026-06-01T10:00:00+08:00"},
                                     {"applicant", json::object{{"name", "矩阵"}, {"phone", "13800000000"}}},
                                     {"hall", "XH01"},
                                     {"department", "RS"}});
    const std::string ts = std::to_string(std::time(nullptr));
    auto r = http_request(server->port(), "POST", "/api/v1/hotline/tickets", body,
                          {{"X-Api-Key", key},
                           {"X-OW-Timestamp", ts},
                           {"X-OW-Signature", ow::adapters::sign("authz-secret-hotline", ts, body)}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? std::to_string(json::parse(r.body).at("id").as_int64()) : "0";
  }

  static std::string applicant_cookie(const std::string& person) {
    const auto s = ow::testing::sign_in_applicant(server->port(), provider_port, person);
    EXPECT_EQ(s.callback.status, 302) << person << " " << s.callback.body;
    return s.cookie;
  }

  static HttpResult call(const std::string& caller, const std::string& method, const std::string& target,
                         const std::string& body, std::map<std::string, std::string> extra = {}) {
    auto h = headers[caller];
    for (auto& [k, v] : extra) h[k] = v;
    return http_request(server->port(), method, target, body, h);
  }

  // A new accepted case whose first 人社 task `hold` has claimed, and an open supervision order on it.
  static World make_world(const std::string& tag, bool with_extension = false) {
    World w;
    auto created = call("hall", "POST", "/api/v1/cases", json::serialize(ow::testing::retirement_application()),
                        {{"Idempotency-Key", "authz-" + tag}});
    EXPECT_EQ(created.status, 201) << created.body;
    w.number = std::string(json::parse(created.body).at("number").as_string());
    w.code = printed_code(w.number);
    const auto inbox = json::parse(call("hold", "GET", "/api/v1/tasks", "").body).as_object();
    for (const auto& t : inbox.at("items").as_array())
      if (t.at("number").as_string() == w.number) w.task = std::to_string(t.at("id").as_int64());
    EXPECT_FALSE(w.task.empty()) << "no 人社 task in the inbox";
    auto claimed = call("hold", "POST", "/api/v1/tasks/" + w.task + "/claim", "");
    EXPECT_EQ(claimed.status, 200) << claimed.body;
    auto file = call("hall", "POST", "/api/v1/cases/" + w.number + "/materials/id_card/files?name=scan.png",
                     std::string("\x89PNG\r\n\x1a\n", 8) + "matrix-" + tag);
    EXPECT_EQ(file.status, 201) << file.body;
    if (file.status == 201) w.file = std::to_string(json::parse(file.body).at("id").as_int64());
    auto order = call(
        "sup", "POST", "/api/v1/supervision-orders",
        json::serialize(json::object{
            {"case_number", w.number}, {"department", "RS"}, {"content", "请尽快办理"}, {"due_date", "2030-01-02"}}));
    EXPECT_EQ(order.status, 201) << order.body;
    if (order.status == 201) w.order = std::to_string(json::parse(order.body).at("id").as_int64());
    if (with_extension) {
      auto asked = call("hold", "POST", "/api/v1/tasks/" + w.task + "/extension-requests",
                        R"({"working_days":2,"reason":"需现场核查"})");
      EXPECT_EQ(asked.status, 201) << asked.body;
      if (asked.status == 201) w.extension = std::to_string(json::parse(asked.body).at("id").as_int64());
    }
    return w;
  }

  // The query code (查询码) as the hall clerk's receipt prints it.
  static std::string printed_code(const std::string& number) {
    const auto receipt = call("hall", "GET", "/api/v1/cases/" + number + "/documents/receipt", "");
    std::smatch m;
    if (!std::regex_search(receipt.body, m, std::regex("<td class=\"code\">([^<]+)</td>"))) {
      ADD_FAILURE() << "no query code on the receipt of " << number;
      return {};
    }
    return m[1];
  }

  // Claims and approves a step of `number` as `who`.
  static void approve(const std::string& who, const std::string& number, const std::string& step) {
    const auto inbox = json::parse(call(who, "GET", "/api/v1/tasks", "").body).as_object();
    std::string id;
    for (const auto& t : inbox.at("items").as_array())
      if (t.at("number").as_string() == number && t.at("step").as_string() == step)
        id = std::to_string(t.at("id").as_int64());
    ASSERT_FALSE(id.empty()) << step << " is not in the inbox of " << who;
    auto claimed = call(who, "POST", "/api/v1/tasks/" + id + "/claim", "");
    ASSERT_EQ(claimed.status, 200) << claimed.body;
    auto approved = call(who, "POST", "/api/v1/tasks/" + id + "/decision", R"({"kind":"approve","opinion":"同意"})");
    ASSERT_EQ(approved.status, 200) << approved.body;
  }

  // A 退休一件事 case worked through every step, delivered at the window and rated 1★ by its applicant.
  static std::pair<std::string, std::string> conclude_and_rate() {
    auto created = call("hall", "POST", "/api/v1/cases", json::serialize(ow::testing::retirement_application()),
                        {{"Idempotency-Key", "authz-concluded"}});
    EXPECT_EQ(created.status, 201) << created.body;
    const std::string number(json::parse(created.body).at("number").as_string());
    approve("hold", number, "contribution_years");
    approve("hold", number, "pension_eligibility");
    approve("yb", number, "medical_eligibility");
    approve("hold", number, "pension_approval");
    auto delivered = call("hall", "POST", "/api/v1/cases/" + number + "/delivery", R"({"method":"window"})");
    EXPECT_EQ(delivered.status, 200) << delivered.body;
    World w;
    w.concluded = number;
    w.concluded_code = printed_code(number);
    auto rated = call("anon", "POST", "/api/v1/public/evaluations",
                      fill(R"({"number":"{concluded}",{secret},"score":1})", w, "anon"));
    EXPECT_EQ(rated.status, 201) << rated.body;
    return {number, w.concluded_code};
  }

  static std::string fill(std::string text, const World& w, const std::string& caller) {
    text = replace_all(text, "{number}", w.number);
    text = replace_all(text, "{task}", w.task);
    text = replace_all(text, "{order}", w.order);
    text = replace_all(text, "{concluded}", w.concluded);
    text = replace_all(text, "{extension}", w.extension);
    text = replace_all(text, "{ticket}", w.ticket);
    text = replace_all(text, "{file}", w.file);
    text = replace_all(text, "{password}", kPassword);
    text = replace_all(text, "{apikey}", revocable_key);
    text = replace_all(text, "{secretq}", "code=" + w.code);
    text = replace_all(text, "{secret}", "\"code\":\"" + w.concluded_code + "\"");  // the applicant's query code
    text = replace_all(text, "{item}", "330106-RS-JFNX");
    if (text == "{own_application}") {  // the applicant's own 退休一件事 (李秀英's ID number), no decision
      auto app = ow::testing::retirement_application("app");
      app["applicant"].as_object()["name"] = "李秀英";
      text = json::serialize(app);
    }
    if (text == "{application}") {
      auto app = ow::testing::retirement_application();
      app["decision"] = json::object{{"kind", "refuse"}, {"reason", "矩阵测试"}, {"legal_basis", "测试"}};
      text = json::serialize(app);
    }
    return replace_all(text, "{caller}", caller);
  }

  static std::map<std::string, std::map<std::string, std::string>> headers;
  static ow::testing::ServerProcess* server;
  static inline ow::testing::SimulatorProcess* provider = nullptr;
  static inline int provider_port = 0;
  static inline std::string revocable_key;  // the id of a key made for the revoke row
  static World shared;
};
std::map<std::string, std::map<std::string, std::string>> AuthorizationMatrix::headers;
ow::testing::ServerProcess* AuthorizationMatrix::server = nullptr;
AuthorizationMatrix::World AuthorizationMatrix::shared;

std::string verdict(int status) {
  if (status == 401 || status == 403 || status == 404) return std::to_string(status);
  if (status >= 500 || status == 0) return "5xx(" + std::to_string(status) + ")";
  return "ok";
}

}  // namespace

TEST_F(AuthorizationMatrix, EveryRouteHasARowAndEveryRowARoute) {
  auto listed = call("anon", "GET", "/api/v1/test/routes", "");
  ASSERT_EQ(listed.status, 200) << listed.body;
  std::set<std::string> routes, rows;
  const json::value table = json::parse(listed.body);
  ASSERT_TRUE(table.is_object()) << listed.body.substr(0, 300);
  for (const auto& r : table.at("items").as_array())
    routes.insert(std::string(r.at("method").as_string()) + " " + std::string(r.at("pattern").as_string()));
  for (const auto& row : kTable) {
    EXPECT_TRUE(rows.insert(row.method + " " + row.pattern).second)
        << "two rows for " << row.method << " " << row.pattern;
    EXPECT_EQ(cells_of(row.cells).size(), kCallers.size())
        << row.method << " " << row.pattern << ": one cell per caller";
  }
  for (const auto& r : routes) EXPECT_TRUE(rows.contains(r)) << "no row in the authorization matrix for " << r;
  for (const auto& r : rows) EXPECT_TRUE(routes.contains(r)) << "a row for a route the server does not have: " << r;
}

// The published OpenAPI document (GET /api/v1/openapi.json) and the route table are the same set of operations: a
// route nobody documented fails, and so does a documented operation the server does not have. A path that names its
// own `servers` is served by someone else (a department system, the SMS gateway) and is left out.
TEST_F(AuthorizationMatrix, EveryRouteIsInTheOpenApiDocumentAndBack) {
  auto listed = call("anon", "GET", "/api/v1/test/routes", "");
  ASSERT_EQ(listed.status, 200) << listed.body;
  auto published = call("anon", "GET", "/api/v1/openapi.json", "");
  ASSERT_EQ(published.status, 200) << published.body.substr(0, 300);
  std::set<std::string> routes, documented;
  const json::value listed_json = json::parse(listed.body);
  for (const auto& r : listed_json.at("items").as_array())
    routes.insert(std::string(r.at("method").as_string()) + " " + std::string(r.at("pattern").as_string()));
  const json::value doc = json::parse(published.body);
  EXPECT_EQ(doc.at("openapi").as_string().subview().substr(0, 4), "3.1.");
  for (const auto& [path, item] : doc.at("paths").as_object()) {
    if (item.as_object().contains("servers")) continue;
    for (const char* method : {"get", "post", "put", "delete", "patch"}) {
      if (!item.as_object().contains(method)) continue;
      std::string verb(method);
      for (auto& c : verb) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      documented.insert(verb + " " + std::string(path));
    }
  }
  for (const auto& r : routes) EXPECT_TRUE(documented.contains(r)) << "not in the OpenAPI document: " << r;
  for (const auto& d : documented) EXPECT_TRUE(routes.contains(d)) << "documented, but the server has no route: " << d;
}

TEST_F(AuthorizationMatrix, EveryCallerGetsWhatTheTableSays) {
  std::ostringstream mismatches;
  int checked = 0;
  int n = 0;
  for (const auto& row : kTable) {
    const auto expected = cells_of(row.cells);
    if (expected.size() != kCallers.size()) continue;  // reported by the other test
    World world = shared;
    if (row.fresh != Fresh::no) {
      world = make_world("row" + std::to_string(n++), row.fresh == Fresh::extension);
      world.concluded = shared.concluded;
      world.concluded_code = shared.concluded_code;
      world.ticket = shared.ticket;
    }
    // Callers expected to be refused go first: an allowed call may change the case.
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < kCallers.size(); ++i)
      if (expected[i] != "ok") order.push_back(i);
    for (std::size_t i = 0; i < kCallers.size(); ++i)
      if (expected[i] == "ok") order.push_back(i);
    for (std::size_t i : order) {
      if (expected[i] == "-") continue;
      const std::string& caller = kCallers[i];
      const std::string target = fill(row.target, world, caller);
      std::string body = fill(row.body, world, caller);
      std::map<std::string, std::string> extra;
      if (row.method == "POST")
        extra["Idempotency-Key"] = "authz-" + caller + "-" + std::to_string(n) + "-" + std::to_string(checked);
      if (body == "{event}") {
        body = json::serialize(json::object{{"id", "authz-" + caller + "-" + std::to_string(checked)},
                                            {"type", "received"},
                                            {"case_number", world.number},
                                            {"step", "contribution_years"}});
        const std::string ts = std::to_string(std::time(nullptr));
        extra["X-OW-Timestamp"] = ts;
        extra["X-OW-Signature"] =
            ow::adapters::sign(caller == "xkey" ? "authz-secret-scjg" : "authz-secret-rs", ts, body);
      }
      if (row.pattern == "/api/v1/sessions/current" &&
          headers[caller].contains("Authorization"))  // log out a second session
        extra["Authorization"] = "Bearer " + server->login(caller, kPassword);
      if (row.pattern == "/api/v1/applicant/session" && headers[caller].contains("Cookie"))  // sign out a second one
        extra["Cookie"] = applicant_cookie(caller == "appl" ? "resident-lixiuying" : "resident-wangfang");
      const auto r = call(caller, row.method, target, body, extra);
      ++checked;
      const std::string got = verdict(r.status);
      if (got != expected[i])
        mismatches << row.method << " " << row.pattern << " as " << caller << ": expected " << expected[i] << ", got "
                   << r.status << " " << r.body.substr(0, 160) << "\n";
    }
  }
  EXPECT_TRUE(mismatches.str().empty()) << mismatches.str();
  EXPECT_GT(checked, 400);
}
