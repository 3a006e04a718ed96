// Catalog versions in PostgreSQL: named statements and typed calls.
#pragma once

#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "services/store/statements.hpp"

namespace ow::store {

struct CatalogVersionRow {
  int id = 0;
  std::string checksum;
  std::string documents;  // jsonb text: {"file.yaml": "text", …}
  std::string summary;    // jsonb text
  std::string loaded_at, loaded_by;
};

const std::vector<Statement>& catalog_statements();

namespace catalog_versions {
// Serialises loads: held until the transaction ends.
void lock(pqxx::transaction_base& tx);
std::optional<CatalogVersionRow> latest(pqxx::transaction_base& tx);
std::optional<int> latest_id(pqxx::transaction_base& tx);
std::optional<CatalogVersionRow> by_id(pqxx::transaction_base& tx, int id);
int insert(pqxx::transaction_base& tx, const std::string& checksum, const std::string& documents_json,
           const std::string& summary_json, const std::string& loaded_by);
std::vector<CatalogVersionRow> list(pqxx::transaction_base& tx);  // without documents, newest first
}  // namespace catalog_versions

}  // namespace ow::store
