// `onewindow --env-file FILE`: settings from a file of OW_* lines (what ops/run started the platform with).
#include <cstdlib>
#include <fstream>
#include <iostream>

#include "services/main/commands.hpp"

namespace ow::cli {

bool apply_env_file(const std::string& file) {
  std::ifstream in(file);
  if (!in) {
    std::cerr << "onewindow: cannot read the env file " << file << "\n";
    return false;
  }
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.empty() || line[0] == '#') continue;
    const auto eq = line.find('=');
    if (eq == std::string::npos || !line.starts_with("OW_")) {
      std::cerr << "onewindow: " << file << " line " << n << " is not OW_NAME=value\n";
      return false;
    }
    ::setenv(line.substr(0, eq).c_str(), line.substr(eq + 1).c_str(), 0);
  }
  return true;
}

}  // namespace ow::cli
