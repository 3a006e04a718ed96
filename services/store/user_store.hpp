// Users, sessions and API keys in PostgreSQL: the named statements and typed calls the auth code uses.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "services/store/statements.hpp"
#include "services/store/transaction.hpp"

namespace ow::store {

struct UserRecord {
  std::int64_t id = 0;
  std::string login, display_name, role, region_code;
  std::optional<std::string> hall_code, window_code, department_code;
  std::string password_hash;
  bool disabled = false;
};

// An API key as the admin sees it: never the key, a fingerprint of its hash (16 hex digits) to tell keys apart.
struct ApiKeyRow {
  std::int64_t id = 0;
  std::string fingerprint, department_code, label, created_at, created_by;
  std::optional<std::string> last_used_at, revoked_at;
};

struct NewUser {
  std::string login, display_name, role, region_code;
  std::optional<std::string> hall_code, window_code, department_code;
  std::string password_hash;
};

const std::vector<Statement>& user_statements();

namespace users {
std::optional<UserRecord> find_by_login(Tx& tx, const std::string& login);
// The name a user signs with (documents name the clerk who accepted a case).
std::optional<std::string> display_name(Tx& tx, std::int64_t user_id);
// Every user, by login (the admin's list; password hashes are not read).
std::vector<UserRecord> list(Tx& tx);
std::int64_t insert(Tx& tx, const NewUser& u);  // throws ConcurrentWrite (from PgPool::transact) on a taken login
// Sets the password and revokes every session of the user (the administrator's reset); false when there is
// no such user.
bool set_password(Tx& tx, const std::string& login, const std::string& password_hash);
// The user's own change: sets the password and revokes every session of the user but `keep_token_hash`.
void set_own_password(Tx& tx, std::int64_t user_id, const std::string& password_hash,
                      const std::string& keep_token_hash);
// Disables the user and revokes their sessions; false when there is no such user.
bool disable(Tx& tx, const std::string& login);
// Lets a disabled user sign in again (their old sessions stay revoked); false when there is no such user.
bool enable(Tx& tx, const std::string& login);

void create_session(Tx& tx, const std::string& token_hash, std::int64_t user_id, int ttl_minutes,
                    const std::string& remote_addr);
// The user behind a live session (not expired, not revoked, user not disabled).
std::optional<UserRecord> user_for_session(Tx& tx, const std::string& token_hash);
std::optional<UserRecord> user_for_session(Single& one, const std::string& token_hash);  // one round trip
void revoke_session(Tx& tx, const std::string& token_hash);

// Returns the new key's id.
std::int64_t create_api_key(Tx& tx, const std::string& key_hash, const std::string& department,
                            const std::string& label, const std::string& created_by = "cli");
// The department of a key not revoked; notes its use (at most once a minute, so a busy department does not
// rewrite the row on every call).
std::optional<std::string> department_for_api_key(Tx& tx, const std::string& key_hash);
// Every key, newest first.
std::vector<ApiKeyRow> api_keys(Tx& tx);
std::optional<ApiKeyRow> api_key(Tx& tx, std::int64_t id);
// Revokes a key (its department's calls with it are refused from now on); false when it was revoked already.
bool revoke_api_key(Tx& tx, std::int64_t id, const std::string& revoked_by);
}  // namespace users

}  // namespace ow::store
