// The layering rules.
#include "tests/layering/include_rules.hpp"

#include <array>
#include <regex>
#include <sstream>

namespace ow::testing {
namespace {

const std::array<std::string, 4> kRoles = {"acceptance", "backoffice", "dispatcher", "supervision"};

// "services/backoffice/x.cpp" → "backoffice" when it is a role service, else "".
std::string role_of(const std::string& path) {
  for (const auto& r : kRoles)
    if (path.rfind("services/" + r + "/", 0) == 0) return r;
  return "";
}

bool store_implementation(const std::string& path) {
  if (path.rfind("services/store/", 0) != 0) return false;
  return path.ends_with(".cpp") || path == "services/store/pg_types.hpp";
}

// The standard library's headers have neither a directory nor an extension: <string>, <cstdint>.
bool standard_header(const std::string& target) {
  return target.find('/') == std::string::npos && target.find('.') == std::string::npos;
}

}  // namespace

std::vector<IncludeLine> includes_of(const std::string& text) {
  static const std::regex include(R"(^\s*#\s*include\s*([<"])([^>"]+)[>"])");
  std::vector<IncludeLine> out;
  std::istringstream in(text);
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    std::smatch m;
    if (std::regex_search(line, m, include)) out.push_back({n, m[2].str(), m[1].str() == "<"});
  }
  return out;
}

std::vector<std::string> layering_breaches(const std::string& path, const std::string& text) {
  std::vector<std::string> out;
  const std::string role = role_of(path);
  const bool in_workflow = path.rfind("workflow/", 0) == 0;
  for (const auto& inc : includes_of(text)) {
    auto breach = [&](const std::string& rule) {
      out.push_back(path + ":" + std::to_string(inc.line) + ": " + rule + " (" + inc.target + ")");
    };
    const std::string& t = inc.target;
    if ((t.rfind("pqxx/", 0) == 0 || t.rfind("hiredis/", 0) == 0 || t == "pqxx" || t == "hiredis.h") &&
        !store_implementation(path))
      breach("pqxx and hiredis belong to the store's implementation files");
    if (!role.empty())
      for (const auto& other : kRoles)
        if (other != role && t.rfind("services/" + other + "/", 0) == 0)
          breach("a role service includes another role service");
    if (in_workflow) {
      const bool own = !inc.angled && t.rfind("workflow/", 0) == 0;
      const bool allowed_library = inc.angled && (standard_header(t) || t.rfind("boost/", 0) == 0);
      if (!own && !allowed_library) breach("workflow/ includes only itself, the standard library and Boost");
    }
    if (t.rfind("boost/msm/", 0) == 0 && path.rfind("workflow/machines/", 0) != 0)
      breach("boost/msm belongs to workflow/machines");
  }
  return out;
}

}  // namespace ow::testing
