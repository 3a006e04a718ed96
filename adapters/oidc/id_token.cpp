// ID tokens with libjwt: the key is chosen by kid from the JWKS, turned into PEM (rsa_jwk), and libjwt checks
// the signature; the claims are then checked here one by one.
#include "adapters/oidc/id_token.hpp"

#include <jwt.h>

#include <boost/json.hpp>
#include <memory>

#include "adapters/oidc/base64url.hpp"
#include "adapters/oidc/rsa_jwk.hpp"

namespace ow::oidc {
namespace {

namespace json = boost::json;
using Jwt = std::unique_ptr<jwt_t, decltype(&jwt_free)>;

struct FreeText {
  void operator()(char* p) const { ::free(p); }
};

json::object header_of(const std::string& token) {
  const auto dot = token.find('.');
  if (dot == std::string::npos) throw IdTokenRefused("malformed");
  const auto bytes = base64url_decode(std::string_view(token).substr(0, dot));
  if (!bytes) throw IdTokenRefused("malformed");
  boost::system::error_code ec;
  auto v = json::parse(*bytes, ec);
  if (ec || !v.is_object()) throw IdTokenRefused("malformed");
  return v.as_object();
}

std::string text_member(const json::object& o, const char* name) {
  const auto* v = o.if_contains(name);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

std::string key_pem(const json::object& jwks, const std::string& kid) {
  const auto* keys = jwks.if_contains("keys");
  if (!keys || !keys->is_array()) throw IdTokenRefused("unknown_key");
  for (const auto& k : keys->as_array()) {
    if (!k.is_object()) continue;
    const auto& o = k.as_object();
    if (text_member(o, "kty") != "RSA" || text_member(o, "kid") != kid) continue;
    try {
      return pem_of_jwk(text_member(o, "n"), text_member(o, "e"));
    } catch (const std::invalid_argument&) {
      throw IdTokenRefused("unknown_key");
    }
  }
  throw IdTokenRefused("unknown_key");
}

bool audience_has(const json::value* aud, const std::string& audience) {
  if (!aud) return false;
  if (aud->is_string()) return aud->as_string() == audience;
  if (aud->is_array())
    for (const auto& a : aud->as_array())
      if (a.is_string() && a.as_string() == audience) return true;
  return false;
}

std::int64_t number_member(const json::object& o, const char* name) {
  const auto* v = o.if_contains(name);
  if (!v || !v->is_number()) throw IdTokenRefused("malformed");
  return v->to_number<std::int64_t>();
}

}  // namespace

std::string sign_id_token(const std::string& private_pem, const std::string& kid, const json::object& claims) {
  jwt_t* raw = nullptr;
  if (jwt_new(&raw) != 0) throw std::runtime_error("libjwt could not make a token");
  Jwt jwt(raw, jwt_free);
  const std::string grants = json::serialize(claims);
  if (jwt_set_alg(jwt.get(), JWT_ALG_RS256, reinterpret_cast<const unsigned char*>(private_pem.data()),
                  static_cast<int>(private_pem.size())) != 0 ||
      jwt_add_header(jwt.get(), "kid", kid.c_str()) != 0 || jwt_add_grants_json(jwt.get(), grants.c_str()) != 0)
    throw std::runtime_error("libjwt could not sign the token");
  std::unique_ptr<char, FreeText> out(jwt_encode_str(jwt.get()));
  if (!out) throw std::runtime_error("libjwt could not encode the token");
  return out.get();
}

json::object verify_id_token(const std::string& token, const json::object& jwks, const IdTokenExpectation& expect) {
  const json::object header = header_of(token);
  // Only RS256: a token saying "none" or an HMAC algorithm (keyed with the public key) is never tried.
  if (text_member(header, "alg") != "RS256") throw IdTokenRefused("algorithm");
  const std::string pem = key_pem(jwks, text_member(header, "kid"));
  jwt_t* raw = nullptr;
  if (jwt_decode(&raw, token.c_str(), reinterpret_cast<const unsigned char*>(pem.data()),
                 static_cast<int>(pem.size())) != 0 ||
      !raw) {
    if (raw) jwt_free(raw);
    throw IdTokenRefused("signature");
  }
  Jwt jwt(raw, jwt_free);
  if (jwt_get_alg(jwt.get()) != JWT_ALG_RS256) throw IdTokenRefused("algorithm");
  std::unique_ptr<char, FreeText> grants(jwt_get_grants_json(jwt.get(), nullptr));
  if (!grants) throw IdTokenRefused("malformed");
  boost::system::error_code ec;
  auto parsed = json::parse(grants.get(), ec);
  if (ec || !parsed.is_object()) throw IdTokenRefused("malformed");
  json::object claims = parsed.as_object();
  if (text_member(claims, "iss") != expect.issuer) throw IdTokenRefused("issuer");
  if (!audience_has(claims.if_contains("aud"), expect.audience)) throw IdTokenRefused("audience");
  if (number_member(claims, "exp") + expect.leeway <= expect.now) throw IdTokenRefused("expired");
  if (number_member(claims, "iat") - expect.leeway > expect.now) throw IdTokenRefused("not_yet_valid");
  if (expect.nonce.empty() || text_member(claims, "nonce") != expect.nonce) throw IdTokenRefused("nonce");
  if (text_member(claims, "sub").empty()) throw IdTokenRefused("malformed");
  return claims;
}

}  // namespace ow::oidc
