// Forward-only schema migrations: sql/NNN_name.sql applied in order, each in its own transaction, under an
// advisory lock so that two instances never migrate at once. Each applied file's SHA-256 is recorded; a
// file changed after it was applied is refused (a migration is never edited, only followed by a new one).
#pragma once

#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "services/store/transaction.hpp"

namespace ow::store {

struct MigrationError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct MigrationFile {
  int version;
  std::string name;  // file name
  std::string sql;
  std::string checksum;  // hex SHA-256 of the file's bytes
};

struct MigrationStatus {
  std::vector<MigrationFile> applied;
  std::vector<MigrationFile> pending;
};

// Reads and orders the directory's NNN_*.sql files; throws MigrationError on a bad name or a repeated number.
std::vector<MigrationFile> read_migrations(const std::filesystem::path& dir);

class Migrator {
 public:
  // Connects to the database at url (throws DatabaseUnavailable when it cannot).
  Migrator(const std::string& url, std::vector<MigrationFile> files);
  ~Migrator();
  // Compares the files with what the database records; throws MigrationError when an applied file changed
  // or an applied version has no file.
  MigrationStatus status();
  // Applies what is pending; returns the files applied (empty when up to date).
  std::vector<MigrationFile> migrate();

 private:
  void ensure_table();
  std::unique_ptr<Connection> owned_;
  Connection& connection_;
  std::vector<MigrationFile> files_;
};

}  // namespace ow::store
