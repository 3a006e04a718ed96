// An archive package on disk for e2e tests: its manifest read, a file's bytes read and rewritten (packages are
// written read-only), and `onewindow archive verify` run on it with one byte of a file changed.
#pragma once

#include <boost/json/object.hpp>
#include <filesystem>
#include <string>

#include "tests/support/server_process.hpp"

namespace ow::testing {

std::string file_bytes(const std::filesystem::path& file);
// Replaces the file's content (making it writable first).
void rewrite_file(const std::filesystem::path& file, const std::string& bytes);
// The package's manifest.json.
boost::json::object archive_manifest(const std::filesystem::path& package);
// `onewindow archive verify <package>` with byte `at` of `file` flipped; the file is put back after. Returns the
// command's exit status, its output in `out`.
int verify_with_one_byte_changed(const ServerProcess& server, const std::filesystem::path& package,
                                 const std::filesystem::path& file, std::size_t at, std::string* out);

}  // namespace ow::testing
