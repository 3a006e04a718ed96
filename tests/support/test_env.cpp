// Test environment helpers.
#include "tests/support/test_env.hpp"

#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <pqxx/pqxx>
#include <random>
#include <stdexcept>

#include "services/store/migrator.hpp"
#include "services/store/pg_types.hpp"
#include "services/store/vault.hpp"

namespace ow::testing {

const TestServers& test_servers() {
  static const TestServers servers = [] {
    const char* dir = std::getenv("OW_TESTENV");
    if (!dir) throw std::runtime_error("OW_TESTENV is not set: run these tests through ctest (the testenv fixture)");
    std::ifstream in(std::string(dir) + "/env");
    if (!in) throw std::runtime_error(std::string("no ") + dir + "/env: did the testenv_start fixture run?");
    TestServers s;
    std::string line;
    while (std::getline(in, line)) {
      auto eq = line.find('=');
      if (eq == std::string::npos) continue;
      auto key = line.substr(0, eq), value = line.substr(eq + 1);
      if (key == "OW_DB_URL") s.admin_url = value;
      if (key == "OW_DB_OWNER_URL") s.owner_url = value;
      if (key == "OW_DB_APP_URL") s.app_url = value;
      if (key == "OW_REDIS_HOST") s.redis_host = value;
      if (key == "OW_REDIS_PORT") s.redis_port = std::stoi(value);
      if (key == "OW_REDIS_PASSWORD_FILE") {
        s.redis_password_file = value;
        std::getline(std::ifstream(value), s.redis_password);
      }
    }
    return s;
  }();
  return servers;
}

std::string url_of_database(const std::string& url, const std::string& name) {
  const auto query = url.find('?');
  const std::string base = url.substr(0, query);
  return base.substr(0, base.rfind('/') + 1) + name + (query == std::string::npos ? "" : url.substr(query));
}

std::string fresh_database(const std::string& name) {
  pqxx::connection c(test_servers().admin_url);
  pqxx::nontransaction n(c);
  n.exec("DROP DATABASE IF EXISTS " + n.quote_name(name) + " WITH (FORCE)");
  n.exec("CREATE DATABASE " + n.quote_name(name) + " OWNER ow_owner");
  return url_of_database(test_servers().admin_url, name);
}

const std::string& test_key_file() {
  static const std::string file = [] {
    const char* dir = std::getenv("OW_TESTENV");
    const std::string path = std::string(dir ? dir : "/tmp") + "/personal-data-" + std::to_string(::getpid()) + ".keys";
    std::filesystem::remove(path);
    store::Vault::create_key_file(path);
    store::use_vault_file(path);
    return path;
  }();
  return file;
}

std::string migrated_database(const std::string& name) {
  test_key_file();
  auto url = fresh_database(name);
  store::Migrator(url_of_database(test_servers().owner_url, name), store::read_migrations(source_dir() + "/sql"))
      .migrate();
  return url;
}

int free_port() {
  // Below the kernel's ephemeral range (see ops/lib.sh free_port): a port there can be taken at any moment
  // as the source port of an outgoing connection, and a server started on it a little later fails to bind.
  static std::mt19937 random(std::random_device{}() ^ static_cast<unsigned>(::getpid()));
  for (int attempt = 0; attempt < 500; ++attempt) {
    const int port = std::uniform_int_distribution<int>(20000, 32000)(random);
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    const bool free = ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    ::close(fd);
    if (free) return port;
  }
  throw std::runtime_error("no free port in 20000-32000");
}

std::string source_dir() { return OW_TEST_SOURCE_DIR; }
std::string binary(const std::string& name) { return std::string(OW_TEST_BIN_DIR) + "/" + name; }

int run_command(const std::string& command, std::string* output) {
  FILE* p = ::popen(command.c_str(), "r");
  if (!p) return -1;
  std::array<char, 4096> buf;
  std::string out;
  std::size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  int status = ::pclose(p);
  if (output) *output = out;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int run_onewindow(const std::string& url, const std::string& args, std::string* output, const std::string& key_file) {
  return run_command("OW_DB_URL='" + url + "' OW_KEYS_PERSONAL_DATA_FILE='" + key_file +
                         "' OW_SECURITY_REFUSE_ROOT=false OW_HTTP_PORT=0 OW_CONFIG='" + source_dir() +
                         "/config/onewindow.yaml' timeout 20 " + binary("onewindow") + " " + args + " 2>&1",
                     output);
}

std::string start_private_postgres(const std::string& dir) {
  std::string port;
  if (run_command(source_dir() + "/ops/pg start " + dir + " --fast", &port) != 0)
    throw std::runtime_error("ops/pg could not start PostgreSQL in " + dir);
  port.erase(port.find_last_not_of('\n') + 1);
  return port;
}

void stop_private_postgres(const std::string& dir) {
  if (run_command(source_dir() + "/ops/pg stop " + dir) != 0) throw std::runtime_error("ops/pg could not stop " + dir);
}

std::string private_postgres_url(const std::string& dir, const std::string& db) {
  std::string url;
  if (run_command(source_dir() + "/ops/pg url " + dir + " --role superuser --db " + db, &url) != 0)
    throw std::runtime_error("ops/pg has no URL for " + dir);
  url.erase(url.find_last_not_of('\n') + 1);
  return url;
}

}  // namespace ow::testing
