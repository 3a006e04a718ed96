// Login, logout and token look-up.
#include "services/platform/auth_service.hpp"

#include "services/platform/credentials.hpp"
#include "services/platform/log.hpp"
#include "services/platform/problem.hpp"
#include "services/store/user_store.hpp"

namespace ow::platform {
namespace {

Actor to_actor(const store::UserRecord& u) {
  Actor a;
  a.role = parse_role(u.role).value_or(Role::clerk);
  a.user_id = u.id;
  a.login = u.login;
  a.display_name = u.display_name;
  a.region_code = u.region_code;
  a.hall_code = u.hall_code;
  a.window_code = u.window_code;
  a.department_code = u.department_code;
  return a;
}

Problem rate_limited(int seconds) {
  return Problem(429, "login_rate_limited", "登录失败次数过多，请稍后再试",
                 "too many failed logins; retry after " + std::to_string(seconds) + " s")
      .with_retry_after(static_cast<unsigned>(seconds));
}

}  // namespace

LoginResult AuthService::login(const std::string& login, const std::string& password, const std::string& remote_address) {
  if (int wait = throttle_.retry_after(login, remote_address); wait > 0) throw rate_limited(wait);
  auto user = pool_.transact([&](pqxx::work& tx) { return store::users::find_by_login(tx, login); });
  bool ok = false;
  if (user && !user->disabled) ok = verify_password(user->password_hash, password);
  else burn_password_time(password);
  if (!ok) {
    throttle_.failed(login, remote_address);
    log(LogLevel::warn, "login failed", {{"login", login}, {"remote", remote_address}});
    throw Problem(401, "invalid_credentials", "用户名或密码错误", "wrong login or password, or the account is disabled");
  }
  throttle_.succeeded(login);
  LoginResult result;
  result.token = new_token();
  result.expires_in_seconds = ttl_minutes_ * 60;
  result.actor = to_actor(*user);
  pool_.transact([&](pqxx::work& tx) {
    store::users::create_session(tx, token_hash(result.token), user->id, ttl_minutes_, remote_address);
  });
  return result;
}

void AuthService::logout(const Actor& actor) {
  if (actor.token_hash.empty()) return;
  pool_.transact([&](pqxx::work& tx) { store::users::revoke_session(tx, actor.token_hash); });
}

std::optional<Actor> AuthService::authenticate(const std::string& bearer_token, const std::string& api_key) {
  if (!bearer_token.empty()) {
    if (bearer_token.size() > 128) return std::nullopt;
    const std::string hash = token_hash(bearer_token);
    auto user = pool_.transact([&](pqxx::work& tx) { return store::users::user_for_session(tx, hash); });
    if (!user) return std::nullopt;
    Actor a = to_actor(*user);
    a.token_hash = hash;
    return a;
  }
  if (!api_key.empty() && api_key.size() <= 128) {
    const std::string hash = token_hash(api_key);
    auto department = pool_.transact([&](pqxx::work& tx) { return store::users::department_for_api_key(tx, hash); });
    if (!department) return std::nullopt;
    Actor a;
    a.role = Role::department_system;
    a.login = *department;
    a.display_name = *department;
    a.department_code = department;
    return a;
  }
  return std::nullopt;
}

}  // namespace ow::platform
