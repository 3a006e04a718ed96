// Archive packages on disk for e2e tests: read, rewrite, verify with one byte changed.
#include "tests/support/archive_package.hpp"

#include <boost/json.hpp>
#include <fstream>
#include <sstream>

namespace ow::testing {

namespace fs = std::filesystem;

std::string file_bytes(const fs::path& file) {
  std::stringstream s;
  s << std::ifstream(file, std::ios::binary).rdbuf();
  return s.str();
}

void rewrite_file(const fs::path& file, const std::string& bytes) {
  fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write);
  std::ofstream(file, std::ios::binary | std::ios::trunc) << bytes;
}

boost::json::object archive_manifest(const fs::path& package) {
  return boost::json::parse(file_bytes(package / "manifest.json")).as_object();
}

int verify_with_one_byte_changed(const ServerProcess& server, const fs::path& package, const fs::path& file,
                                 std::size_t at, std::string* out) {
  const std::string bytes = file_bytes(file);
  std::string changed = bytes;
  changed.at(at) = static_cast<char>(changed.at(at) ^ 1);
  rewrite_file(file, changed);
  const int status = server.cli("archive verify " + package.string(), out);
  rewrite_file(file, bytes);
  return status;
}

}  // namespace ow::testing
