// Reading, verifying and applying migrations.
#include "services/store/migrator.hpp"
#include "services/store/errors.hpp"
#include "services/store/pg_types.hpp"

#include <sodium.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

namespace ow::store {

Migrator::Migrator(const std::string& url, std::vector<MigrationFile> files)
    : owned_([&] {
        try {
          return std::make_unique<Connection>(url);
        } catch (const pqxx::broken_connection& e) {
          throw DatabaseUnavailable(std::string("cannot connect to PostgreSQL: ") + e.what());
        }
      }()),
      connection_(*owned_),
      files_(std::move(files)) {}

Migrator::~Migrator() = default;
namespace {

constexpr long long kMigrationLock = 0x4f574d4947;  // "OWMIG"

std::string sha256_hex(const std::string& bytes) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

}  // namespace

std::vector<MigrationFile> read_migrations(const std::filesystem::path& dir) {
  if (!std::filesystem::is_directory(dir)) throw MigrationError("migrations directory not found: " + dir.string());
  std::vector<MigrationFile> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (entry.path().extension() != ".sql") continue;
    std::size_t digits = 0;
    while (digits < name.size() && std::isdigit(static_cast<unsigned char>(name[digits]))) ++digits;
    if (digits == 0 || digits > 6 || name[digits] != '_')
      throw MigrationError("migration file name must be NNN_description.sql: " + name);
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    files.push_back({std::stoi(name.substr(0, digits)), name, text.str(), sha256_hex(text.str())});
  }
  std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) { return a.version < b.version; });
  for (std::size_t i = 1; i < files.size(); ++i)
    if (files[i].version == files[i - 1].version)
      throw MigrationError("two migrations share number " + std::to_string(files[i].version) + ": " +
                           files[i - 1].name + " and " + files[i].name);
  return files;
}

void Migrator::ensure_table() {
  pqxx::work tx(connection_);
  tx.exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations ("
      " version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,"
      " applied_at timestamptz NOT NULL DEFAULT now())");
  tx.commit();
}

MigrationStatus Migrator::status() {
  // Read only: the platform's own role (no DDL) asks this at start-up.
  std::map<int, std::pair<std::string, std::string>> recorded;
  {
    pqxx::read_transaction tx(connection_);
    if (!tx.exec("SELECT to_regclass('schema_migrations')")[0][0].is_null())
      for (const auto& row : tx.exec("SELECT version, name, checksum FROM schema_migrations ORDER BY version"))
        recorded[row[0].as<int>()] = {row[1].as<std::string>(), row[2].as<std::string>()};
  }
  MigrationStatus s;
  for (const auto& f : files_) {
    auto it = recorded.find(f.version);
    if (it == recorded.end()) {
      s.pending.push_back(f);
      continue;
    }
    if (it->second.second != f.checksum)
      throw MigrationError("migration " + f.name + " was changed after it was applied (recorded sha256 " +
                           it->second.second.substr(0, 12) + "…, file now " + f.checksum.substr(0, 12) +
                           "…); add a new migration instead of editing an applied one");
    s.applied.push_back(f);
    recorded.erase(it);
  }
  if (!recorded.empty())
    throw MigrationError("the database has migration " + std::to_string(recorded.begin()->first) + " (" +
                         recorded.begin()->second.first +
                         ") that is not in the migrations directory: is this binary older than the database?");
  return s;
}

std::vector<MigrationFile> Migrator::migrate() {
  ensure_table();
  {
    pqxx::nontransaction n(connection_);
    n.exec_params("SELECT pg_advisory_lock($1)", kMigrationLock);
  }
  std::vector<MigrationFile> applied;
  try {
    for (const auto& f : status().pending) {
      pqxx::work tx(connection_);
      tx.exec(f.sql);
      tx.exec_params("INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)", f.version, f.name,
                     f.checksum);
      tx.commit();
      applied.push_back(f);
    }
  } catch (...) {
    pqxx::nontransaction n(connection_);
    n.exec_params("SELECT pg_advisory_unlock($1)", kMigrationLock);
    throw;
  }
  pqxx::nontransaction n(connection_);
  n.exec_params("SELECT pg_advisory_unlock($1)", kMigrationLock);
  return applied;
}

}  // namespace ow::store
