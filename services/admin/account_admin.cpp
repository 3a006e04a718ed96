// Adding, resetting, disabling and enabling users; issuing and revoking department API keys; each in one
// transaction with its admin_audit row and, for a creating call, its idempotency record (the secret left out).
#include "services/admin/account_admin.hpp"

#include <boost/json.hpp>
#include <regex>

#include "services/platform/actor.hpp"
#include "services/platform/credentials.hpp"
#include "services/platform/log.hpp"
#include "services/platform/password_policy.hpp"
#include "services/platform/platform_routes.hpp"
#include "services/platform/problem.hpp"
#include "services/store/admin_store.hpp"
#include "services/store/case_store.hpp"
#include "services/store/idempotency_store.hpp"
#include "services/store/errors.hpp"

namespace ow::admin {
namespace {

using platform::Problem;
namespace problems = platform::problems;

std::size_t characters(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

void require_account(const NewAccount& a) {
  static const std::regex login_rule("[a-z0-9][a-z0-9._-]{1,63}");
  static const std::regex region_rule("[0-9]{6}([0-9]{3}){0,2}");
  static const std::regex code_rule("[A-Za-z0-9_-]{1,32}");
  if (!std::regex_match(a.login, login_rule))
    throw problems::bad_request("login: 2–64 lower-case letters, digits, . _ -, starting with a letter or digit",
                                "login");
  if (a.display_name.empty() || characters(a.display_name) > 64)
    throw problems::bad_request("display_name: 1–64 characters", "display_name");
  if (!platform::parse_role(a.role))
    throw problems::bad_request("role must be clerk, approver, supervisor, admin, auditor or surveyor", "role");
  if (!std::regex_match(a.region_code, region_rule))
    throw problems::bad_request("region_code: 6, 9 or 12 digits", "region_code");
  for (const auto& [value, field] : {std::pair{&a.hall_code, "hall_code"}, std::pair{&a.window_code, "window_code"},
                                     std::pair{&a.department_code, "department_code"}})
    if (*value && !std::regex_match(**value, code_rule))
      throw problems::bad_request(std::string(field) + ": letters, digits, _ and -", field);
  if (a.role == "clerk" && !a.hall_code) throw problems::bad_request("a clerk needs a hall", "hall_code");
  if (a.role == "clerk" && !a.window_code) throw problems::bad_request("a clerk needs a window", "window_code");
  if (a.role == "approver" && !a.department_code)
    throw problems::bad_request("an approver needs a department", "department_code");
}

// The password to set (the given one if the rule accepts it, else a new random one) and its hash: hashed before any
// transaction opens (argon2id takes a tenth of a second).
std::pair<std::string, std::string> password_and_hash(const std::string& given, const std::string& login,
                                                      const std::string& name) {
  try {
    std::string password = given.empty() ? platform::new_strong_password(login, name) : given;
    if (!given.empty())
      if (auto why = platform::password_weakness(given, login, name))
        throw Problem(422, "weak_password", "密码强度不足", *why,
                      boost::json::object{{"field", "password"}, {"reason", *why}});
    return {password, platform::hash_password(password)};
  } catch (const platform::PasswordCheckUnavailable& e) {
    platform::log(platform::LogLevel::error, "password rule unavailable", {{"error", e.what()}});
    throw problems::unavailable("password_check_unavailable", "密码强度检查暂时不可用，请联系管理员", e.what(), 60);
  } catch (const std::invalid_argument& e) {  // longer than 256 bytes
    throw Problem(422, "weak_password", "密码强度不足", e.what(),
                  boost::json::object{{"field", "password"}, {"reason", "密码过长"}});
  }
}

// The first answer to this Idempotency-Key, when the same request came before (without its secret).
std::optional<Made> replayed(store::Tx& tx, const std::optional<Once>& once) {
  if (!once) return std::nullopt;
  auto seen = store::idempotency::find_same(tx, once->actor, once->key, once->body_hash);
  if (!seen) return std::nullopt;
  return Made{boost::json::parse(seen->response).as_object(), "", true};
}

void keep(store::Tx& tx, const std::optional<Once>& once, const boost::json::object& record) {
  if (once) store::idempotency::put(tx, once->actor, once->key, once->body_hash, 201, boost::json::serialize(record));
}

std::string detail(boost::json::object o) { return boost::json::serialize(o); }

Problem no_user(const std::string& login) {
  return Problem(404, "user_not_found", "没有这个用户", "no user '" + login + "'",
                 boost::json::object{{"field", "login"}});
}

}  // namespace

boost::json::object api_key_json(const store::ApiKeyRow& k) {
  auto optional = [](const std::optional<std::string>& v) { return v ? boost::json::value(*v) : nullptr; };
  return {{"id", k.id},
          {"fingerprint", k.fingerprint},
          {"department", k.department_code},
          {"label", k.label},
          {"created_at", k.created_at},
          {"created_by", k.created_by},
          {"last_used_at", optional(k.last_used_at)},
          {"revoked_at", optional(k.revoked_at)}};
}

Made AccountAdmin::add_user(const NewAccount& a, const std::string& password, const std::string& actor,
                            const std::optional<Once>& once) {
  require_account(a);
  const auto [shown, hash] = password_and_hash(password, a.login, a.display_name);
  store::NewUser u{a.login, a.display_name, a.role, a.region_code, a.hall_code, a.window_code, a.department_code, hash};
  try {
    return pool_.transact([&](store::Tx& tx) {
      if (auto again = replayed(tx, once)) return *again;
      if (store::users::find_by_login(tx, a.login))
        throw Problem(409, "login_taken", "登录名已被使用", "login '" + a.login + "' is taken",
                      boost::json::object{{"field", "login"}});
      store::users::insert(tx, u);
      const auto record = platform::user_json(*store::users::find_by_login(tx, a.login));
      boost::json::object d{{"role", a.role}, {"region_code", a.region_code}};
      if (a.department_code) d["department_code"] = *a.department_code;
      if (a.hall_code) d["hall_code"] = *a.hall_code;
      store::admin_audit::record(tx, actor, "user_added", a.login, detail(d));
      keep(tx, once, record);
      return Made{record, password.empty() ? shown : "", false};
    });
  } catch (const store::ConcurrentWrite&) {  // the same login added at the same moment
    throw Problem(409, "login_taken", "登录名已被使用", "login '" + a.login + "' is taken",
                  boost::json::object{{"field", "login"}});
  }
}

Made AccountAdmin::reset_password(const std::string& login, const std::string& password, const std::string& actor,
                                  const std::optional<Once>& once) {
  auto user = pool_.transact([&](store::Tx& tx) { return store::users::find_by_login(tx, login); });
  if (!user) throw no_user(login);
  const auto [shown, hash] = password_and_hash(password, login, user->display_name);
  return pool_.transact([&](store::Tx& tx) {
    if (auto again = replayed(tx, once)) return *again;
    if (!store::users::set_password(tx, login, hash)) throw no_user(login);
    const auto record = platform::user_json(*store::users::find_by_login(tx, login));
    store::admin_audit::record(tx, actor, "password_reset", login);
    keep(tx, once, record);
    return Made{record, password.empty() ? shown : "", false};
  });
}

boost::json::object AccountAdmin::set_disabled(const std::string& login, bool disabled, const std::string& actor,
                                               const std::string& actor_login) {
  if (disabled && login == actor_login)
    throw Problem(409, "cannot_disable_self", "不能停用自己的账号", "an administrator cannot disable their own login",
                  boost::json::object{{"field", "login"}});
  return pool_.transact([&](store::Tx& tx) {
    if (!(disabled ? store::users::disable(tx, login) : store::users::enable(tx, login))) throw no_user(login);
    store::admin_audit::record(tx, actor, disabled ? "user_disabled" : "user_enabled", login);
    return platform::user_json(*store::users::find_by_login(tx, login));
  });
}

Made AccountAdmin::issue_key(const std::string& department, const std::string& label, const std::string& actor,
                             const std::optional<Once>& once) {
  if (department.empty()) throw problems::bad_request("department is required", "department");
  if (characters(label) > 64) throw problems::bad_request("label: at most 64 characters", "label");
  if (!key_holder_(department))
    throw Problem(422, "unknown_department", "没有这个部门", "'" + department + "' is not a department of the catalog",
                  boost::json::object{{"field", "department"}});
  const std::string key = platform::new_token();
  return pool_.transact([&](store::Tx& tx) {
    if (auto again = replayed(tx, once)) return *again;
    const auto id = store::users::create_api_key(tx, platform::token_hash(key), department, label, actor);
    const auto row = store::users::api_key(tx, id);
    const auto record = api_key_json(*row);
    store::admin_audit::record(tx, actor, "api_key_issued", department,
                               detail({{"id", id}, {"fingerprint", row->fingerprint}, {"label", label}}));
    keep(tx, once, record);
    return Made{record, key, false};
  });
}

boost::json::object AccountAdmin::revoke_key(std::int64_t id, const std::string& actor) {
  return pool_.transact([&](store::Tx& tx) {
    auto row = store::users::api_key(tx, id);
    if (!row)
      throw Problem(404, "api_key_not_found", "没有这个接口密钥", "no API key " + std::to_string(id),
                    boost::json::object{{"field", "id"}});
    if (!store::users::revoke_api_key(tx, id, actor))
      throw Problem(409, "api_key_revoked", "该接口密钥已经吊销", "API key " + std::to_string(id) + " is revoked already",
                    boost::json::object{{"field", "id"}});
    store::admin_audit::record(tx, actor, "api_key_revoked", row->department_code,
                               detail({{"id", id}, {"fingerprint", row->fingerprint}}));
    return api_key_json(*store::users::api_key(tx, id));
  });
}

}  // namespace ow::admin
