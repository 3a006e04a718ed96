// The catalog as the platform serves it: loading config/catalog/*.yaml into a new version (only when
// something changed, never when lint fails), and reading the current or any earlier version. Parsed
// versions are cached by id (they never change); "current" is the newest id in PostgreSQL, so every
// instance sees a reload at once. Blocks on the database: call from worker threads.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include "services/store/catalog_store.hpp"
#include "services/store/pg_pool.hpp"
#include "workflow/catalog/lint.hpp"
#include "workflow/catalog/model.hpp"

namespace ow::catalog_service {

struct LoadedCatalog {
  int version = 0;
  std::string checksum, loaded_at, loaded_by;
  catalog::Catalog catalog;
};

// The catalog on disk fails to parse or lint; nothing was loaded.
struct CatalogRejected : std::runtime_error {
  explicit CatalogRejected(std::vector<std::string> problems);
  std::vector<std::string> problems;
};

struct LoadResult {
  bool changed = false;
  int version = 0;                   // the new version, or the current one when nothing changed
  std::vector<std::string> changes;  // "added bundle QYKB", …
  std::vector<std::string>
      notes;  // the lint's notices (bundles whose limit the hall chose itself), also when unchanged
};

// Reads every *.yaml in `dir` as (file name, text), sorted by name.
std::vector<std::pair<std::string, std::string>> read_catalog_documents(const std::filesystem::path& dir);

class CatalogService {
 public:
  CatalogService(store::PgPool& pool, std::filesystem::path dir, std::int64_t minutes_per_day)
      : pool_(pool), dir_(std::move(dir)), minutes_per_day_(minutes_per_day) {}

  // Parses and lints the files; with dry_run only reports what would change. Throws CatalogRejected. A new
  // version is a row of admin_audit too (action catalog_loaded, by `loaded_by`).
  LoadResult load(bool dry_run, const std::string& loaded_by);
  // The newest version; nullptr before the first load.
  std::shared_ptr<const LoadedCatalog> current();
  // A version by id; nullptr when there is none.
  std::shared_ptr<const LoadedCatalog> version(int id);
  // The same, read in the caller's transaction when not cached (no second pooled connection while it holds one).
  std::shared_ptr<const LoadedCatalog> version(store::Tx& tx, int id);
  std::vector<store::CatalogVersionRow> versions();
  std::int64_t minutes_per_day() const { return minutes_per_day_; }

 private:
  std::shared_ptr<const LoadedCatalog> parsed(const store::CatalogVersionRow& row);
  store::PgPool& pool_;
  const std::filesystem::path dir_;
  const std::int64_t minutes_per_day_;
  std::mutex mutex_;
  std::map<int, std::shared_ptr<const LoadedCatalog>> cache_;
};

}  // namespace ow::catalog_service
