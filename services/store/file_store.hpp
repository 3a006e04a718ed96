// The stored bytes of material files (tables file_blobs, file_chunks, case_material_files; sql/080): blobs
// content-addressed by SHA-256 and written in chunk rows, and each case material's uploads. Named statements.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "services/store/statements.hpp"
#include "services/store/transaction.hpp"

namespace ow::store {

const std::vector<Statement>& file_statements();

struct BlobInfo {
  std::int64_t id = 0;
  std::string sha256, media_type;
  std::int64_t size_bytes = 0;
  std::optional<int> pages;
};

struct MaterialFileRow {
  std::int64_t id = 0;
  std::string case_number, material, file_name, uploaded_at;  // uploaded_at: ISO, China Standard Time
  BlobInfo blob;
  std::string source = "upload";  // upload | elicense (the licence's document from the e-licence library)
};

namespace files {
// A staged blob (no SHA-256 yet) to write chunks into.
std::int64_t stage_blob(Tx& tx);
void put_chunk(Tx& tx, std::int64_t blob_id, int seq, std::string_view bytes);
// The blob already stored with these bytes, if any.
std::optional<BlobInfo> blob_by_sha(Tx& tx, const std::string& sha256);
// Seals a staged blob under its hash, size, type and pages.
void seal_blob(Tx& tx, const BlobInfo& b);
// Drops a staged blob and its chunks (the same bytes were stored already).
void drop_blob(Tx& tx, std::int64_t blob_id);
// Calls sink with each chunk of the blob in order, one at a time.
void read_chunks(Tx& tx, std::int64_t blob_id, const std::function<void(std::string_view)>& sink);
std::int64_t attach(Tx& tx, const std::string& case_number, const std::string& material, std::int64_t blob_id,
                    const std::string& file_name, std::optional<std::int64_t> uploaded_by);
// A licence's document from the e-licence library as the material's file; nothing when the material holds one.
void attach_licence(Tx& tx, const std::string& case_number, const std::string& material, std::int64_t blob_id,
                    const std::string& file_name);
// The case's materials that hold a library document.
std::set<std::string> licence_materials(Tx& tx, const std::string& case_number);
// Bytes already uploaded to the case (each upload counted).
std::int64_t case_bytes(Tx& tx, const std::string& case_number);
std::vector<MaterialFileRow> of_case(Tx& tx, const std::string& case_number);
// The files of several cases in one statement (a dispatcher's round), ordered by case, then upload.
std::vector<MaterialFileRow> of_cases(Tx& tx, const std::vector<std::string>& case_numbers);
std::optional<MaterialFileRow> one(Tx& tx, const std::string& case_number, std::int64_t id);
std::int64_t blob_count(Tx& tx, const std::string& sha256);  // rows with this hash (0 or 1), for tests
}  // namespace files

}  // namespace ow::store
