// Catalog versions in PostgreSQL: named statements and typed calls.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "services/store/statements.hpp"
#include "services/store/transaction.hpp"

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
void lock(Tx& tx);
std::optional<CatalogVersionRow> latest(Tx& tx);
std::optional<int> latest_id(Tx& tx);
std::optional<int> latest_id(Single& one);  // one round trip
std::optional<CatalogVersionRow> by_id(Tx& tx, int id);
int insert(Tx& tx, const std::string& checksum, const std::string& documents_json, const std::string& summary_json,
           const std::string& loaded_by);
std::vector<CatalogVersionRow> list(Tx& tx);  // without documents, newest first
}  // namespace catalog_versions

}  // namespace ow::store
