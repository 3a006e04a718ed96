// The demo identity provider: discovery, JWKS, login page, codes with PKCE, RS256 ID tokens (libjwt).
#include "adapters/simulator/identity_provider.hpp"

#include <boost/json.hpp>

#include "adapters/elicense/http_elicense_lookup.hpp"
#include "adapters/oidc/base64url.hpp"
#include "adapters/oidc/id_token.hpp"
#include "adapters/oidc/pkce.hpp"
#include "adapters/simulator/form_fields.hpp"

namespace ow::simulator {
namespace {

namespace json = boost::json;

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

IdpReply problem(int status, const std::string& error, const std::string& description) {
  return {status, json::serialize(json::object{{"error", error}, {"error_description", description}})};
}

IdpReply page(int status, const std::string& html) { return {status, html, "text/html; charset=utf-8", {}}; }

std::string field(const std::map<std::string, std::string>& m, const char* name) {
  auto it = m.find(name);
  return it == m.end() ? std::string() : it->second;
}

std::string masked(const std::string& id_number) {
  return id_number.size() < 8 ? id_number
                              : id_number.substr(0, 4) + "**********" + id_number.substr(id_number.size() - 4);
}

}  // namespace

const std::vector<DemoPerson>& demo_people() {
  static const std::vector<DemoPerson> people{
      {"resident-wangfang", "王芳", "330106199003071527", "13800000001", "resident", "", ""},
      {"resident-chenjing", "陈静", "330102198506152425", "13800000002", "resident", "", ""},
      {"resident-lixiuying", "李秀英", "11010519491231002X", "13800000004", "resident", "", ""},  // retired
      {"agent-zhangwei", "张伟", "330105199211203014", "13800000003", "enterprise_agent", "杭州示例科技有限公司",
       "91350100M000100Y43"},
  };
  return people;
}

IdentityProvider::IdentityProvider(std::string issuer, OidcClient client)
    : issuer_(std::move(issuer)),
      kid_("sim-" + oidc::random_token(6)),
      client_(std::move(client)),
      key_(oidc::make_rsa_key()),
      forger_key_(oidc::make_rsa_key()) {}

std::optional<IdpReply> IdentityProvider::handle(const std::string& method, const std::string& target,
                                                 const std::string& body) {
  if (!target.starts_with("/oidc/")) return std::nullopt;
  const auto q = target.find('?');
  const std::string path = target.substr(0, q);
  const auto query = form_fields(q == std::string::npos ? "" : target.substr(q + 1));
  if (method == "GET" && path == "/oidc/.well-known/openid-configuration")
    return IdpReply{200, json::serialize(json::object{
                             {"issuer", issuer_},
                             {"authorization_endpoint", issuer_ + "/authorize"},
                             {"token_endpoint", issuer_ + "/token"},
                             {"jwks_uri", issuer_ + "/jwks"},
                             {"response_types_supported", json::array{"code"}},
                             {"grant_types_supported", json::array{"authorization_code"}},
                             {"subject_types_supported", json::array{"public"}},
                             {"id_token_signing_alg_values_supported", json::array{"RS256"}},
                             {"code_challenge_methods_supported", json::array{"S256"}},
                             {"token_endpoint_auth_methods_supported", json::array{"client_secret_post"}},
                             {"scopes_supported", json::array{"openid", "profile"}},
                         })};
  if (method == "GET" && path == "/oidc/jwks")
    return IdpReply{200, json::serialize(json::object{{"keys", json::array{oidc::public_jwk(key_, kid_)}}})};
  if (method == "GET" && path == "/oidc/authorize") return authorize(query);
  if (method == "GET" && path == "/oidc/login") return login(query);
  if (method == "POST" && path == "/oidc/token") return token(form_fields(body));
  if (method == "POST" && path == "/oidc/_forge") {
    boost::system::error_code ec;
    const auto v = json::parse(body, ec);
    const auto* kind = !ec && v.is_object() ? v.as_object().if_contains("kind") : nullptr;
    if (!kind || !kind->is_string()) return problem(400, "invalid_request", "give {\"kind\"}");
    std::lock_guard lock(mutex_);
    forge_next_ = std::string(kind->as_string());
    return IdpReply{200, "{}"};
  }
  return problem(404, "not_found", "no such OpenID Connect endpoint");
}

IdpReply IdentityProvider::authorize(const std::map<std::string, std::string>& q) {
  // The client and its redirect URL first: an unknown one gets an error page, never a redirect.
  if (field(q, "client_id") != client_.id || field(q, "redirect_uri") != client_.redirect_uri)
    return page(400, "<!doctype html><meta charset=utf-8><title>登录失败</title><p>未登记的应用或回调地址。</p>");
  if (field(q, "response_type") != "code" || field(q, "code_challenge_method") != "S256" ||
      field(q, "code_challenge").size() != 43 || field(q, "state").empty() || field(q, "nonce").empty() ||
      field(q, "scope").find("openid") == std::string::npos)
    return page(400,
                "<!doctype html><meta charset=utf-8><title>登录失败</title>"
                "<p>登录请求不完整：需要授权码方式、PKCE（S256）、state 和 nonce。</p>");
  const std::string id = oidc::random_token(16);
  {
    std::lock_guard lock(mutex_);
    requests_[id] = {q, std::chrono::steady_clock::now() + std::chrono::minutes(10)};
  }
  std::string html =
      "<!doctype html><html lang=zh-CN><meta charset=utf-8>"
      "<meta name=viewport content='width=device-width,initial-scale=1'><title>浙里办 演示登录</title>"
      "<style>body{font-family:sans-serif;max-width:420px;margin:24px auto;padding:0 16px}"
      "a{display:block;padding:16px;margin:12px 0;border:1px solid #c0c4cc;border-radius:8px;"
      "text-decoration:none;color:#303133;font-size:18px}small{color:#909399}</style>"
      "<h1>演示身份认证平台</h1><p>请选择要登录的演示用户（实名认证已完成）：</p>";
  for (const auto& p : demo_people())
    html += "<a data-person='" + p.id + "' href='/oidc/login?request=" + id + "&amp;person=" + p.id + "'>" + p.name +
            "<br><small>" + (p.kind == "resident" ? "个人 " : "企业经办人（" + p.company + "） ") +
            masked(p.id_number) + "</small></a>";
  return page(200, html + "</html>");
}

IdpReply IdentityProvider::login(const std::map<std::string, std::string>& q) {
  const DemoPerson* person = nullptr;
  for (const auto& p : demo_people())
    if (p.id == field(q, "person")) person = &p;
  Pending pending;
  {
    std::lock_guard lock(mutex_);
    auto it = requests_.find(field(q, "request"));
    if (it == requests_.end() || it->second.until < std::chrono::steady_clock::now() || !person)
      return page(400, "<!doctype html><meta charset=utf-8><title>登录失败</title><p>登录请求已失效，请重新登录。</p>");
    pending = std::move(it->second);
    requests_.erase(it);
  }
  pending.request["person"] = person->id;
  pending.until = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  const std::string code = oidc::random_token(24);
  const std::string to = field(pending.request, "redirect_uri") + "?code=" + code +
                         "&state=" + adapters::url_encode(field(pending.request, "state"));
  {
    std::lock_guard lock(mutex_);
    codes_[code] = std::move(pending);
  }
  return IdpReply{302, "", "text/plain", to};
}

IdpReply IdentityProvider::token(const std::map<std::string, std::string>& form) {
  if (field(form, "client_id") != client_.id || field(form, "client_secret") != client_.secret ||
      client_.secret.empty())
    return problem(401, "invalid_client", "unknown client or wrong secret");
  if (field(form, "grant_type") != "authorization_code")
    return problem(400, "unsupported_grant_type", "only authorization_code");
  Pending issued;
  {
    std::lock_guard lock(mutex_);
    auto it = codes_.find(field(form, "code"));
    if (it == codes_.end()) return problem(400, "invalid_grant", "unknown or used code");
    issued = std::move(it->second);
    codes_.erase(it);  // good once, whatever follows
  }
  if (issued.until < std::chrono::steady_clock::now()) return problem(400, "invalid_grant", "the code expired");
  if (field(form, "redirect_uri") != field(issued.request, "redirect_uri"))
    return problem(400, "invalid_grant", "redirect_uri differs from the authorization request's");
  if (!oidc::pkce_matches(field(form, "code_verifier"), field(issued.request, "code_challenge")))
    return problem(400, "invalid_grant", "the PKCE verifier does not match the challenge");
  const DemoPerson* person = nullptr;
  for (const auto& p : demo_people())
    if (p.id == field(issued.request, "person")) person = &p;
  const std::int64_t now = unix_now();
  json::object claims{{"iss", issuer_},
                      {"aud", client_.id},
                      {"sub", person->id},
                      {"iat", now},
                      {"exp", now + 300},
                      {"nonce", field(issued.request, "nonce")},
                      {"name", person->name},
                      {"id_number", person->id_number},
                      {"phone_number", person->phone},
                      {"user_kind", person->kind}};
  if (!person->credit_code.empty()) {
    claims["credit_code"] = person->credit_code;
    claims["company"] = person->company;
  }
  std::string forge;
  {
    std::lock_guard lock(mutex_);
    forge.swap(forge_next_);
  }
  if (forge == "wrong_audience") claims["aud"] = "another-client";
  if (forge == "wrong_issuer") claims["iss"] = "http://127.0.0.1:9/oidc";
  if (forge == "wrong_nonce") claims["nonce"] = "a-nonce-of-another-sign-in";
  if (forge == "expired") {
    claims["iat"] = now - 7200;
    claims["exp"] = now - 3600;
  }
  const std::string& signing_key = forge == "wrong_key" ? forger_key_.private_pem : key_.private_pem;
  std::string id_token = oidc::sign_id_token(signing_key, kid_, claims);
  {
    std::lock_guard lock(mutex_);
    // A replay: the previous sign-in's genuine token (key, audience, expiry all good; its nonce already spent).
    if (forge == "replayed_nonce" && !last_honest_token_.empty()) id_token = last_honest_token_;
    if (forge.empty()) last_honest_token_ = id_token;
  }
  return IdpReply{200, json::serialize(json::object{
                           {"access_token", oidc::random_token(24)},
                           {"token_type", "Bearer"},
                           {"expires_in", 300},
                           {"id_token", std::move(id_token)},
                       })};
}

}  // namespace ow::simulator
