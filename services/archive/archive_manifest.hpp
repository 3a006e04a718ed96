// The archive package's manifest (manifest.json): the case's metadata, every document and material file in the
// package with its SHA-256, the audit trail with its hash chain, and the decisions with their legal bases — built
// from rows already read (no I/O), and checked again by `onewindow archive verify` (archive_verify.hpp).
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "services/store/audit_chain_store.hpp"
#include "services/store/case_store.hpp"
#include "workflow/catalog/model.hpp"

namespace ow::archive {

inline constexpr const char* kManifestFormat = "onewindow-archive-v1";

// A file written into the package: where, its hash and size, and what it is (kind, material, file name …).
struct PackedFile {
  std::string path, sha256;
  std::int64_t size_bytes = 0;
  boost::json::object about;
};

struct ManifestInput {
  store::CaseRow case_row;
  std::vector<store::TaskRow> tasks;
  std::vector<store::audit_chain::ChainRow> audit;  // in chain order, with their stored hashes
  const catalog::Catalog* catalog = nullptr;        // the case's catalog version: names and legal bases
  std::vector<PackedFile> documents, files;
  std::string archived_at;  // ISO
};

boost::json::object build_manifest(const ManifestInput& in);

// Lowercase hex of bytes (the audit hashes are stored raw).
std::string to_hex(const std::string& bytes);

}  // namespace ow::archive
