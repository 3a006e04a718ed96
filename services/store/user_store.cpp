// SQL for users, sessions and API keys — named statements only, always with parameters.
#include "services/store/user_store.hpp"
#include "services/store/pg_types.hpp"

namespace ow::store {
namespace {

constexpr const char* kUserColumns =
    "u.id, u.login, u.display_name, u.role, u.region_code, u.hall_code, u.window_code, u.department_code, "
    "u.password_hash, u.disabled";

std::optional<std::string> optional_text(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return f.as<std::string>();
}

UserRecord to_user(const pqxx::row& r) {
  UserRecord u;
  u.id = r[0].as<std::int64_t>();
  u.login = r[1].as<std::string>();
  u.display_name = r[2].as<std::string>();
  u.role = r[3].as<std::string>();
  u.region_code = r[4].as<std::string>();
  u.hall_code = optional_text(r[5]);
  u.window_code = optional_text(r[6]);
  u.department_code = optional_text(r[7]);
  u.password_hash = r[8].as<std::string>();
  u.disabled = r[9].as<bool>();
  return u;
}

pqxx::binarystring bytes(const std::string& s) { return pqxx::binarystring(s); }

// An instant as the API writes it (China Standard Time), NULL stays NULL.
std::string cst(const std::string& column) {
  return "to_char(" + column + " AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD\"T\"HH24:MI:SS\"+08:00\"')";
}

const std::string& api_key_select() {
  static const std::string sql = "SELECT id, encode(substr(sha256(key_hash), 1, 8), 'hex'), department_code, label, " +
                                 cst("created_at") + ", created_by, " + cst("last_used_at") + ", " + cst("revoked_at") +
                                 " FROM api_keys";
  return sql;
}

ApiKeyRow to_api_key(const pqxx::row& r) {
  return {r[0].as<std::int64_t>(), r[1].as<std::string>(), r[2].as<std::string>(), r[3].as<std::string>(),
          r[4].as<std::string>(),  r[5].as<std::string>(), optional_text(r[6]),    optional_text(r[7])};
}

}  // namespace

const std::vector<Statement>& user_statements() {
  static const std::string by_login = std::string("SELECT ") + kUserColumns + " FROM users u WHERE u.login = $1";
  static const std::string by_session = std::string("SELECT ") + kUserColumns +
                                        " FROM sessions s JOIN users u ON u.id = s.user_id"
                                        " WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now()"
                                        " AND NOT u.disabled";
  static const std::string key_list = api_key_select() + " ORDER BY id DESC";
  static const std::string key_by_id = api_key_select() + " WHERE id = $1";
  static const std::vector<Statement> list = {
      {"user_by_login", by_login.c_str()},
      {"user_list",
       "SELECT id, login, display_name, role, region_code, hall_code, window_code, department_code, '' AS password_hash,"
       " disabled FROM users ORDER BY login"},
      {"user_insert",
       "INSERT INTO users (login, display_name, role, region_code, hall_code, window_code, department_code, password_hash)"
       " VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id"},
      {"user_set_password", "UPDATE users SET password_hash = $2, updated_at = now() WHERE login = $1 RETURNING id"},
      {"user_set_password_by_id", "UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1"},
      {"user_display_name", "SELECT display_name FROM users WHERE id = $1"},
      {"user_disable", "UPDATE users SET disabled = true, updated_at = now() WHERE login = $1 RETURNING id"},
      {"session_revoke_all_of_user",
       "UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL"},
      {"session_revoke_others_of_user",
       "UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL AND token_hash <> $2"},
      {"session_create",
       "INSERT INTO sessions (token_hash, user_id, expires_at, remote_addr)"
       " VALUES ($1, $2, now() + make_interval(mins => $3), $4)"},
      {"session_user", by_session.c_str()},
      {"session_revoke", "UPDATE sessions SET revoked_at = now() WHERE token_hash = $1 AND revoked_at IS NULL"},
      {"user_enable", "UPDATE users SET disabled = false, updated_at = now() WHERE login = $1 RETURNING id"},
      {"api_key_create",
       "INSERT INTO api_keys (key_hash, department_code, label, created_by) VALUES ($1, $2, $3, $4) RETURNING id"},
      {"api_key_department",
       "WITH used AS (UPDATE api_keys SET last_used_at = now() WHERE key_hash = $1 AND revoked_at IS NULL"
       " AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute') RETURNING 1)"
       " SELECT department_code FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL"},
      {"api_key_list", key_list.c_str()},
      {"api_key_by_id", key_by_id.c_str()},
      {"api_key_revoke",
       "UPDATE api_keys SET revoked_at = now(), revoked_by = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING id"},
  };
  return list;
}

namespace users {

std::optional<UserRecord> find_by_login(Tx& tx, const std::string& login) {
  auto r = tx.exec_prepared("user_by_login", login);
  if (r.empty()) return std::nullopt;
  return to_user(r[0]);
}

std::optional<std::string> display_name(Tx& tx, std::int64_t user_id) {
  auto r = tx.exec_prepared("user_display_name", user_id);
  if (r.empty()) return std::nullopt;
  return r[0][0].as<std::string>();
}

std::vector<UserRecord> list(Tx& tx) {
  std::vector<UserRecord> out;
  for (const auto& row : tx.exec_prepared("user_list")) out.push_back(to_user(row));
  return out;
}

std::int64_t insert(Tx& tx, const NewUser& u) {
  return tx
      .exec_prepared1("user_insert", u.login, u.display_name, u.role, u.region_code, u.hall_code, u.window_code,
                      u.department_code, u.password_hash)[0]
      .as<std::int64_t>();
}

bool set_password(Tx& tx, const std::string& login, const std::string& password_hash) {
  auto r = tx.exec_prepared("user_set_password", login, password_hash);
  if (r.empty()) return false;
  tx.exec_prepared("session_revoke_all_of_user", r[0][0].as<std::int64_t>());
  return true;
}

void set_own_password(Tx& tx, std::int64_t user_id, const std::string& password_hash,
                      const std::string& keep_token_hash) {
  tx.exec_prepared0("user_set_password_by_id", user_id, password_hash);
  tx.exec_prepared("session_revoke_others_of_user", user_id, bytes(keep_token_hash));
}

bool disable(Tx& tx, const std::string& login) {
  auto r = tx.exec_prepared("user_disable", login);
  if (r.empty()) return false;
  tx.exec_prepared("session_revoke_all_of_user", r[0][0].as<std::int64_t>());
  return true;
}

void create_session(Tx& tx, const std::string& token_hash, std::int64_t user_id, int ttl_minutes,
                    const std::string& remote_addr) {
  tx.exec_prepared0("session_create", bytes(token_hash), user_id, ttl_minutes, remote_addr);
}

std::optional<UserRecord> user_for_session(Tx& tx, const std::string& token_hash) {
  auto r = tx.exec_prepared("session_user", bytes(token_hash));
  if (r.empty()) return std::nullopt;
  return to_user(r[0]);
}

std::optional<UserRecord> user_for_session(Single& one, const std::string& token_hash) {
  auto r = one.exec_prepared("session_user", bytes(token_hash));
  if (r.empty()) return std::nullopt;
  return to_user(r[0]);
}

void revoke_session(Tx& tx, const std::string& token_hash) { tx.exec_prepared("session_revoke", bytes(token_hash)); }

bool enable(Tx& tx, const std::string& login) { return !tx.exec_prepared("user_enable", login).empty(); }

std::int64_t create_api_key(Tx& tx, const std::string& key_hash, const std::string& department,
                            const std::string& label, const std::string& created_by) {
  return tx.exec_prepared1("api_key_create", bytes(key_hash), department, label, created_by)[0].as<std::int64_t>();
}

std::vector<ApiKeyRow> api_keys(Tx& tx) {
  std::vector<ApiKeyRow> out;
  for (const auto& row : tx.exec_prepared("api_key_list")) out.push_back(to_api_key(row));
  return out;
}

std::optional<ApiKeyRow> api_key(Tx& tx, std::int64_t id) {
  auto r = tx.exec_prepared("api_key_by_id", id);
  if (r.empty()) return std::nullopt;
  return to_api_key(r[0]);
}

bool revoke_api_key(Tx& tx, std::int64_t id, const std::string& revoked_by) {
  return !tx.exec_prepared("api_key_revoke", id, revoked_by).empty();
}

std::optional<std::string> department_for_api_key(Tx& tx, const std::string& key_hash) {
  auto r = tx.exec_prepared("api_key_department", bytes(key_hash));
  if (r.empty()) return std::nullopt;
  return r[0][0].as<std::string>();
}

}  // namespace users
}  // namespace ow::store
