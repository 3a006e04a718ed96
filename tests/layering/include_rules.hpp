// The house's layering rules over #include lines, as a pure function of a file's path and text, so the rules
// themselves are tested on made-up files and then applied to every source file of services/, workflow/ and
// adapters/.
#pragma once

#include <string>
#include <vector>

namespace ow::testing {

struct IncludeLine {
  int line = 0;
  std::string target;  // what is included, without its quotes or brackets
  bool angled = false;
};

std::vector<IncludeLine> includes_of(const std::string& text);

// Each breach as "path:line: rule (target)"; empty when the file keeps every rule:
//  - pqxx and hiredis only in the store's implementation files (services/store/*.cpp, pg_types.hpp);
//  - a role service (acceptance, backoffice, dispatcher, supervision) never includes another;
//  - workflow/ includes only itself, the standard library and Boost;
//  - boost/msm only in workflow/machines/.
std::vector<std::string> layering_breaches(const std::string& path, const std::string& text);

}  // namespace ow::testing
