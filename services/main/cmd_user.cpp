// `onewindow user add|passwd|disable|enable` and `onewindow apikey add`: account administration from the shell,
// through the same account service as the console's admin screens (services/admin/account_admin.hpp).
#include <iostream>

#include "services/admin/account_admin.hpp"
#include "services/catalog/catalog_service.hpp"
#include "services/main/args.hpp"
#include "services/main/commands.hpp"
#include "services/platform/actor.hpp"
#include "services/platform/config.hpp"
#include "services/platform/credentials.hpp"
#include "services/platform/problem.hpp"
#include "services/store/pg_pool.hpp"
#include "services/store/statements.hpp"
#include "workflow/calendar/office_hours.hpp"

namespace ow::cli {
namespace {

// One line of stdin (--password-stdin), or empty: the account service then makes a random password that passes
// the rule (and it is printed).
std::string given_password(const Args& a) {
  if (!a.flag("password-stdin")) return {};
  std::string password;
  std::getline(std::cin, password);
  if (!password.empty() && password.back() == '\r') password.pop_back();
  if (password.empty()) throw UsageError("password refused: empty");
  return password;
}

// An API key is only made for a department of the loaded catalog (config/catalog/departments.yaml, stored
// by `onewindow catalog load`), or the 12345 hotline (hotline.code).
bool key_holder(const platform::Config& config, store::PgPool& pool, const std::string& code) {
  if (code == config.text("hotline.code")) return true;
  const auto hours = calendar::OfficeHours::parse(config.text("calendar.office_hours"));
  catalog_service::CatalogService catalog(pool, config.path("catalog.dir"), hours.seconds_per_day() / 60);
  const auto current = catalog.current();
  if (!current) throw UsageError("no catalog is loaded yet: run `onewindow catalog load` first");
  if (!current->catalog.departments.contains(code))
    throw UsageError("'" + code + "' is not a department of catalog version " + std::to_string(current->version));
  return true;
}

// The account service's refusal as one line (its Chinese title and the English detail); exit status 2.
int refused(const std::string& command, const platform::Problem& p) {
  if (p.code() == "weak_password")
    std::cerr << "onewindow " << command << ": password refused: " << p.detail() << "\n";
  else
    std::cerr << "onewindow " << command << ": " << p.title() << " (" << p.detail() << ")\n";
  return p.status() >= 500 ? kFailure : kUsage;
}

}  // namespace

int user(const std::vector<std::string>& words, const std::string& config_path) {
  Args a(words, {"name", "role", "region", "hall", "window", "department"}, {"password-stdin"});
  if (a.positional().size() != 2) throw UsageError("usage: onewindow user add|passwd|disable|enable LOGIN [options]");
  const std::string& sub = a.positional()[0];
  const std::string& login = a.positional()[1];
  platform::init_credentials();
  const auto config = platform::Config::load(config_path);
  store::PgPool pool(config.text("db.url"), 1, std::chrono::milliseconds(5000), store::all_statements());
  admin::AccountAdmin accounts(pool, [](const std::string&) { return false; });
  try {
    if (sub == "add") {
      admin::NewAccount u{login, a.require("name"), a.require("role"), a.require("region"),
                          a.get("hall"),  a.get("window"),  a.get("department")};
      if (!platform::parse_role(u.role))
        throw UsageError("--role must be clerk, approver, supervisor, admin, auditor or surveyor");
      if (u.role == "clerk" && (!u.hall_code || !u.window_code)) throw UsageError("a clerk needs --hall and --window");
      if (u.role == "approver" && !u.department_code) throw UsageError("an approver needs --department");
      const auto made = accounts.add_user(u, given_password(a), "cli");
      std::cout << "added " << login << (made.secret.empty() ? "" : " with password " + made.secret) << "\n";
      return kOk;
    }
    if (sub == "passwd") {
      const auto made = accounts.reset_password(login, given_password(a), "cli");
      std::cout << "password of " << login << " changed" << (made.secret.empty() ? "" : " to " + made.secret)
                << "; their sessions are revoked\n";
      return kOk;
    }
    if (sub == "disable" || sub == "enable") {
      accounts.set_disabled(login, sub == "disable", "cli");
      std::cout << sub << "d " << login << (sub == "disable" ? "; their sessions are revoked" : "") << "\n";
      return kOk;
    }
  } catch (const platform::Problem& p) {
    return refused("user " + sub, p);
  }
  throw UsageError("unknown user command '" + sub + "'");
}

int apikey(const std::vector<std::string>& words, const std::string& config_path) {
  Args a(words, {"label"}, {});
  if (a.positional().size() != 2 || a.positional()[0] != "add")
    throw UsageError("usage: onewindow apikey add DEPARTMENT|HOTLINE_CODE [--label TEXT]");
  platform::init_credentials();
  const auto config = platform::Config::load(config_path);
  store::PgPool pool(config.text("db.url"), 1, std::chrono::milliseconds(5000), store::all_statements());
  admin::AccountAdmin accounts(pool, [&](const std::string& code) { return key_holder(config, pool, code); });
  try {
    std::cout << accounts.issue_key(a.positional()[1], a.get("label").value_or(""), "cli").secret << "\n";
    return kOk;
  } catch (const platform::Problem& p) {
    return refused("apikey add", p);
  }
}

}  // namespace ow::cli
