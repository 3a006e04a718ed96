// Applicants sign in and apply (issue 20), against the running platform and the department simulator playing the
// identity provider: the OpenID Connect code flow with PKCE end to end (the platform sends S256 challenge, state
// and nonce; the provider's token endpoint wants the verifier; the ID token is verified with libjwt), a callback
// replayed (its state and nonce used) refused, forged ID tokens (another key, another audience or issuer,
// expired, a made-up nonce, the previous sign-in's genuine token replayed) refused with their reason, applicant
// sessions apart from staff ones, an applicant who sees only their own cases, and the applicant's flow: submit
// (Submitted, the clerks' pre-review queue), a one-time supplement list from the clerk answered online (back to
// pre-review), acceptance, the documents issued; a kiosk submission counted as a trip. The applicant's own files and
// delivery: uploads to their own case (a foreign case missing, an executable named .pdf refused, none after
// acceptance), a supplement answered with a file, a posting address chosen (sealed, masked for staff who see the case
// masked) and the clerk's tracking number shown to them.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <pqxx/pqxx>

#include "tests/support/applicant_sign_in.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/server_process.hpp"
#include "tests/support/simulator_process.hpp"
#include "tests/support/test_env.hpp"

using namespace ow::testing;
namespace json = boost::json;

namespace {

json::object obj(const HttpResult& r) { return json::parse(r.body).as_object(); }

class Applicants : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const int platform_port = free_port();
    provider_port = free_port();
    const std::string platform_url = "http://127.0.0.1:" + std::to_string(platform_port);
    server = new ServerProcess("e2e_applicant",
                               {{"OW_HTTP_PORT", std::to_string(platform_port)},
                                {"OW_CALENDAR_WEEKDAY_FALLBACK", "true"},
                                {"OW_OIDC_ISSUER", "http://127.0.0.1:" + std::to_string(provider_port) + "/oidc"},
                                {"OW_OIDC_CLIENT_ID", "onewindow"},
                                {"OW_OIDC_CLIENT_SECRET", "applicant-e2e-client-secret"},
                                {"OW_OIDC_REDIRECT_URL", platform_url + "/api/v1/applicant/callback"}});
    provider = new SimulatorProcess(provider_port,
                                    {"--platform", platform_url, "--departments", "SCJG", "--oidc-client", "onewindow",
                                     "--oidc-redirect", platform_url + "/api/v1/applicant/callback"},
                                    {{"OW_DEPT_SECRET_SCJG", "s"},
                                     {"OW_DEPT_APIKEY_SCJG", "k"},
                                     {"OW_OIDC_CLIENT_SECRET", "applicant-e2e-client-secret"}});
    clerk = {{"Authorization", "Bearer " + server->catalog_and_clerk()}};
  }
  static void TearDownTestSuite() {
    delete provider;
    EXPECT_EQ(server->terminate(), 0);
    delete server;
  }

  static std::map<std::string, std::string> as(const std::string& cookie, const std::string& key = {}) {
    std::map<std::string, std::string> h{{"Cookie", cookie}};
    if (!key.empty()) h["Idempotency-Key"] = key;
    return h;
  }
  static std::string signed_in(const std::string& person, bool kiosk = false) {
    const auto s = sign_in_applicant(server->port(), provider_port, person, kiosk);
    EXPECT_EQ(s.callback.status, 302) << s.callback.body;
    EXPECT_FALSE(s.cookie.empty());
    return s.cookie;
  }
  // 李秀英's own 退休一件事, as her phone sends it (the counter's form, no decision).
  static json::object retirement() {
    json::object b = retirement_application("app");
    b["applicant"].as_object()["name"] = "李秀英";
    return b;
  }

  static inline ServerProcess* server = nullptr;
  static inline SimulatorProcess* provider = nullptr;
  static inline int provider_port = 0;
  static inline std::map<std::string, std::string> clerk;
};

TEST_F(Applicants, SignInIsTheCodeFlowWithPkceAndAVerifiedIdToken) {
  const auto s = sign_in_applicant(server->port(), provider_port, "resident-lixiuying");
  ASSERT_EQ(s.login.status, 302) << s.login.body;
  // The platform sent the browser to the provider with an S256 challenge, a state and a nonce.
  EXPECT_EQ(s.authorization_url.rfind("http://127.0.0.1:" + std::to_string(provider_port) + "/oidc/authorize?", 0), 0u);
  for (const char* part : {"response_type=code", "client_id=onewindow", "code_challenge_method=S256",
                           "&state=", "&nonce=", "&code_challenge="})
    EXPECT_NE(s.authorization_url.find(part), std::string::npos) << part;
  EXPECT_EQ(s.page.status, 200);
  EXPECT_NE(s.page.body.find("李秀英"), std::string::npos);
  EXPECT_EQ(s.page.body.find("11010519491231002X"), std::string::npos);  // the page shows ID numbers masked
  ASSERT_EQ(s.callback.status, 302) << s.callback.body;
  EXPECT_EQ(s.callback.headers.at("location"), "/applicant");
  const std::string set_cookie = s.callback.headers.at("set-cookie");
  EXPECT_NE(set_cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(set_cookie.find("SameSite=Strict"), std::string::npos);
  auto me = http_request(server->port(), "GET", "/api/v1/applicant/me", "", as(s.cookie));
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(obj(me).at("name").as_string(), "李秀英");
  EXPECT_EQ(obj(me).at("role").as_string(), "applicant");
  EXPECT_EQ(obj(me).at("id_number_masked").as_string(), "110***********002X");

  // The same callback again: its state, nonce and code served once.
  auto replay = http_request(server->port(), "GET", s.callback_target);
  EXPECT_EQ(replay.status, 400) << replay.body;
  EXPECT_EQ(obj(replay).at("code").as_string(), "sign_in_expired");
  EXPECT_EQ(replay.headers.count("set-cookie"), 0u);

  // An applicant session is no staff session, and a staff token no applicant one.
  EXPECT_EQ(http_request(server->port(), "GET", "/api/v1/cases", "", as(s.cookie)).status, 403);
  EXPECT_EQ(http_request(server->port(), "GET", "/api/v1/me", "", as(s.cookie)).status, 403);
  EXPECT_EQ(http_request(server->port(), "GET", "/api/v1/applicant/me", "", clerk).status, 403);
  EXPECT_EQ(http_request(server->port(), "GET", "/api/v1/applicant/me", "", as("ow_applicant=made-up")).status, 401);

  // Signed out: the cookie no longer opens anything.
  auto out = http_request(server->port(), "DELETE", "/api/v1/applicant/session", "", as(s.cookie));
  EXPECT_EQ(out.status, 204);
  EXPECT_NE(out.headers.at("set-cookie").find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(http_request(server->port(), "GET", "/api/v1/applicant/me", "", as(s.cookie)).status, 401);
}

TEST_F(Applicants, TheTokenEndpointWantsThePkceVerifierAndACodeServesOnce) {
  // The browser's hops up to the code, which the test takes to the token endpoint with a wrong verifier.
  const auto login = http_request(server->port(), "GET", "/api/v1/applicant/login");
  ASSERT_EQ(login.status, 302);
  const auto page = http_request(provider_port, "GET", target_of(login.headers.at("location")));
  const std::string marker = "data-person='resident-wangfang' href='";
  std::string href = page.body.substr(page.body.find(marker) + marker.size());
  href = href.substr(0, href.find('\''));
  href.replace(href.find("&amp;"), 5, "&");
  const auto choice = http_request(provider_port, "GET", href);
  ASSERT_EQ(choice.status, 302);
  const std::string callback = target_of(choice.headers.at("location"));
  const std::string code = callback.substr(callback.find("code=") + 5, callback.find('&') - callback.find("code=") - 5);
  const auto stolen = http_request(provider_port, "POST", "/oidc/token",
                                   "grant_type=authorization_code&code=" + code +
                                       "&redirect_uri=x&client_id=onewindow&client_secret=applicant-e2e-client-secret"
                                       "&code_verifier=dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
                                   {{"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(stolen.status, 400) << stolen.body;
  EXPECT_EQ(obj(stolen).at("error").as_string(), "invalid_grant");
  // The code was spent by that try: the platform's own exchange of it fails, and no session is opened.
  const auto late = http_request(server->port(), "GET", callback);
  EXPECT_EQ(late.status, 400) << late.body;
  EXPECT_EQ(obj(late).at("code").as_string(), "sign_in_expired");
  EXPECT_EQ(late.headers.count("set-cookie"), 0u);
  // Without the client secret the provider gives nothing either.
  const auto no_secret =
      http_request(provider_port, "POST", "/oidc/token", "grant_type=authorization_code&code=x&client_id=onewindow",
                   {{"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(no_secret.status, 401);
}

TEST_F(Applicants, ForgedIdTokensAreRefused) {
  // An honest sign-in first: its ID token is what the replayed_nonce forgery hands over again.
  ASSERT_EQ(sign_in_applicant(server->port(), provider_port, "resident-wangfang").callback.status, 302);
  for (const std::string kind :
       {"wrong_key", "wrong_audience", "wrong_issuer", "expired", "wrong_nonce", "replayed_nonce"}) {
    ASSERT_EQ(http_request(provider_port, "POST", "/oidc/_forge", json::serialize(json::object{{"kind", kind}})).status,
              200);
    const auto s = sign_in_applicant(server->port(), provider_port, "resident-wangfang");
    EXPECT_EQ(s.callback.status, 401) << kind << " " << s.callback.body;
    EXPECT_EQ(obj(s.callback).at("code").as_string(), "id_token_refused") << kind;
    const std::string reason(obj(s.callback).at("reason").as_string());
    const std::string expected = kind == "wrong_key"        ? "signature"
                                 : kind == "wrong_audience" ? "audience"
                                 : kind == "wrong_issuer"   ? "issuer"
                                 : kind == "expired"        ? "expired"
                                                            : "nonce";
    EXPECT_EQ(reason, expected) << kind;
    EXPECT_TRUE(s.cookie.empty()) << kind;
  }
  // Nothing forged any more: the same person signs in.
  EXPECT_EQ(sign_in_applicant(server->port(), provider_port, "resident-wangfang").callback.status, 302);
}

TEST_F(Applicants, AnApplicantAppliesAnswersTheSupplementListOnlineAndSeesOnlyTheirOwnCases) {
  const std::string li = signed_in("resident-lixiuying"), wang = signed_in("resident-wangfang");
  // Someone else's name on the form is refused.
  auto other = retirement();
  other["applicant"].as_object()["id_number"] = "110105194912310021";
  auto refused =
      http_request(server->port(), "POST", "/api/v1/applicant/cases", json::serialize(other), as(li, "li-0"));
  EXPECT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(obj(refused).at("code").as_string(), "not_the_signed_in_applicant");
  // A decision is the clerk's.
  auto decided = retirement();
  decided["decision"] = json::object{{"kind", "accept"}};
  EXPECT_EQ(
      http_request(server->port(), "POST", "/api/v1/applicant/cases", json::serialize(decided), as(li, "li-d")).status,
      400);

  auto submitted =
      http_request(server->port(), "POST", "/api/v1/applicant/cases", json::serialize(retirement()), as(li, "li-1"));
  ASSERT_EQ(submitted.status, 201) << submitted.body;
  const std::string number(obj(submitted).at("number").as_string());
  EXPECT_EQ(obj(submitted).at("state").as_string(), "Submitted");
  EXPECT_EQ(obj(submitted).at("visits").as_int64(), 0);  // from her phone: no trip
  // The same key again: the same answer.
  auto again =
      http_request(server->port(), "POST", "/api/v1/applicant/cases", json::serialize(retirement()), as(li, "li-1"));
  EXPECT_EQ(again.status, 201);
  EXPECT_EQ(obj(again).at("number").as_string(), number);

  // In the clerks' pre-review queue of the region.
  auto queue = http_request(server->port(), "GET", "/api/v1/cases?state=Submitted", "", clerk);
  ASSERT_EQ(queue.status, 200) << queue.body;
  EXPECT_NE(queue.body.find(number), std::string::npos);

  // Her cases, and no one else's: 王芳 sees none of them.
  auto mine = http_request(server->port(), "GET", "/api/v1/applicant/cases", "", as(li));
  ASSERT_EQ(mine.status, 200);
  EXPECT_NE(mine.body.find(number), std::string::npos);
  auto theirs = http_request(server->port(), "GET", "/api/v1/applicant/cases", "", as(wang));
  ASSERT_EQ(theirs.status, 200);
  EXPECT_EQ(theirs.body.find(number), std::string::npos);
  EXPECT_EQ(http_request(server->port(), "GET", "/api/v1/applicant/cases/" + number, "", as(wang)).status, 404);
  EXPECT_EQ(
      http_request(server->port(), "POST", "/api/v1/applicant/cases/" + number + "/supplement", "{}", as(wang)).status,
      404);
  EXPECT_EQ(
      http_request(server->port(), "GET", "/api/v1/applicant/cases/" + number + "/documents/receipt", "", as(wang))
          .status,
      404);

  // The clerk's pre-review asks once for the household register.
  json::object supplement{
      {"materials", retirement().at("materials")},
      {"decision", json::object{{"kind", "supplement"}, {"missing", json::array{"household_register"}}}}};
  auto asked =
      http_request(server->port(), "POST", "/api/v1/cases/" + number + "/decision", json::serialize(supplement), clerk);
  ASSERT_EQ(asked.status, 200) << asked.body;
  auto view = http_request(server->port(), "GET", "/api/v1/applicant/cases/" + number, "", as(li));
  ASSERT_EQ(view.status, 200) << view.body;
  EXPECT_EQ(obj(view).at("state").as_string(), "AwaitingSupplement");
  ASSERT_EQ(obj(view).at("supplement_requested").as_array().size(), 1u);
  EXPECT_EQ(obj(view).at("supplement_requested").as_array()[0].at("id").as_string(), "household_register");
  EXPECT_NE(view.body.find("supplement_notice"), std::string::npos);
  auto notice = http_request(server->port(), "GET",
                             "/api/v1/applicant/cases/" + number + "/documents/supplement_notice", "", as(li));
  EXPECT_EQ(notice.status, 200);
  EXPECT_NE(notice.body.find("补正"), std::string::npos);

  // Answered online: back in the pre-review queue, no trip; the clerk accepts.
  auto answered =
      http_request(server->port(), "POST", "/api/v1/applicant/cases/" + number + "/supplement", "{}", as(li));
  ASSERT_EQ(answered.status, 200) << answered.body;
  EXPECT_EQ(obj(answered).at("state").as_string(), "Submitted");
  EXPECT_EQ(
      http_request(server->port(), "POST", "/api/v1/applicant/cases/" + number + "/supplement", "{}", as(li)).status,
      409);
  json::object accept{{"materials", retirement().at("materials")}, {"decision", json::object{{"kind", "accept"}}}};
  auto accepted =
      http_request(server->port(), "POST", "/api/v1/cases/" + number + "/decision", json::serialize(accept), clerk);
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  EXPECT_EQ(obj(accepted).at("visits").as_int64(), 0);
  view = http_request(server->port(), "GET", "/api/v1/applicant/cases/" + number, "", as(li));
  EXPECT_EQ(obj(view).at("state").as_string(), "InProgress");
  EXPECT_FALSE(obj(view).at("steps").as_array().empty());
  EXPECT_TRUE(obj(view).at("supplement_requested").as_array().empty());
  EXPECT_NE(view.body.find("\"receipt\""), std::string::npos);
  EXPECT_EQ(http_request(server->port(), "GET", "/api/v1/applicant/cases/" + number + "/documents/receipt", "", as(li))
                .status,
            200);
}

// A two-page PDF and a PNG header (enough for the type and the page count).
const std::string& kPdf = two_page_pdf();
const std::string kPng = std::string("\x89PNG\r\n\x1a\n", 8) + std::string(64, '\x01');

TEST_F(Applicants, AnApplicantUploadsTheirFilesAnswersTheSupplementWithOneAndHasTheResultPosted) {
  const std::string li = signed_in("resident-lixiuying"), wang = signed_in("resident-wangfang");
  const auto upload = [&](const std::string& who, const std::string& number, const std::string& material,
                          const std::string& bytes, const std::string& name) {
    return http_request(server->port(), "POST",
                        "/api/v1/applicant/cases/" + number + "/materials/" + material + "?name=" + name, bytes,
                        {{"Cookie", who}, {"Content-Type", "application/pdf"}});
  };
  // Submitted with an electronic result asked for.
  auto body = retirement();
  body["delivery"] = json::object{{"method", "electronic"}};
  auto submitted =
      http_request(server->port(), "POST", "/api/v1/applicant/cases", json::serialize(body), as(li, "files-1"));
  ASSERT_EQ(submitted.status, 201) << submitted.body;
  const std::string number(obj(submitted).at("number").as_string());
  auto view = http_request(server->port(), "GET", "/api/v1/applicant/cases/" + number, "", as(li));
  EXPECT_EQ(obj(view).at("delivery_choice").at("method").as_string(), "electronic");
  EXPECT_TRUE(obj(view).at("delivery_choice_open").as_bool());

  // Her scan of her ID card: typed by its bytes, pages counted; listed and read back.
  auto stored = upload(li, number, "id_card", kPdf, "身份证.pdf");
  ASSERT_EQ(stored.status, 201) << stored.body;
  EXPECT_EQ(obj(stored).at("media_type").as_string(), "application/pdf");
  EXPECT_EQ(obj(stored).at("pages").as_int64(), 2);
  const std::string url(obj(stored).at("url").as_string());
  EXPECT_EQ(url.rfind("/api/v1/applicant/cases/" + number + "/files/", 0), 0u) << url;
  auto listed = http_request(server->port(), "GET", "/api/v1/applicant/cases/" + number + "/files", "", as(li));
  ASSERT_EQ(listed.status, 200) << listed.body;
  ASSERT_EQ(obj(listed).at("items").as_array().size(), 1u);
  EXPECT_EQ(obj(listed).at("items").as_array()[0].at("material").as_string(), "id_card");
  auto bytes = http_request(server->port(), "GET", url, "", as(li));
  EXPECT_EQ(bytes.status, 200);
  EXPECT_EQ(bytes.body, kPdf);

  // An executable named .pdf is refused by its bytes; an unknown material and someone else's case too.
  auto exe = upload(li, number, "id_card", "MZ\x90" + std::string(200, 'x'), "scan.pdf");
  EXPECT_EQ(exe.status, 415) << exe.body;
  EXPECT_EQ(obj(exe).at("code").as_string(), "unsupported_file_type");
  EXPECT_NE(exe.headers.at("content-type").find("problem+json"), std::string::npos);
  auto unknown = upload(li, number, "no_such_material", kPdf, "a.pdf");
  EXPECT_EQ(unknown.status, 422) << unknown.body;
  EXPECT_EQ(obj(unknown).at("field").as_string(), "material");
  EXPECT_EQ(upload(wang, number, "id_card", kPdf, "a.pdf").status, 404);
  EXPECT_EQ(http_request(server->port(), "GET", "/api/v1/applicant/cases/" + number + "/files", "", as(wang)).status,
            404);
  EXPECT_EQ(http_request(server->port(), "GET", url, "", as(wang)).status, 404);
  EXPECT_EQ(upload(li, number, "id_card", kPdf, "").status, 400);  // no file name

  // The region's clerk pre-reviewing the submission (no hall holds it yet) opens what she handed in.
  auto prereview_files = http_request(server->port(), "GET", "/api/v1/cases/" + number + "/files", "", clerk);
  ASSERT_EQ(prereview_files.status, 200) << prereview_files.body;
  EXPECT_NE(prereview_files.body.find("身份证.pdf"), std::string::npos);

  // The clerk asks once for the household register; she uploads a photo of it and answers: back to pre-review.
  json::object supplement{
      {"materials", retirement().at("materials")},
      {"decision", json::object{{"kind", "supplement"}, {"missing", json::array{"household_register"}}}}};
  ASSERT_EQ(
      http_request(server->port(), "POST", "/api/v1/cases/" + number + "/decision", json::serialize(supplement), clerk)
          .status,
      200);
  auto photo = upload(li, number, "household_register", kPng, "户口簿.png");
  ASSERT_EQ(photo.status, 201) << photo.body;
  EXPECT_EQ(obj(photo).at("media_type").as_string(), "image/png");
  auto answered =
      http_request(server->port(), "POST", "/api/v1/applicant/cases/" + number + "/supplement", "{}", as(li));
  ASSERT_EQ(answered.status, 200) << answered.body;
  EXPECT_EQ(obj(answered).at("state").as_string(), "Submitted");

  // Accepted: no more files from her (409, problem+json with the state).
  json::object accept{{"materials", retirement().at("materials")}, {"decision", json::object{{"kind", "accept"}}}};
  ASSERT_EQ(
      http_request(server->port(), "POST", "/api/v1/cases/" + number + "/decision", json::serialize(accept), clerk)
          .status,
      200);
  // The hall that accepted it sees her files (both uploads) among the case's files.
  auto clerk_files = http_request(server->port(), "GET", "/api/v1/cases/" + number + "/files", "", clerk);
  ASSERT_EQ(clerk_files.status, 200) << clerk_files.body;
  EXPECT_NE(clerk_files.body.find("身份证.pdf"), std::string::npos);
  EXPECT_NE(clerk_files.body.find("household_register"), std::string::npos);
  auto late = upload(li, number, "id_card", kPdf, "a.pdf");
  EXPECT_EQ(late.status, 409) << late.body;
  EXPECT_EQ(obj(late).at("code").as_string(), "case_takes_no_files");
  EXPECT_EQ(obj(late).at("state").as_string(), "InProgress");

  // She changes her mind: the result by post. Malformed choices name their field.
  const auto choose = [&](const std::string& who, const json::object& b) {
    return http_request(server->port(), "PUT", "/api/v1/applicant/cases/" + number + "/delivery-choice",
                        json::serialize(b), as(who));
  };
  auto bad = choose(li, {{"method", "pigeon"}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(obj(bad).at("field").as_string(), "method");
  bad = choose(li, {{"method", "post"}, {"recipient", "李秀英"}, {"phone", "13900001111"}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(obj(bad).at("field").as_string(), "address");
  bad = choose(
      li, {{"method", "post"}, {"recipient", "李秀英"}, {"phone", "12"}, {"address", "浙江省杭州市西湖区文三路90号"}});
  EXPECT_EQ(obj(bad).at("field").as_string(), "phone");
  EXPECT_EQ(choose(wang, {{"method", "window"}}).status, 404);
  const json::object post{{"method", "post"},
                          {"recipient", "李秀英"},
                          {"phone", "13900001111"},
                          {"address", "浙江省杭州市西湖区文三路90号3幢201室"}};
  auto chosen = choose(li, post);
  ASSERT_EQ(chosen.status, 200) << chosen.body;
  EXPECT_EQ(obj(chosen).at("delivery_choice").at("address").as_string(), "浙江省杭州市西湖区文三路90号3幢201室");
  EXPECT_EQ(obj(chosen).at("delivery_choice").at("method_name").as_string(), "邮寄（双向快递）");
  // The clerk of the hall sees the address in full; it is sealed at rest (no plain text in the row).
  auto staff = http_request(server->port(), "GET", "/api/v1/cases/" + number, "", clerk);
  ASSERT_EQ(staff.status, 200) << staff.body;
  EXPECT_EQ(obj(staff).at("delivery_choice").at("recipient").as_string(), "李秀英");
  EXPECT_EQ(obj(staff).at("delivery_choice").at("phone").as_string(), "13900001111");
  {
    pqxx::connection c(server->db_url());
    pqxx::read_transaction tx(c);
    const auto r = tx.exec_params1(
        "SELECT d.method, d.address_sealed, d.pii_key FROM delivery_choices d JOIN cases c ON c.id = d.case_id WHERE c.number = $1",
        number);
    EXPECT_EQ(r[0].as<std::string>(), "post");
    EXPECT_EQ(r[1].as<std::string>().find("文三路"), std::string::npos);
    EXPECT_GE(r[2].as<int>(), 1);
  }

  // 人社 and 医保 approve every step; the clerk posts the result with its tracking number, which she then sees.
  for (const char* u :
       {"rs9 --role approver --region 330106 --department RS", "yb9 --role approver --region 330106 --department YB"})
    ASSERT_EQ(server->cli(std::string("user add ") + u + " --name 审批 --password-stdin", nullptr, "password-123"), 0);
  std::map<std::string, std::map<std::string, std::string>> approvers{
      {"rs9", {{"Authorization", "Bearer " + server->login("rs9", "password-123")}}},
      {"yb9", {{"Authorization", "Bearer " + server->login("yb9", "password-123")}}}};
  for (int round = 0; round < 6; ++round)
    for (auto& [who, h] : approvers) {
      const json::object inbox = obj(http_request(server->port(), "GET", "/api/v1/tasks", "", h));
      for (const auto& t : inbox.at("items").as_array()) {
        if (t.at("number").as_string() != number) continue;
        const std::string task = "/api/v1/tasks/" + std::to_string(t.at("id").as_int64());
        http_request(server->port(), "POST", task + "/claim", "", h);
        http_request(server->port(), "POST", task + "/decision", R"({"kind":"approve"})", h);
      }
    }
  ASSERT_EQ(obj(http_request(server->port(), "GET", "/api/v1/cases/" + number, "", clerk)).at("state").as_string(),
            "ResultReady");
  auto delivered = http_request(server->port(), "POST", "/api/v1/cases/" + number + "/delivery",
                                R"({"method":"post","tracking_number":"SF1234567890"})", clerk);
  ASSERT_EQ(delivered.status, 200) << delivered.body;
  view = http_request(server->port(), "GET", "/api/v1/applicant/cases/" + number, "", as(li));
  EXPECT_EQ(obj(view).at("delivery").at("method").as_string(), "post");
  EXPECT_EQ(obj(view).at("delivery").at("tracking_number").as_string(), "SF1234567890");
  EXPECT_FALSE(obj(view).at("delivery_choice_open").as_bool());
  auto closed = choose(li, {{"method", "window"}});
  EXPECT_EQ(closed.status, 409);
  EXPECT_EQ(obj(closed).at("code").as_string(), "delivery_choice_closed");
}

TEST_F(Applicants, AKioskSubmissionIsATrip) {
  const auto s = sign_in_applicant(server->port(), provider_port, "resident-lixiuying", true);
  ASSERT_EQ(s.callback.status, 302) << s.callback.body;
  EXPECT_EQ(s.callback.headers.at("location"), "/applicant?kiosk=1");
  auto me = http_request(server->port(), "GET", "/api/v1/applicant/me", "", as(s.cookie));
  EXPECT_TRUE(obj(me).at("kiosk").as_bool());
  auto submitted = http_request(server->port(), "POST", "/api/v1/applicant/cases", json::serialize(retirement()),
                                as(s.cookie, "kiosk-1"));
  ASSERT_EQ(submitted.status, 201) << submitted.body;
  EXPECT_EQ(obj(submitted).at("channel").as_string(), "kiosk");
  EXPECT_EQ(obj(submitted).at("visits").as_int64(), 1);
}

}  // namespace
