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

void create_session(Tx& tx, const std::string& token_hash, std::int64_t user_id, int ttl_minutes,
                    const std::string& remote_addr);
// The user behind a live session (not expired, not revoked, user not disabled).
std::optional<UserRecord> user_for_session(Tx& tx, const std::string& token_hash);
void revoke_session(Tx& tx, const std::string& token_hash);

void create_api_key(Tx& tx, const std::string& key_hash, const std::string& department, const std::string& label);
std::optional<std::string> department_for_api_key(Tx& tx, const std::string& key_hash);
}  // namespace users

}  // namespace ow::store
