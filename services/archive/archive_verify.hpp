// `onewindow archive verify PACKAGE`: re-checks an archive package on its own, without the database — the
// manifest against its recorded SHA-256, every document and material file against the manifest (SHA-256 and
// size), no file in the package that the manifest does not list, and the audit trail's hash chain row by row.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace ow::archive {

struct VerifyReport {
  std::vector<std::string> problems;  // one line each, in Chinese, for the operator; empty: the package is intact
  int files_checked = 0, audit_rows = 0;
};

VerifyReport verify_package(const std::filesystem::path& package);

// SHA-256 of a file, read a chunk at a time (lowercase hex), and its size; empty when it cannot be read.
std::string file_sha256(const std::filesystem::path& file, std::int64_t* size = nullptr);

}  // namespace ow::archive
