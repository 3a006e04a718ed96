// The applicant's public lookup and rating over HTTP (issue 14, item 4): the receipt carries the query code
// (查询码) and a QR link with it; the lookup and the rating need number + code; five wrong codes lock the case
// (429 lookup_locked, a Chinese title saying until when, Retry-After) even against the right code while other
// cases stay open, and the lock ends with its window; one client address is limited across cases; a wrong
// code answers exactly like an unknown number. The server runs with a 4-second window and 12 misses per
// address, so the test waits seconds, not minutes; clients at 127.0.0.2–4 stand for other addresses.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <regex>
#include <thread>

#include "services/acceptance/documents.hpp"
#include "services/casework/query_code.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/server_process.hpp"
#include "workflow/flow/case_number.hpp"

using ow::testing::http_request;
using ow::testing::HttpResult;
namespace json = boost::json;

namespace {

const char* const kBase = "https://zwfw.example.gov.cn";

class PublicLookupE2E : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server = new ow::testing::ServerProcess("e2e_public", {{"OW_CALENDAR_WEEKDAY_FALLBACK", "true"},
                                                           {"OW_PUBLIC_BASE_URL", kBase},
                                                           {"OW_PUBLIC_LOOKUP_WINDOW_SECONDS", "4"},
                                                           {"OW_PUBLIC_LOOKUP_MAX_MISSES_PER_ADDRESS", "12"}});
    std::string out;
    ASSERT_EQ(server->cli("catalog load", &out), 0) << out;
    for (const char* u :
         {"clerk1 --role clerk --region 330106 --hall XH01 --window W01",
          "rs1 --role approver --region 330106 --department RS", "yb1 --role approver --region 330106 --department YB",
          "sup1 --role supervisor --region 330106"})
      ASSERT_EQ(server->cli(std::string("user add ") + u + " --name 测试 --password-stdin", nullptr, "password-123"), 0)
          << u;
    for (const char* u : {"clerk1", "rs1", "yb1", "sup1"}) tokens[u] = server->login(u, "password-123");
  }
  static void TearDownTestSuite() {
    EXPECT_EQ(server->terminate(), 0);
    delete server;
  }

  static HttpResult post(const std::string& who, const std::string& target, const json::value& body = json::object{},
                         const std::string& key = {}) {
    std::map<std::string, std::string> h;
    if (!who.empty()) h["Authorization"] = "Bearer " + tokens[who];
    if (!key.empty()) h["Idempotency-Key"] = key;
    return http_request(server->port(), "POST", target, json::serialize(body), h);
  }
  static HttpResult get(const std::string& who, const std::string& target) {
    return http_request(server->port(), "GET", target, {}, {{"Authorization", "Bearer " + tokens[who]}});
  }
  static json::object obj(const HttpResult& r) { return json::parse(r.body).as_object(); }

  // The applicant's side: no login, from `from` (a loopback address).
  static HttpResult lookup(const std::string& number, const std::string& code, const std::string& from = "127.0.0.1") {
    return http_request(server->port(), "GET", "/api/v1/public/progress?number=" + number + "&code=" + code, {}, {},
                        10000, from);
  }
  static HttpResult rate(const json::object& body, const std::string& from = "127.0.0.1") {
    return http_request(server->port(), "POST", "/api/v1/public/evaluations", json::serialize(body), {}, 10000, from);
  }

  static std::string accept(const std::string& key) {
    auto r = post("clerk1", "/api/v1/cases", ow::testing::retirement_application(), key);
    EXPECT_EQ(r.status, 201) << r.body;
    return std::string(obj(r).at("number").as_string());
  }
  // The code as the clerk's receipt prints it (XXXX-XXXX-XX).
  static std::string printed_code(const std::string& number) {
    const auto receipt = get("clerk1", "/api/v1/cases/" + number + "/documents/receipt");
    std::smatch m;
    if (!std::regex_search(receipt.body, m, std::regex("<td class=\"code\">([^<]+)</td>"))) return {};
    return m[1];
  }
  static std::int64_t inbox_task(const std::string& who, const std::string& number, const std::string& step) {
    const json::object inbox = obj(get(who, "/api/v1/tasks"));
    for (const auto& t : inbox.at("items").as_array())
      if (t.at("number").as_string() == number && t.at("step").as_string() == step) return t.at("id").as_int64();
    return 0;
  }
  static void approve(const std::string& who, const std::string& number, const std::string& step) {
    const auto id = inbox_task(who, number, step);
    ASSERT_GT(id, 0) << step;
    ASSERT_EQ(post(who, "/api/v1/tasks/" + std::to_string(id) + "/claim").status, 200) << step;
    const auto r = post(who, "/api/v1/tasks/" + std::to_string(id) + "/decision", json::object{{"kind", "approve"}});
    ASSERT_EQ(r.status, 200) << r.body;
  }
  // Problem answers without what differs per request.
  static std::string problem_of(const HttpResult& r) {
    json::object o = obj(r);
    o.erase("instance");
    o.erase("request_id");
    return json::serialize(o);
  }

  static ow::testing::ServerProcess* server;
  static std::map<std::string, std::string> tokens;
};
ow::testing::ServerProcess* PublicLookupE2E::server = nullptr;
std::map<std::string, std::string> PublicLookupE2E::tokens;

}  // namespace

TEST_F(PublicLookupE2E, TheClerksReceiptCarriesTheCodeAndItsQrLink) {
  const auto number = accept("receipt");
  const std::string code = printed_code(number);
  ASSERT_EQ(code.size(), 12u) << "XXXX-XXXX-XX";
  ASSERT_TRUE(ow::casework::query_code::normalise(code));
  const auto receipt = get("clerk1", "/api/v1/cases/" + number + "/documents/receipt").body;
  const std::string link = std::string(kBase) + "/progress?number=" + number + "&code=" + code;
  EXPECT_NE(receipt.find(ow::acceptance::qr_svg(link)), std::string::npos) << "the QR code holds " << link;
  EXPECT_EQ(receipt.find("手机号后四位"), std::string::npos);

  // Not to a supervisor (who may not open documents naming the applicant at all), and no staff view shows it.
  const auto supervisors = get("sup1", "/api/v1/cases/" + number + "/documents/receipt");
  ASSERT_EQ(supervisors.status, 403);
  EXPECT_EQ(supervisors.body.find(code), std::string::npos);
  const std::string bare = *ow::casework::query_code::normalise(code);
  for (const char* who : {"clerk1", "sup1"}) {
    const auto view = get(who, "/api/v1/cases/" + number), list = get(who, "/api/v1/cases");
    EXPECT_EQ(view.body.find(bare), std::string::npos) << who;
    EXPECT_EQ(view.body.find(code), std::string::npos) << who;
    EXPECT_EQ(list.body.find(bare), std::string::npos) << who;
  }
}

TEST_F(PublicLookupE2E, NumberAndCodeShowTheProgressTypedAnyWay) {
  const auto number = accept("progress");
  const std::string code = printed_code(number);
  for (std::string typed : {code, *ow::casework::query_code::normalise(code), std::string("%20") + code + "%20"}) {
    for (auto& c : typed) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const auto r = lookup(number, typed);
    ASSERT_EQ(r.status, 200) << typed << ": " << r.body;
    EXPECT_EQ(obj(r).at("state").as_string(), "InProgress");
    EXPECT_EQ(r.body.find("李四"), std::string::npos);
    EXPECT_EQ(r.body.find("1381234"), std::string::npos);
    EXPECT_EQ(r.body.find("11010519491231002X"), std::string::npos);
  }
  const auto old_way =
      http_request(server->port(), "GET", "/api/v1/public/progress?number=" + number + "&phone_last4=5678");
  EXPECT_EQ(old_way.status, 400) << "the phone's last digits no longer open a case";
  EXPECT_EQ(obj(old_way).at("field").as_string(), "code");
}

TEST_F(PublicLookupE2E, FiveWrongCodesLockTheCaseUntilTheWindowEnds) {
  const auto number = accept("lock"), other = accept("lock-other");
  const std::string code = printed_code(number);
  std::string guess = *ow::casework::query_code::normalise(code);
  guess[0] = guess[0] == '3' ? '4' : '3';
  const auto unknown = ow::flow::make_case_number("330106", 20000, 999999);  // a well-formed number nobody has
  const auto miss = lookup(number, guess), nobody = lookup(unknown, guess);
  EXPECT_EQ(miss.status, 404);
  EXPECT_EQ(problem_of(miss), problem_of(nobody)) << "a wrong code tells nothing an unknown number does not";
  for (int i = 2; i <= 5; ++i) EXPECT_EQ(lookup(number, guess).status, 404) << "miss " << i;

  const auto locked = lookup(number, code);
  ASSERT_EQ(locked.status, 429) << locked.body;
  EXPECT_TRUE(locked.headers.at("content-type").starts_with("application/problem+json"));
  EXPECT_EQ(obj(locked).at("code").as_string(), "lookup_locked");
  const std::string title(obj(locked).at("title").as_string());
  EXPECT_TRUE(std::regex_match(title, std::regex("查询已锁定，请于 \\d{4}年\\d{1,2}月\\d{1,2}日 \\d{2}:\\d{2} 后再试")))
      << title;
  ASSERT_TRUE(locked.headers.contains("retry-after"));
  const int retry = std::stoi(locked.headers.at("retry-after"));
  EXPECT_GE(retry, 1);
  EXPECT_LE(retry, 4);
  EXPECT_EQ(lookup(other, printed_code(other)).status, 200) << "another case is not locked";
  EXPECT_EQ(lookup(number, code, "127.0.0.4").status, 429) << "the lock is the case's, whatever the address";
  EXPECT_EQ(rate(json::object{{"number", number}, {"code", code}, {"score", 5}}).status, 429) << "nor can it be rated";

  std::this_thread::sleep_for(std::chrono::seconds(retry) + std::chrono::milliseconds(1200));
  EXPECT_EQ(lookup(number, code).status, 200) << "unlocked once the window has passed";
}

TEST_F(PublicLookupE2E, OneAddressIsLimitedAcrossCases) {
  const auto number = accept("address");
  const std::string code = printed_code(number);
  for (int i = 0; i < 12; ++i)  // twelve different unknown numbers: no case is locked, the address is
    EXPECT_EQ(lookup(ow::flow::make_case_number("330106", 20000, 500000 + i), "XK7M-RT4H-PW", "127.0.0.2").status, 404);
  const auto throttled = lookup(number, code, "127.0.0.2");
  ASSERT_EQ(throttled.status, 429) << throttled.body;
  EXPECT_EQ(obj(throttled).at("code").as_string(), "lookup_throttled");
  EXPECT_TRUE(throttled.headers.contains("retry-after"));
  EXPECT_EQ(rate(json::object{{"number", number}, {"code", code}, {"score", 5}}, "127.0.0.2").status, 429);
  EXPECT_EQ(lookup(number, code, "127.0.0.3").status, 200) << "another address is not limited";
}

TEST_F(PublicLookupE2E, ARatingNeedsTheCode) {
  const auto number = accept("rating");
  const std::string code = printed_code(number);
  EXPECT_EQ(rate(json::object{{"number", number}, {"code", code}, {"score", 5}}, "127.0.0.5").status, 409)
      << "not concluded yet";
  approve("rs1", number, "contribution_years");
  approve("rs1", number, "pension_eligibility");
  approve("yb1", number, "medical_eligibility");
  approve("rs1", number, "pension_approval");
  ASSERT_EQ(post("clerk1", "/api/v1/cases/" + number + "/delivery", json::object{{"method", "electronic"}}).status,
            200);

  const auto without = rate(json::object{{"number", number}, {"score", 1}, {"comment", "伪造的差评"}}, "127.0.0.5");
  EXPECT_EQ(without.status, 400);
  EXPECT_EQ(obj(without).at("field").as_string(), "code");
  const auto phone = rate(json::object{{"number", number}, {"phone_last4", "5678"}, {"score", 1}}, "127.0.0.5");
  EXPECT_EQ(phone.status, 400);
  std::string guess = *ow::casework::query_code::normalise(code);
  guess[9] = guess[9] == '3' ? '4' : '3';
  EXPECT_EQ(rate(json::object{{"number", number}, {"code", guess}, {"score", 1}}, "127.0.0.5").status, 404);

  const auto rated =
      rate(json::object{{"number", number}, {"code", code}, {"score", 5}, {"comment", "很方便"}}, "127.0.0.5");
  ASSERT_EQ(rated.status, 201) << rated.body;
  EXPECT_EQ(obj(rated).at("score").as_int64(), 5);
  EXPECT_EQ(rate(json::object{{"number", number}, {"code", code}, {"score", 4}}, "127.0.0.5").status, 200);  // 追评
  EXPECT_EQ(rate(json::object{{"number", number}, {"code", code}, {"score", 1}}, "127.0.0.5").status, 409);
}
