// Login, logout, token look-up and the user's own password change.
#include "services/platform/auth_service.hpp"

#include "services/platform/credentials.hpp"
#include "services/platform/log.hpp"
#include "services/platform/login_throttle.hpp"
#include "services/platform/password_policy.hpp"
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

Problem weak_password(const std::string& reason) {
  return Problem(422, "weak_password", "新密码强度不足", reason,
                 boost::json::object{{"field", "new_password"}, {"reason", reason}});
}

// The password rule for `actor`; a missing dictionary is a 503, never a password let through.
void require_strong(const std::string& password, const Actor& actor) {
  std::optional<std::string> why;
  try {
    why = password_weakness(password, actor.login, actor.display_name);
  } catch (const PasswordCheckUnavailable& e) {
    log(LogLevel::error, "password rule unavailable", {{"error", e.what()}});
    throw problems::unavailable("password_check_unavailable", "密码强度检查暂时不可用，请联系管理员", e.what(), 60);
  }
  if (why) throw weak_password(*why);
}

}  // namespace

bool AuthService::check_password(const store::UserRecord* user, const std::string& password) {
  ++password_checks_;
  if (user && !user->disabled) return verify_password(user->password_hash, password);
  burn_password_time(password);
  return false;
}

LoginResult AuthService::login(const std::string& login, const std::string& password,
                               const std::string& remote_address) {
  auto attempt = throttle_.reserve(login, remote_address);
  if (!attempt.allowed()) throw rate_limited(attempt.retry_after_seconds());
  auto user = pool_.transact([&](store::Tx& tx) { return store::users::find_by_login(tx, login); });
  if (!check_password(user ? &*user : nullptr, password)) {
    attempt.failed();
    log(LogLevel::warn, "login failed", {{"login_hash", login_hash(login)}, {"remote", remote_address}});
    throw Problem(401, "invalid_credentials", "用户名或密码错误",
                  "wrong login or password, or the account is disabled");
  }
  attempt.succeeded();
  LoginResult result;
  result.token = new_token();
  result.expires_in_seconds = ttl_minutes_ * 60;
  result.actor = to_actor(*user);
  pool_.transact([&](store::Tx& tx) {
    store::users::create_session(tx, token_hash(result.token), user->id, ttl_minutes_, remote_address);
  });
  return result;
}

void AuthService::change_own_password(const Actor& actor, const std::string& current_password,
                                      const std::string& new_password, const std::string& remote_address) {
  if (actor.role == Role::department_system || actor.user_id == 0 || actor.token_hash.empty())
    throw problems::forbidden("only a signed-in staff user has a password to change");
  require_strong(new_password, actor);  // before the throttle: a weak choice costs no try
  auto attempt = throttle_.reserve(actor.login, remote_address);
  if (!attempt.allowed()) throw rate_limited(attempt.retry_after_seconds());
  auto user = pool_.transact([&](store::Tx& tx) { return store::users::find_by_login(tx, actor.login); });
  if (!check_password(user ? &*user : nullptr, current_password)) {
    attempt.failed();
    log(LogLevel::warn, "password change: wrong current password",
        {{"actor", actor.log_id()}, {"remote", remote_address}});
    // 403, not 401: the session is fine, and a 401 would sign the console out.
    throw Problem(403, "current_password_wrong", "当前密码不正确", "the current password is wrong",
                  boost::json::object{{"field", "current_password"}});
  }
  attempt.succeeded();
  if (new_password == current_password) throw weak_password("新密码不能与当前密码相同");
  const std::string hash = hash_password(new_password);
  pool_.transact([&](store::Tx& tx) { store::users::set_own_password(tx, user->id, hash, actor.token_hash); });
  log(LogLevel::info, "password changed; other sessions revoked", {{"actor", actor.log_id()}});
}

void AuthService::logout(const Actor& actor) {
  if (actor.token_hash.empty()) return;
  pool_.transact([&](store::Tx& tx) { store::users::revoke_session(tx, actor.token_hash); });
}

std::optional<Actor> AuthService::authenticate(const std::string& bearer_token, const std::string& api_key) {
  if (!bearer_token.empty()) {
    if (bearer_token.size() > 128) return std::nullopt;
    const std::string hash = token_hash(bearer_token);
    // One statement on its own (no BEGIN/COMMIT): still asked of PostgreSQL on every request, so a session
    // revoked by any instance is refused at once.
    auto user = pool_.single([&](store::Single& one) { return store::users::user_for_session(one, hash); });
    if (!user) return std::nullopt;
    Actor a = to_actor(*user);
    a.token_hash = hash;
    return a;
  }
  if (!api_key.empty() && api_key.size() <= 128) {
    const std::string hash = token_hash(api_key);
    auto department = pool_.transact([&](store::Tx& tx) { return store::users::department_for_api_key(tx, hash); });
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
