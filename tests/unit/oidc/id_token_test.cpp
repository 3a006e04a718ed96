// ID tokens as the relying party sees them: a token signed by the provider's key (chosen by kid from the
// JWKS) with the right issuer, audience, expiry and nonce is taken; a forged one — another key, another
// audience or issuer, expired, another nonce, alg none or HS256, a tampered payload — is refused with its
// reason. PKCE's S256 challenge as RFC 7636's appendix B computes it.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "adapters/oidc/base64url.hpp"
#include "adapters/oidc/id_token.hpp"
#include "adapters/oidc/pkce.hpp"
#include "adapters/oidc/rsa_jwk.hpp"

using namespace ow::oidc;
namespace json = boost::json;

namespace {

constexpr std::int64_t kNow = 1795000000;

struct Provider {
  RsaKeyPair key = make_rsa_key();
  json::object jwks{{"keys", json::array{public_jwk(key, "k1")}}};
  json::object claims(std::int64_t exp = kNow + 300) const {
    return {{"iss", "http://127.0.0.1:9/oidc"}, {"aud", "onewindow"}, {"sub", "resident-1"},
            {"iat", kNow},  {"exp", exp},        {"nonce", "n-123"},   {"id_number", "330106199001011234"}};
  }
};

IdTokenExpectation expected(std::string nonce = "n-123") { return {"http://127.0.0.1:9/oidc", "onewindow", nonce, kNow, 60}; }

std::string refusal(const std::string& token, const json::object& jwks, const IdTokenExpectation& e) {
  try {
    verify_id_token(token, jwks, e);
  } catch (const IdTokenRefused& r) {
    return r.code;
  }
  return "taken";
}

std::string segment(const json::object& o) { return base64url(json::serialize(o)); }

}  // namespace

TEST(IdToken, AGenuineTokenIsTakenWithItsClaims) {
  Provider p;
  const auto claims = verify_id_token(sign_id_token(p.key.private_pem, "k1", p.claims()), p.jwks, expected());
  EXPECT_EQ(claims.at("sub").as_string(), "resident-1");
  EXPECT_EQ(claims.at("id_number").as_string(), "330106199001011234");
}

TEST(IdToken, ForgedTokensAreRefusedWithTheirReason) {
  Provider p, other;
  const json::object& jwks = p.jwks;
  // Signed by another key under the same kid, or naming a key the provider does not publish.
  EXPECT_EQ(refusal(sign_id_token(other.key.private_pem, "k1", p.claims()), jwks, expected()), "signature");
  EXPECT_EQ(refusal(sign_id_token(p.key.private_pem, "k9", p.claims()), jwks, expected()), "unknown_key");
  // Another audience, another issuer.
  auto c = p.claims();
  c["aud"] = "another-client";
  EXPECT_EQ(refusal(sign_id_token(p.key.private_pem, "k1", c), jwks, expected()), "audience");
  c = p.claims();
  c["aud"] = json::array{"x", "onewindow"};
  EXPECT_EQ(refusal(sign_id_token(p.key.private_pem, "k1", c), jwks, expected()), "taken");
  c = p.claims();
  c["iss"] = "http://evil.example/oidc";
  EXPECT_EQ(refusal(sign_id_token(p.key.private_pem, "k1", c), jwks, expected()), "issuer");
  // Expired beyond the leeway; within it still taken.
  EXPECT_EQ(refusal(sign_id_token(p.key.private_pem, "k1", p.claims(kNow - 61)), jwks, expected()), "expired");
  EXPECT_EQ(refusal(sign_id_token(p.key.private_pem, "k1", p.claims(kNow - 30)), jwks, expected()), "taken");
  // Another sign-in's nonce (a replayed token), or none expected.
  const std::string genuine = sign_id_token(p.key.private_pem, "k1", p.claims());
  EXPECT_EQ(refusal(genuine, jwks, expected("n-456")), "nonce");
  EXPECT_EQ(refusal(genuine, jwks, expected("")), "nonce");
  // A payload changed after signing.
  const auto first = genuine.find('.'), second = genuine.find('.', first + 1);
  auto altered = p.claims();
  altered["id_number"] = "330106198001011111";
  const std::string tampered = genuine.substr(0, first + 1) + segment(altered) + genuine.substr(second);
  EXPECT_EQ(refusal(tampered, jwks, expected()), "signature");
  // alg none and HS256 (keyed with the public PEM) are never tried.
  const std::string body = "." + segment(p.claims()) + ".";
  EXPECT_EQ(refusal(segment({{"alg", "none"}, {"kid", "k1"}}) + body, jwks, expected()), "algorithm");
  EXPECT_EQ(refusal(segment({{"alg", "HS256"}, {"kid", "k1"}}) + body + "abc", jwks, expected()), "algorithm");
  EXPECT_EQ(refusal("not a token", jwks, expected()), "malformed");
}

TEST(Pkce, TheS256ChallengeIsRfc7636s) {
  // RFC 7636 appendix B.
  EXPECT_EQ(pkce_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"), "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
  EXPECT_TRUE(pkce_matches("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
  EXPECT_FALSE(pkce_matches("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXx", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
  EXPECT_FALSE(pkce_matches("short", pkce_challenge("short")));
  const std::string v = pkce_verifier();
  EXPECT_EQ(v.size(), 43u);
  EXPECT_TRUE(pkce_matches(v, pkce_challenge(v)));
}
