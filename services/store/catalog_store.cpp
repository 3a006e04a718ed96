// SQL for catalog versions.
#include "services/store/catalog_store.hpp"
#include "services/store/pg_types.hpp"

namespace ow::store {
namespace {
CatalogVersionRow to_row(const pqxx::row& r) {
  return {r[0].as<int>(),         r[1].as<std::string>(), r[2].as<std::string>(),
          r[3].as<std::string>(), r[4].as<std::string>(), r[5].as<std::string>()};
}
}  // namespace

const std::vector<Statement>& catalog_statements() {
  static const std::vector<Statement> list = {
      {"catalog_lock", "SELECT pg_advisory_xact_lock(4242001)"},
      {"catalog_latest",
       "SELECT id, checksum, documents::text, summary::text, to_char(loaded_at AT TIME ZONE 'Asia/Shanghai',"
       " 'YYYY-MM-DD\"T\"HH24:MI:SS\"+08:00\"'), loaded_by FROM catalog_versions ORDER BY id DESC LIMIT 1"},
      {"catalog_latest_id", "SELECT max(id) FROM catalog_versions"},
      {"catalog_by_id",
       "SELECT id, checksum, documents::text, summary::text, to_char(loaded_at AT TIME ZONE 'Asia/Shanghai',"
       " 'YYYY-MM-DD\"T\"HH24:MI:SS\"+08:00\"'), loaded_by FROM catalog_versions WHERE id = $1"},
      {"catalog_insert",
       "INSERT INTO catalog_versions (checksum, documents, summary, loaded_by) VALUES ($1, $2::jsonb, $3::jsonb, $4)"
       " RETURNING id"},
      {"catalog_list",
       "SELECT id, checksum, '{}', summary::text, to_char(loaded_at AT TIME ZONE 'Asia/Shanghai',"
       " 'YYYY-MM-DD\"T\"HH24:MI:SS\"+08:00\"'), loaded_by FROM catalog_versions ORDER BY id DESC"},
  };
  return list;
}

namespace catalog_versions {

void lock(Tx& tx) { tx.exec_prepared("catalog_lock"); }

std::optional<CatalogVersionRow> latest(Tx& tx) {
  auto r = tx.exec_prepared("catalog_latest");
  if (r.empty()) return std::nullopt;
  return to_row(r[0]);
}

std::optional<int> latest_id(Tx& tx) {
  auto r = tx.exec_prepared1("catalog_latest_id");
  if (r[0].is_null()) return std::nullopt;
  return r[0].as<int>();
}

std::optional<int> latest_id(Single& one) {
  auto r = one.exec_prepared1("catalog_latest_id");
  if (r[0].is_null()) return std::nullopt;
  return r[0].as<int>();
}

std::optional<CatalogVersionRow> by_id(Tx& tx, int id) {
  auto r = tx.exec_prepared("catalog_by_id", id);
  if (r.empty()) return std::nullopt;
  return to_row(r[0]);
}

int insert(Tx& tx, const std::string& checksum, const std::string& documents_json, const std::string& summary_json,
           const std::string& loaded_by) {
  return tx.exec_prepared1("catalog_insert", checksum, documents_json, summary_json, loaded_by)[0].as<int>();
}

std::vector<CatalogVersionRow> list(Tx& tx) {
  std::vector<CatalogVersionRow> out;
  for (const auto& r : tx.exec_prepared("catalog_list")) out.push_back(to_row(r));
  return out;
}

}  // namespace catalog_versions
}  // namespace ow::store
