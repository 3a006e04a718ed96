// What integration and e2e tests need from the environment: the private test servers started by
// `ops/testenv` (found through OW_TESTENV), fresh databases, free ports, and the built binaries.
#pragma once

#include <string>

namespace ow::testing {

struct TestServers {
  std::string admin_url;  // the `onewindow` database of the test PostgreSQL, as its superuser
  std::string owner_url;  // … as the owner role (migrations)
  std::string app_url;    // … as the platform's role (ow_app: rows only, audit append-only)
  std::string redis_host;
  int redis_port = 0;
  std::string redis_password_file, redis_password;  // ops/redis's requirepass
};

// Reads $OW_TESTENV/env; fails the test run with a clear message when the fixture did not run.
const TestServers& test_servers();
// `url` (one of TestServers') with database `name` instead of its own.
std::string url_of_database(const std::string& url, const std::string& name);
// Drops and creates database `name` (owned by the owner role) on the test server; returns its superuser URL.
std::string fresh_database(const std::string& name);
// This test process's personal-data key file (created on first use under $OW_TESTENV), installed as the
// process's vault: servers the test starts are given the same file, so rows either writes open in both.
const std::string& test_key_file();
// A fresh database with the project's sql/ migrations applied by the owner role; returns its superuser URL.
// Installs test_key_file().
std::string migrated_database(const std::string& name);
// A TCP port on 127.0.0.1 nothing listens on.
int free_port();
// The repository root and the build's bin directory (compile-time paths).
std::string source_dir();
std::string binary(const std::string& name);
// A private PostgreSQL under `dir` (ops/pg, fast mode) for tests that stop and start it; returns its port.
std::string start_private_postgres(const std::string& dir);
void stop_private_postgres(const std::string& dir);
// Its superuser's URL for database `db` (ops/pg url: password file, no password in the URL).
std::string private_postgres_url(const std::string& dir, const std::string& db = "onewindow");
// Runs a shell command, returns its exit status and (with capture) its stdout.
int run_command(const std::string& command, std::string* output = nullptr);
// `onewindow ARGS` (as the CLI, stderr with stdout) against database `url` and a key file (default: the test's);
// returns its exit status.
int run_onewindow(const std::string& url, const std::string& args, std::string* output,
                  const std::string& key_file = test_key_file());

}  // namespace ow::testing
