// SQL for material files: chunked blobs by SHA-256 and the uploads of case materials.
#include "services/store/file_store.hpp"

#include "services/store/pg_types.hpp"
#include "services/store/sql_text.hpp"

namespace ow::store {

const std::vector<Statement>& file_statements() {
  static const std::vector<Statement> list = {
      {"file_stage", "INSERT INTO file_blobs DEFAULT VALUES RETURNING id"},
      {"file_chunk_put", "INSERT INTO file_chunks (blob_id, seq, data) VALUES ($1, $2, decode($3, 'hex'))"},
      {"file_blob_by_sha", "SELECT id, sha256, media_type, size_bytes, pages FROM file_blobs WHERE sha256 = $1"},
      {"file_seal", "UPDATE file_blobs SET sha256 = $2, media_type = $3, size_bytes = $4, pages = $5 WHERE id = $1"},
      {"file_drop", "DELETE FROM file_blobs WHERE id = $1 AND sha256 IS NULL"},
      {"file_chunk_get", "SELECT data FROM file_chunks WHERE blob_id = $1 AND seq = $2"},
      {"file_attach",
       "INSERT INTO case_material_files (case_number, material, blob_id, file_name, uploaded_by)"
       " VALUES ($1, $2, $3, $4, $5) RETURNING id"},
      {"file_attach_licence",
       "INSERT INTO case_material_files (case_number, material, blob_id, file_name, source)"
       " VALUES ($1, $2, $3, $4, 'elicense') ON CONFLICT (case_number, material) WHERE source = 'elicense' DO NOTHING"},
      {"file_licence_materials",
       "SELECT material FROM case_material_files WHERE case_number = $1 AND source = 'elicense' ORDER BY material"},
      {"file_case_bytes",
       "SELECT COALESCE(sum(b.size_bytes), 0) FROM case_material_files f JOIN file_blobs b ON b.id = f.blob_id"
       " WHERE f.case_number = $1"},
      {"file_of_case",
       "SELECT f.id, f.case_number, f.material, f.file_name, " OW_SQL_CST(
           "f.uploaded_at") ", b.id, b.sha256, b.media_type, b.size_bytes, b.pages, f.source"
                            " FROM case_material_files f JOIN file_blobs b ON b.id = f.blob_id"
                            " WHERE f.case_number = $1 AND ($2::bigint IS NULL OR f.id = $2) ORDER BY f.id"},
      {"file_blob_count", "SELECT count(*) FROM file_blobs WHERE sha256 = $1"},
      {"file_of_cases", "SELECT f.id, f.case_number, f.material, f.file_name, " OW_SQL_CST(
                            "f.uploaded_at") ", b.id, b.sha256, b.media_type, b.size_bytes, b.pages, f.source"
                                             " FROM case_material_files f JOIN file_blobs b ON b.id = f.blob_id"
                                             " WHERE f.case_number = ANY($1::text[]) ORDER BY f.case_number, f.id"},
  };
  return list;
}

namespace files {
namespace {

std::string hex(std::string_view bytes) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out.push_back(digits[c >> 4]);
    out.push_back(digits[c & 15]);
  }
  return out;
}

BlobInfo blob_of(const pqxx::row& r, int at) {
  BlobInfo b{r[at].as<std::int64_t>(), r[at + 1].as<std::string>(), r[at + 2].as<std::string>(),
             r[at + 3].as<std::int64_t>(), std::nullopt};
  if (!r[at + 4].is_null()) b.pages = r[at + 4].as<int>();
  return b;
}

std::vector<MaterialFileRow> file_rows(const pqxx::result& result) {
  std::vector<MaterialFileRow> out;
  for (const auto& r : result)
    out.push_back({r[0].as<std::int64_t>(), r[1].as<std::string>(), r[2].as<std::string>(), r[3].as<std::string>(),
                   r[4].as<std::string>(), blob_of(r, 5), r[10].as<std::string>()});
  return out;
}

std::vector<MaterialFileRow> rows(Tx& tx, const std::string& case_number, std::optional<std::int64_t> id) {
  return file_rows(tx.exec_prepared("file_of_case", case_number, id));
}

}  // namespace

std::int64_t stage_blob(Tx& tx) { return tx.exec_prepared1("file_stage")[0].as<std::int64_t>(); }

void put_chunk(Tx& tx, std::int64_t blob_id, int seq, std::string_view bytes) {
  tx.exec_prepared0("file_chunk_put", blob_id, seq, hex(bytes));
}

std::optional<BlobInfo> blob_by_sha(Tx& tx, const std::string& sha256) {
  auto r = tx.exec_prepared("file_blob_by_sha", sha256);
  if (r.empty()) return std::nullopt;
  return blob_of(r[0], 0);
}

void seal_blob(Tx& tx, const BlobInfo& b) {
  tx.exec_prepared0("file_seal", b.id, b.sha256, b.media_type, b.size_bytes, b.pages);
}

void drop_blob(Tx& tx, std::int64_t blob_id) { tx.exec_prepared0("file_drop", blob_id); }

void read_chunks(Tx& tx, std::int64_t blob_id, const std::function<void(std::string_view)>& sink) {
  for (int seq = 0;; ++seq) {
    auto r = tx.exec_prepared("file_chunk_get", blob_id, seq);
    if (r.empty()) return;
    const pqxx::binarystring bytes(r[0][0]);
    sink(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
  }
}

std::int64_t attach(Tx& tx, const std::string& case_number, const std::string& material, std::int64_t blob_id,
                    const std::string& file_name, std::optional<std::int64_t> uploaded_by) {
  return tx.exec_prepared1("file_attach", case_number, material, blob_id, file_name, uploaded_by)[0].as<std::int64_t>();
}

void attach_licence(Tx& tx, const std::string& case_number, const std::string& material, std::int64_t blob_id,
                    const std::string& file_name) {
  tx.exec_prepared0("file_attach_licence", case_number, material, blob_id, file_name);
}

std::set<std::string> licence_materials(Tx& tx, const std::string& case_number) {
  std::set<std::string> out;
  for (const auto& r : tx.exec_prepared("file_licence_materials", case_number)) out.insert(r[0].as<std::string>());
  return out;
}

std::int64_t case_bytes(Tx& tx, const std::string& case_number) {
  return tx.exec_prepared1("file_case_bytes", case_number)[0].as<std::int64_t>();
}

std::vector<MaterialFileRow> of_case(Tx& tx, const std::string& case_number) {
  return rows(tx, case_number, std::nullopt);
}

std::vector<MaterialFileRow> of_cases(Tx& tx, const std::vector<std::string>& case_numbers) {
  if (case_numbers.empty()) return {};
  return file_rows(tx.exec_prepared("file_of_cases", text_array_literal(case_numbers)));
}

std::optional<MaterialFileRow> one(Tx& tx, const std::string& case_number, std::int64_t id) {
  auto r = rows(tx, case_number, id);
  if (r.empty()) return std::nullopt;
  return r.front();
}

std::int64_t blob_count(Tx& tx, const std::string& sha256) {
  return tx.exec_prepared1("file_blob_count", sha256)[0].as<std::int64_t>();
}

}  // namespace files
}  // namespace ow::store
