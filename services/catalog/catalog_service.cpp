// Loading, versioning and reading the catalog.
#include "services/catalog/catalog_service.hpp"

#include <boost/json.hpp>
#include <fstream>
#include <sstream>

#include "adapters/catalog/catalog_yaml.hpp"
#include "services/catalog/catalog_json.hpp"
#include "services/store/admin_store.hpp"
#include "services/store/catalog_store.hpp"

namespace ow::catalog_service {
namespace {

std::string join_problems(const std::vector<std::string>& p) {
  std::string out = "the catalog was not loaded:";
  for (const auto& s : p) out += "\n  " + s;
  return out;
}

catalog::Catalog parse_and_lint(const std::vector<std::pair<std::string, std::string>>& docs,
                                std::int64_t minutes_per_day) {
  catalog::Catalog c;
  try {
    c = catalog::parse_catalog(docs);
  } catch (const catalog::CatalogSyntaxError& e) {
    throw CatalogRejected({e.what()});
  }
  auto errors = catalog::lint(c, minutes_per_day);
  if (!errors.empty()) {
    std::vector<std::string> problems;
    for (const auto& e : errors) problems.push_back(e.to_string());
    throw CatalogRejected(problems);
  }
  return c;
}

std::vector<std::pair<std::string, std::string>> documents_of(const std::string& json) {
  std::vector<std::pair<std::string, std::string>> docs;
  const boost::json::value parsed = boost::json::parse(json);
  for (const auto& kv : parsed.as_object())
    docs.emplace_back(std::string(kv.key()), std::string(kv.value().as_string()));
  std::sort(docs.begin(), docs.end());
  return docs;
}

}  // namespace

CatalogRejected::CatalogRejected(std::vector<std::string> p)
    : std::runtime_error(join_problems(p)), problems(std::move(p)) {}

std::vector<std::pair<std::string, std::string>> read_catalog_documents(const std::filesystem::path& dir) {
  if (!std::filesystem::is_directory(dir)) throw CatalogRejected({"catalog directory not found: " + dir.string()});
  std::vector<std::pair<std::string, std::string>> docs;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    if (e.path().extension() != ".yaml" && e.path().extension() != ".yml") continue;
    std::ifstream in(e.path(), std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    docs.emplace_back(e.path().filename().string(), text.str());
  }
  std::sort(docs.begin(), docs.end());
  if (docs.empty()) throw CatalogRejected({"no *.yaml files in " + dir.string()});
  return docs;
}

LoadResult CatalogService::load(bool dry_run, const std::string& loaded_by) {
  const auto docs = read_catalog_documents(dir_);
  const catalog::Catalog fresh = parse_and_lint(docs, minutes_per_day_);
  const boost::json::object fresh_json = catalog_json(fresh);
  const std::string checksum = sha256_hex(boost::json::serialize(fresh_json));
  std::vector<std::string> notes;
  for (const auto& n : catalog::lint_notices(fresh)) notes.push_back(n.to_string());
  return pool_.transact([&](store::Tx& tx) {
    store::catalog_versions::lock(tx);
    LoadResult result;
    result.notes = notes;
    auto latest = store::catalog_versions::latest(tx);
    boost::json::object before;
    if (latest) {
      result.version = latest->id;
      if (latest->checksum == checksum) return result;
      before = catalog_json(catalog::parse_catalog(documents_of(latest->documents)));
    }
    result.changed = true;
    result.changes = catalog_changes(before, fresh_json);
    if (dry_run) return result;
    boost::json::object documents;
    for (const auto& [name, text] : docs) documents[name] = text;
    boost::json::array changes;
    for (const auto& c : result.changes) changes.emplace_back(c);
    boost::json::object summary{{"departments", fresh.departments.size()},
                                {"materials", fresh.materials.size()},
                                {"items", fresh.items.size()},
                                {"bundles", fresh.bundles.size()},
                                {"changes", changes}};
    result.version = store::catalog_versions::insert(tx, checksum, boost::json::serialize(documents),
                                                     boost::json::serialize(summary), loaded_by);
    store::admin_audit::record(
        tx, loaded_by, "catalog_loaded", "catalog",
        boost::json::serialize(boost::json::object{{"version", result.version}, {"changes", result.changes.size()}}));
    return result;
  });
}

std::shared_ptr<const LoadedCatalog> CatalogService::parsed(const store::CatalogVersionRow& row) {
  {
    std::lock_guard lock(mutex_);
    if (auto it = cache_.find(row.id); it != cache_.end()) return it->second;
  }
  auto loaded = std::make_shared<LoadedCatalog>();
  loaded->version = row.id;
  loaded->checksum = row.checksum;
  loaded->loaded_at = row.loaded_at;
  loaded->loaded_by = row.loaded_by;
  loaded->catalog = catalog::parse_catalog(documents_of(row.documents));
  std::lock_guard lock(mutex_);
  return cache_.emplace(row.id, std::move(loaded)).first->second;
}

std::shared_ptr<const LoadedCatalog> CatalogService::current() {
  // The newest version's id is asked of PostgreSQL every time (one statement on its own, one round trip), so
  // a version loaded through any instance is used at once; only its parsed form is kept here.
  const auto id = pool_.single([](store::Single& one) { return store::catalog_versions::latest_id(one); });
  if (!id) return nullptr;
  return version(*id);
}

std::shared_ptr<const LoadedCatalog> CatalogService::version(int id) {
  {
    std::lock_guard lock(mutex_);
    if (auto it = cache_.find(id); it != cache_.end()) return it->second;
  }
  return pool_.transact([&](store::Tx& tx) { return version(tx, id); });
}

std::shared_ptr<const LoadedCatalog> CatalogService::version(store::Tx& tx, int id) {
  {
    std::lock_guard lock(mutex_);
    if (auto it = cache_.find(id); it != cache_.end()) return it->second;
  }
  auto row = store::catalog_versions::by_id(tx, id);
  return row ? parsed(*row) : nullptr;
}

std::vector<store::CatalogVersionRow> CatalogService::versions() {
  return pool_.transact([&](store::Tx& tx) { return store::catalog_versions::list(tx); });
}

}  // namespace ow::catalog_service
