// Accounts and department API keys, administered from the console (services/admin/admin_routes) and the command
// line (`onewindow user|apikey`, services/main/cmd_user) alike: one set of rules, every change a row of
// admin_audit. A password or a key is shown once, in the answer that made it, and kept nowhere but as its hash:
// a creating request repeated with its Idempotency-Key gets the first answer without the secret.
// Blocks on the database: call from worker threads.
#pragma once

#include <boost/json/object.hpp>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "services/store/pg_pool.hpp"
#include "services/store/user_store.hpp"

namespace ow::admin {

// A creating request's Idempotency-Key, with who sent it and the hash of its body.
struct Once {
  std::string actor, key, body_hash;
};

struct NewAccount {
  std::string login, display_name, role, region_code;
  std::optional<std::string> hall_code, window_code, department_code;
};

// What a creating call answers: the record as JSON, and the secret when this call made it (empty on a replay).
struct Made {
  boost::json::object record;
  std::string secret;
  bool replayed = false;
};

boost::json::object api_key_json(const store::ApiKeyRow& k);

class AccountAdmin {
 public:
  // `key_holder`: whether an API key may be made for this code (a department of the loaded catalog, or the 12345
  // hotline); throws platform::Problem itself when it cannot tell (no catalog loaded).
  AccountAdmin(store::PgPool& pool, std::function<bool(const std::string&)> key_holder)
      : pool_(pool), key_holder_(std::move(key_holder)) {}

  // Bad input is a platform::Problem (400 with the field, 409 login_taken, 422 weak_password); `password` empty
  // makes a random one that passes the rule. `actor` is who does it, for the audit ("user:12", "cli").
  Made add_user(const NewAccount& a, const std::string& password, const std::string& actor,
                const std::optional<Once>& once = {});
  // A new password (random when empty); every session of the user is revoked. 404 when there is no such user.
  Made reset_password(const std::string& login, const std::string& password, const std::string& actor,
                      const std::optional<Once>& once = {});
  // Disabling revokes the user's sessions at once; an administrator cannot disable their own login (409).
  boost::json::object set_disabled(const std::string& login, bool disabled, const std::string& actor,
                                   const std::string& actor_login = {});

  // A new key for a department (422 unknown_department); the key is in Made::secret.
  Made issue_key(const std::string& department, const std::string& label, const std::string& actor,
                 const std::optional<Once>& once = {});
  // 404 when there is no such key, 409 when it is revoked already.
  boost::json::object revoke_key(std::int64_t id, const std::string& actor);

 private:
  store::PgPool& pool_;
  std::function<bool(const std::string&)> key_holder_;
};

}  // namespace ow::admin
