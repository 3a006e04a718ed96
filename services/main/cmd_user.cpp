// `onewindow user add|passwd|disable` and `onewindow apikey add`: account administration from the shell.
#include <iostream>

#include "services/catalog/catalog_service.hpp"
#include "services/main/args.hpp"
#include "services/main/commands.hpp"
#include "services/platform/actor.hpp"
#include "services/platform/config.hpp"
#include "services/platform/credentials.hpp"
#include "services/platform/password_policy.hpp"
#include "services/store/errors.hpp"
#include "services/store/pg_pool.hpp"
#include "services/store/statements.hpp"
#include "services/store/user_store.hpp"
#include "workflow/calendar/office_hours.hpp"

namespace ow::cli {
namespace {

// A password from one line of stdin, or a new random one that is printed; either way it must pass the
// password rule (password_policy.hpp) for this user. Returns its argon2id hash.
std::string password_for(const Args& a, const std::string& login, const std::string& name, bool& generated,
                         std::string& password) {
  generated = !a.flag("password-stdin");
  if (generated) {
    password = platform::new_strong_password(login, name);
  } else {
    std::getline(std::cin, password);
    if (!password.empty() && password.back() == '\r') password.pop_back();
    if (auto why = platform::password_weakness(password, login, name)) throw UsageError("password refused: " + *why);
  }
  try {
    return platform::hash_password(password);
  } catch (const std::invalid_argument& e) {
    throw UsageError(e.what());
  }
}

template <class F>
void in_transaction(const platform::Config& config, F&& f) {
  store::PgPool pool(config.text("db.url"), 1, std::chrono::milliseconds(5000), store::user_statements());
  pool.transact(f);
}

// An API key is only made for a department of the loaded catalog (config/catalog/departments.yaml, stored
// by `onewindow catalog load`).
void require_catalog_department(const platform::Config& config, const std::string& code) {
  const auto hours = calendar::OfficeHours::parse(config.text("calendar.office_hours"));
  store::PgPool pool(config.text("db.url"), 1, std::chrono::milliseconds(5000), store::all_statements());
  catalog_service::CatalogService catalog(pool, config.path("catalog.dir"), hours.seconds_per_day() / 60);
  const auto current = catalog.current();
  if (!current) throw UsageError("no catalog is loaded yet: run `onewindow catalog load` first");
  if (!current->catalog.departments.contains(code))
    throw UsageError("'" + code + "' is not a department of catalog version " + std::to_string(current->version));
}

}  // namespace

int user(const std::vector<std::string>& words, const std::string& config_path) {
  Args a(words, {"name", "role", "region", "hall", "window", "department"}, {"password-stdin"});
  if (a.positional().size() != 2) throw UsageError("usage: onewindow user add|passwd|disable LOGIN [options]");
  const std::string& sub = a.positional()[0];
  const std::string& login = a.positional()[1];
  platform::init_credentials();
  const auto config = platform::Config::load(config_path);
  bool generated = false;

  if (sub == "add") {
    store::NewUser u;
    u.login = login;
    u.display_name = a.require("name");
    u.role = a.require("role");
    if (!platform::parse_role(u.role)) throw UsageError("--role must be clerk, approver, supervisor, admin, auditor or surveyor");
    u.region_code = a.require("region");
    u.hall_code = a.get("hall");
    u.window_code = a.get("window");
    u.department_code = a.get("department");
    if (u.role == "clerk" && (!u.hall_code || !u.window_code)) throw UsageError("a clerk needs --hall and --window");
    if (u.role == "approver" && !u.department_code) throw UsageError("an approver needs --department");
    std::string password;
    u.password_hash = password_for(a, login, u.display_name, generated, password);
    try {
      in_transaction(config, [&](store::Tx& tx) { store::users::insert(tx, u); });
    } catch (const store::ConcurrentWrite&) {
      std::cerr << "onewindow user add: login '" << login << "' is taken\n";
      return kUsage;
    } catch (const store::ConstraintViolation& e) {
      std::cerr
          << "onewindow user add: invalid value (login: lower-case letters, digits, . _ -; region: 6, 9 or 12 digits)\n";
      return kUsage;
    }
    std::cout << "added " << login << (generated ? " with password " + password : "") << "\n";
    return kOk;
  }
  if (sub == "passwd") {
    std::optional<store::UserRecord> user;
    in_transaction(config, [&](store::Tx& tx) { user = store::users::find_by_login(tx, login); });
    bool found = user.has_value();
    std::string password;
    if (found) {
      const std::string hash = password_for(a, login, user->display_name, generated, password);
      in_transaction(config, [&](store::Tx& tx) { found = store::users::set_password(tx, login, hash); });
    }
    if (!found) {
      std::cerr << "onewindow user passwd: no user '" << login << "'\n";
      return kUsage;
    }
    std::cout << "password of " << login << " changed" << (generated ? " to " + password : "")
              << "; their sessions are revoked\n";
    return kOk;
  }
  if (sub == "disable") {
    bool found = false;
    in_transaction(config, [&](store::Tx& tx) { found = store::users::disable(tx, login); });
    if (!found) {
      std::cerr << "onewindow user disable: no user '" << login << "'\n";
      return kUsage;
    }
    std::cout << "disabled " << login << "; their sessions are revoked\n";
    return kOk;
  }
  throw UsageError("unknown user command '" + sub + "'");
}

int apikey(const std::vector<std::string>& words, const std::string& config_path) {
  Args a(words, {"label"}, {});
  if (a.positional().size() != 2 || a.positional()[0] != "add")
    throw UsageError("usage: onewindow apikey add DEPARTMENT|HOTLINE_CODE [--label TEXT]");
  platform::init_credentials();
  const auto config = platform::Config::load(config_path);
  const std::string& department = a.positional()[1];
  if (department != config.text("hotline.code")) require_catalog_department(config, department);  // or the 12345 hotline
  const std::string key = platform::new_token();
  in_transaction(config, [&](store::Tx& tx) {
    store::users::create_api_key(tx, platform::token_hash(key), department, a.get("label").value_or(""));
  });
  std::cout << key << "\n";
  return kOk;
}

}  // namespace ow::cli
