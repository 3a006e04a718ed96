// Passwords and login throttling over HTTP and the command line: the password rule on `user add`, a staff
// user's own password change (weak 422, wrong current 403, other sessions revoked, this one kept), the
// administrator's reset revoking every session, API keys only for catalog departments, and the client
// address taken from X-Forwarded-For only behind a trusted proxy, and logins refused (503) without Redis.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>

#include "tests/support/http_client.hpp"
#include "tests/support/server_process.hpp"
#include "tests/support/test_env.hpp"

using ow::testing::http_request;
using ow::testing::HttpResult;
using ow::testing::ServerProcess;

namespace {

const std::string kPassword = "Tall-Lantern-4821";

boost::json::object json(const std::string& body) { return boost::json::parse(body).as_object(); }

HttpResult me(const ServerProcess& s, const std::string& token) {
  return http_request(s.port(), "GET", "/api/v1/me", {}, {{"Authorization", "Bearer " + token}});
}

HttpResult change(const ServerProcess& s, const std::map<std::string, std::string>& auth, const std::string& current,
                  const std::string& next) {
  auto headers = auth;
  headers["Content-Type"] = "application/json";
  return http_request(
      s.port(), "POST", "/api/v1/me/password",
      boost::json::serialize(boost::json::object{{"current_password", current}, {"new_password", next}}), headers);
}

HttpResult login(const ServerProcess& s, const std::string& user, const std::string& password,
                 const std::map<std::string, std::string>& headers = {}) {
  return http_request(s.port(), "POST", "/api/v1/sessions",
                      boost::json::serialize(boost::json::object{{"login", user}, {"password", password}}), headers);
}

}  // namespace

TEST(AuthE2E, UserAddRefusesWeakPasswords) {
  ServerProcess server("e2e_auth_add");
  std::string out;
  EXPECT_EQ(
      server.cli("user add weak1 --name 测试 --role supervisor --region 330100 --password-stdin", &out, "password12"),
      2)
      << out;
  EXPECT_NE(out.find("password refused"), std::string::npos) << out;
  EXPECT_EQ(
      server.cli("user add weak1 --name 测试 --role supervisor --region 330100 --password-stdin", &out, "Xk7mPq2v"), 2)
      << out;
  EXPECT_NE(out.find("10"), std::string::npos) << out;
  EXPECT_EQ(
      server.cli("user add weak1 --name 测试 --role supervisor --region 330100 --password-stdin", &out, "1234567890"),
      2)
      << out;
  // A generated password passes the rule and works.
  ASSERT_EQ(server.cli("user add ok1 --name 测试 --role supervisor --region 330100", &out), 0) << out;
  const std::string marker = "with password ";
  ASSERT_NE(out.find(marker), std::string::npos) << out;
  std::string generated = out.substr(out.find(marker) + marker.size());
  generated = generated.substr(0, generated.find('\n'));
  EXPECT_EQ(login(server, "ok1", generated).status, 201);
}

TEST(AuthE2E, OwnPasswordChangeRevokesTheOtherSessions) {
  ServerProcess server("e2e_auth_change");
  ASSERT_EQ(
      server.cli("user add clerk1 --name 王窗口 --role clerk --region 330102 --hall H01 --window W01 --password-stdin",
                 nullptr, kPassword),
      0);
  const std::string mine = server.login("clerk1", kPassword);
  const std::string other = server.login("clerk1", kPassword);
  const std::map<std::string, std::string> auth{{"Authorization", "Bearer " + mine}};

  auto weak = change(server, auth, kPassword, "password12");
  EXPECT_EQ(weak.status, 422) << weak.body;
  auto problem = json(weak.body);
  EXPECT_EQ(problem.at("code").as_string(), "weak_password");
  EXPECT_EQ(problem.at("field").as_string(), "new_password");
  EXPECT_EQ(problem.at("title").as_string(), "新密码强度不足");
  EXPECT_EQ(problem.at("reason").as_string(), "密码由常见单词构成，容易被猜中");
  EXPECT_EQ(json(change(server, auth, kPassword, "short-1").body).at("reason").as_string(), "密码至少需要 10 个字符");

  auto wrong = change(server, auth, "not-my-password", "Quiet-Harbour-7315");
  EXPECT_EQ(wrong.status, 403) << wrong.body;
  EXPECT_EQ(json(wrong.body).at("code").as_string(), "current_password_wrong");
  EXPECT_EQ(json(wrong.body).at("field").as_string(), "current_password");
  EXPECT_EQ(me(server, other).status, 200) << "nothing changed yet";

  auto missing = http_request(server.port(), "POST", "/api/v1/me/password", R"({"current_password":"x"})",
                              {{"Authorization", "Bearer " + mine}, {"Content-Type", "application/json"}});
  EXPECT_EQ(missing.status, 400) << missing.body;

  auto done = change(server, auth, kPassword, "Quiet-Harbour-7315");
  EXPECT_EQ(done.status, 204) << done.body;
  EXPECT_EQ(me(server, mine).status, 200) << "the session that changed the password is kept";
  EXPECT_EQ(me(server, other).status, 401) << "every other session is revoked";
  EXPECT_EQ(login(server, "clerk1", kPassword).status, 401);
  EXPECT_EQ(login(server, "clerk1", "Quiet-Harbour-7315").status, 201);

  // The administrator's reset from the shell revokes every session, the caller's included.
  std::string out;
  ASSERT_EQ(server.cli("user passwd clerk1 --password-stdin", &out, "Amber-Meadow-9042"), 0) << out;
  EXPECT_EQ(me(server, mine).status, 401);
  EXPECT_EQ(server.cli("user passwd clerk1 --password-stdin", &out, "clerk1clerk1"), 2) << out;
  EXPECT_EQ(login(server, "clerk1", "Amber-Meadow-9042").status, 201);

  // Nobody without a session; a department's API key has no password to change.
  EXPECT_EQ(change(server, {}, kPassword, "Quiet-Harbour-7315").status, 401);
  ASSERT_EQ(server.cli("catalog load", &out), 0) << out;
  std::string key;
  ASSERT_EQ(server.cli("apikey add SCJG --label e2e", &key), 0) << key;
  key = key.substr(0, key.find('\n'));
  auto by_key = change(server, {{"X-Api-Key", key}}, kPassword, "Quiet-Harbour-7315");
  EXPECT_EQ(by_key.status, 403) << by_key.body;
  EXPECT_EQ(http_request(server.port(), "POST", "/api/v1/me/password", {}, {{"X-Api-Key", key}}).status, 403);
}

TEST(AuthE2E, ApiKeysOnlyForCatalogDepartments) {
  ServerProcess server("e2e_auth_apikey");
  std::string out;
  EXPECT_EQ(server.cli("apikey add SCJG", &out), 2) << "no catalog loaded yet: " << out;
  ASSERT_EQ(server.cli("catalog load", &out), 0) << out;
  EXPECT_EQ(server.cli("apikey add NOPE", &out), 2) << out;
  EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 1) << "one line: " << out;
  EXPECT_NE(out.find("NOPE"), std::string::npos) << out;
  EXPECT_EQ(server.cli("apikey add SCJG --label test", &out), 0) << out;
  EXPECT_EQ(out.size(), 44u) << out;  // the key and a newline
}

TEST(AuthE2E, ForwardedForCountsOnlyBehindTrustedProxies) {
  ServerProcess server("e2e_auth_xff",
                       {{"OW_HTTP_TRUSTED_PROXIES", "127.0.0.0/8"}, {"OW_AUTH_LOGIN_MAX_FAILURES_PER_ACCOUNT", "2"}});
  ASSERT_EQ(
      server.cli("user add sup1 --name 督查 --role supervisor --region 330100 --password-stdin", nullptr, kPassword),
      0);
  const std::map<std::string, std::string> attacker{{"X-Forwarded-For", "198.51.100.9, 203.0.113.50"}};
  EXPECT_EQ(login(server, "sup1", "wrong-password", attacker).status, 401);
  EXPECT_EQ(login(server, "sup1", "wrong-password", attacker).status, 401);
  auto locked = login(server, "sup1", kPassword, attacker);
  EXPECT_EQ(locked.status, 429) << locked.body;
  EXPECT_FALSE(locked.headers["retry-after"].empty());
  // Changing the left-most (client-written) address does not help the attacker...
  EXPECT_EQ(login(server, "sup1", kPassword, {{"X-Forwarded-For", "10.1.1.1, 203.0.113.50"}}).status, 429);
  // ...while the owner behind the same proxy, at another address, logs in.
  EXPECT_EQ(login(server, "sup1", kPassword, {{"X-Forwarded-For", "203.0.113.77"}}).status, 201);
  EXPECT_EQ(login(server, "sup1", kPassword).status, 201);  // the proxy's own address is clean too
}

TEST(AuthE2E, WithRedisDownLoginsFailClosed) {
  ServerProcess server("e2e_auth_noredis",
                       {{"OW_REDIS_PORT", std::to_string(ow::testing::free_port())}, {"OW_REDIS_TIMEOUT_MS", "200"}});
  ASSERT_EQ(
      server.cli("user add sup1 --name 督查 --role supervisor --region 330100 --password-stdin", nullptr, kPassword),
      0);
  auto r = login(server, "sup1", kPassword);
  EXPECT_EQ(r.status, 503) << r.body;
  EXPECT_EQ(json(r.body).at("code").as_string(), "redis_unavailable");
  EXPECT_FALSE(r.headers["retry-after"].empty());
}

TEST(AuthE2E, ABadTrustedProxyListStopsTheStart) {
  std::string out;
  const int status = ow::testing::run_command(
      "OW_SECURITY_REFUSE_ROOT=false OW_HTTP_TRUSTED_PROXIES='10.0.0.0/8,10.0.0.0/40' timeout 30 env OW_CONFIG=" +
          ow::testing::source_dir() + "/config/onewindow.yaml OW_HTTP_PORT=0 " + ow::testing::binary("onewindow") +
          " serve 2>&1",
      &out);
  EXPECT_EQ(status, 2) << out;  // a configuration error, before anything is started
  EXPECT_NE(out.find("http.trusted_proxies: '10.0.0.0/40'"), std::string::npos) << out;
}
