// The relying party's HTTP side: discovery, JWKS, the token exchange; verification is id_token.cpp's.
#include "adapters/oidc/relying_party.hpp"

#include <boost/json.hpp>

#include "adapters/elicense/http_elicense_lookup.hpp"
#include "adapters/oidc/base64url.hpp"
#include "adapters/oidc/id_token.hpp"
#include "adapters/oidc/pkce.hpp"

namespace ow::oidc {
namespace {

namespace json = boost::json;

json::object object_of(const adapters::HttpAnswer& a, const std::string& what) {
  if (a.status != 200)
    throw ProviderUnavailable("provider_unavailable", what + " answered " + std::to_string(a.status));
  boost::system::error_code ec;
  auto v = json::parse(a.body, ec);
  if (ec || !v.is_object()) throw ProviderUnavailable("provider_unavailable", what + " is not a JSON object");
  return v.as_object();
}

}  // namespace

RelyingParty::RelyingParty(RelyingPartySettings settings) : settings_(std::move(settings)) {}

json::object RelyingParty::fetch_json(const std::string& url) {
  return object_of(client_.get(url, {}, settings_.timeout, settings_.timeout), "the identity provider");
}

std::string RelyingParty::endpoint(const char* name) {
  std::lock_guard lock(mutex_);
  if (!discovery_) {
    auto d = fetch_json(settings_.issuer + "/.well-known/openid-configuration");
    const auto* iss = d.if_contains("issuer");
    if (!iss || !iss->is_string() || iss->as_string() != settings_.issuer)
      throw ProviderUnavailable("provider_unavailable", "the discovery document names another issuer");
    discovery_ = std::move(d);
  }
  const auto* v = discovery_->if_contains(name);
  if (!v || !v->is_string()) throw ProviderUnavailable("provider_unavailable", std::string("no ") + name);
  return std::string(v->as_string());
}

json::object RelyingParty::jwks(bool refresh) {
  const std::string uri = endpoint("jwks_uri");
  std::lock_guard lock(mutex_);
  if (!jwks_ || refresh) jwks_ = fetch_json(uri);
  return *jwks_;
}

SignInStart RelyingParty::start() {
  SignInStart s{random_token(24), random_token(24), pkce_verifier(), {}};
  s.authorization_url = endpoint("authorization_endpoint") + "?response_type=code&scope=openid%20profile" +
                        "&client_id=" + adapters::url_encode(settings_.client_id) +
                        "&redirect_uri=" + adapters::url_encode(settings_.redirect_uri) + "&state=" + s.state +
                        "&nonce=" + s.nonce + "&code_challenge=" + pkce_challenge(s.verifier) +
                        "&code_challenge_method=S256";
  return s;
}

json::object RelyingParty::finish(const std::string& code, const std::string& verifier, const std::string& nonce,
                                  std::int64_t now_unix) {
  const std::string form = "grant_type=authorization_code&code=" + adapters::url_encode(code) +
                           "&redirect_uri=" + adapters::url_encode(settings_.redirect_uri) +
                           "&client_id=" + adapters::url_encode(settings_.client_id) +
                           "&client_secret=" + adapters::url_encode(settings_.client_secret) +
                           "&code_verifier=" + adapters::url_encode(verifier);
  const auto answer = client_.post(endpoint("token_endpoint"), {{"Content-Type", "application/x-www-form-urlencoded"}},
                                   form, settings_.timeout, settings_.timeout);
  if (answer.status >= 400 && answer.status < 500)
    throw ProviderUnavailable("token_refused", "the token endpoint refused the code");
  const auto tokens = object_of(answer, "the token endpoint");
  const auto* id_token = tokens.if_contains("id_token");
  if (!id_token || !id_token->is_string()) throw IdTokenRefused("malformed");
  const IdTokenExpectation expect{settings_.issuer, settings_.client_id, nonce, now_unix, 60};
  const std::string token(id_token->as_string());
  try {
    return verify_id_token(token, jwks(false), expect);
  } catch (const IdTokenRefused& r) {
    if (r.code != "unknown_key") throw;
    return verify_id_token(token, jwks(true), expect);  // the provider may have rotated its key
  }
}

}  // namespace ow::oidc
