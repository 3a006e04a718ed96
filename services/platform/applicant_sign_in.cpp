// The relying party's half of the sign-in, and applicant sessions (sealed identity, blind indexes).
#include "services/platform/applicant_sign_in.hpp"

#include <boost/json.hpp>
#include <chrono>

#include "adapters/oidc/id_token.hpp"
#include "services/platform/credentials.hpp"
#include "services/platform/log.hpp"
#include "services/platform/problem.hpp"
#include "services/store/applicant_store.hpp"
#include "services/store/case_personal_data.hpp"
#include "services/store/vault.hpp"

namespace ow::platform {
namespace {

namespace json = boost::json;
using platform::Problem;

const std::string kStatePrefix = "ow:oidc:state:";

std::string claim(const json::object& claims, const char* name) {
  const auto* v = claims.if_contains(name);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

std::string identity_context(std::int64_t id) { return "applicant_sessions.identity:" + std::to_string(id); }

Problem provider_unavailable(const std::string& why) {
  return Problem(502, "identity_provider_unavailable", "统一身份认证平台暂时无法访问，请稍后重试", why);
}

}  // namespace

ApplicantSignIn::ApplicantSignIn(SignInSettings settings, store::PgPool& pool, store::RedisClient& redis)
    : settings_(std::move(settings)), pool_(pool), redis_(redis), rp_(settings_.provider) {}

std::string ApplicantSignIn::start(bool kiosk) {
  if (!enabled())
    throw Problem(503, "applicant_sign_in_off", "网上申报登录未开通", "oidc.issuer is not set");
  oidc::SignInStart s;
  try {
    s = rp_.start();
  } catch (const oidc::ProviderUnavailable& e) {
    throw provider_unavailable(e.what());
  }
  const json::object kept{{"nonce", s.nonce}, {"verifier", s.verifier}, {"kiosk", kiosk}};
  redis_.command({"SET", kStatePrefix + s.state, json::serialize(kept), "EX", std::to_string(settings_.state_seconds)});
  return s.authorization_url;
}

OpenedSession ApplicantSignIn::finish(const std::string& code, const std::string& state) {
  if (!enabled()) throw Problem(503, "applicant_sign_in_off", "网上申报登录未开通", "oidc.issuer is not set");
  if (code.empty() || state.empty() || state.size() > 128)
    throw platform::problems::bad_request("the callback needs code and state", code.empty() ? "code" : "state");
  // Taken out as it is read: a state (with its nonce and verifier) serves one callback only.
  const auto kept = redis_.command({"GETDEL", kStatePrefix + state});
  if (kept.kind != store::RedisReply::Kind::text)
    throw Problem(400, "sign_in_expired", "登录已失效，请重新登录", "unknown, used or expired state",
                  json::object{{"field", "state"}});
  const json::object started = json::parse(kept.text).as_object();
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  json::object claims;
  try {
    claims = rp_.finish(code, std::string(started.at("verifier").as_string()),
                        std::string(started.at("nonce").as_string()), now);
  } catch (const oidc::IdTokenRefused& e) {
    platform::log(platform::LogLevel::warn, "applicant sign-in refused", {{"reason", e.code}});
    throw Problem(401, "id_token_refused", "身份令牌校验未通过，请重新登录", "the ID token was refused: " + e.code,
                  json::object{{"reason", e.code}});
  } catch (const oidc::ProviderUnavailable& e) {
    if (e.code == "token_refused")
      throw Problem(400, "sign_in_expired", "登录已失效，请重新登录", e.what(), json::object{{"field", "code"}});
    throw provider_unavailable(e.what());
  }
  ApplicantIdentity who{claim(claims, "user_kind"), claim(claims, "name"),    claim(claims, "id_number"),
                        claim(claims, "phone_number"), claim(claims, "company"), claim(claims, "credit_code")};
  if (who.kind != "enterprise_agent") who.kind = "resident";
  if (who.id_number.empty())
    throw Problem(401, "id_token_refused", "身份令牌未提供实名身份", "the ID token carries no id_number",
                  json::object{{"reason", "no_identity"}});
  const bool kiosk = started.at("kiosk").as_bool();
  OpenedSession opened{platform::new_token(),
                       (kiosk ? settings_.kiosk_session_minutes : settings_.session_minutes) * 60, kiosk};
  const auto vault = store::vault();
  store::ApplicantSessionRow row;
  row.subject = claim(claims, "sub");
  row.kind = who.kind;
  row.holder_index = store::holder_index(*vault, who.id_number);
  row.company_index = who.credit_code.empty() ? "" : store::holder_index(*vault, who.credit_code);
  row.kiosk = kiosk;
  const std::string identity = json::serialize(json::object{{"kind", who.kind},
                                                            {"name", who.name},
                                                            {"id_number", who.id_number},
                                                            {"phone", who.phone},
                                                            {"company", who.company},
                                                            {"credit_code", who.credit_code}});
  pool_.transact([&](store::Tx& tx) {
    const auto id = store::applicants::create_session(tx, platform::token_hash(opened.token), row,
                                                      opened.max_age_seconds / 60);
    const auto sealed = vault->seal(identity, identity_context(id));
    store::applicants::seal_identity(tx, id, sealed.text, sealed.key_id);
  });
  return opened;
}

std::optional<platform::Actor> ApplicantSignIn::authenticate(const std::string& token) {
  if (token.empty() || token.size() > 128) return std::nullopt;
  const std::string hash = platform::token_hash(token);
  auto row = pool_.transact([&](store::Tx& tx) { return store::applicants::session(tx, hash); });
  if (!row) return std::nullopt;
  platform::Actor a;
  a.role = platform::Role::applicant;
  a.user_id = row->id;
  a.login = row->kind;
  a.token_hash = hash;
  a.holder_index = row->holder_index;
  a.company_index = row->company_index;
  a.kiosk = row->kiosk;
  return a;
}

void ApplicantSignIn::sign_out(const platform::Actor& applicant) {
  pool_.transact([&](store::Tx& tx) { store::applicants::revoke_session(tx, applicant.token_hash); });
}

ApplicantIdentity ApplicantSignIn::identity(const platform::Actor& applicant) {
  auto row = pool_.transact([&](store::Tx& tx) { return store::applicants::session(tx, applicant.token_hash); });
  if (!row) throw platform::problems::unauthorized("the applicant session ended");
  const auto vault = store::vault_for(row->identity_key);
  const auto o = json::parse(vault->open({row->identity_key, row->identity}, identity_context(row->id))).as_object();
  return {claim(o, "kind"),    claim(o, "name"),    claim(o, "id_number"),
          claim(o, "phone"),   claim(o, "company"), claim(o, "credit_code")};
}

}  // namespace ow::platform
