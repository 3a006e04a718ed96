// The layering of the house, checked on every source file of services/, workflow/ and adapters/ (the rules in
// include_rules.hpp), after the rules are shown to catch each kind of breach on made-up files.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/layering/include_rules.hpp"

using ow::testing::layering_breaches;

namespace {

namespace fs = std::filesystem;

std::string joined(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += s + "\n";
  return out;
}

// Every C++ source under the three folders (the console's JavaScript is not C++).
std::vector<std::string> breaches_in_tree(int* files) {
  std::vector<std::string> out;
  const fs::path root(OW_TEST_SOURCE_DIR);
  for (const char* top : {"services", "workflow", "adapters"}) {
    for (auto it = fs::recursive_directory_iterator(root / top); it != fs::recursive_directory_iterator(); ++it) {
      if (it->is_directory() && (it->path().filename() == "console" || it->path().filename() == "node_modules")) {
        it.disable_recursion_pending();
        continue;
      }
      const auto ext = it->path().extension().string();
      if (!it->is_regular_file() || (ext != ".cpp" && ext != ".hpp" && ext != ".in")) continue;
      std::ifstream in(it->path());
      std::stringstream text;
      text << in.rdbuf();
      const auto found = layering_breaches(fs::relative(it->path(), root).generic_string(), text.str());
      out.insert(out.end(), found.begin(), found.end());
      ++*files;
    }
  }
  return out;
}

}  // namespace

TEST(Layering, TheRulesCatchEachKindOfBreach) {
  EXPECT_EQ(layering_breaches("services/acceptance/x.cpp", "#include <pqxx/pqxx>\n").size(), 1u);
  EXPECT_EQ(layering_breaches("services/store/case_store.hpp", "#include <pqxx/pqxx>\n").size(), 1u);  // a header
  EXPECT_EQ(layering_breaches("services/platform/x.cpp", "#include <hiredis/hiredis.h>\n").size(), 1u);
  EXPECT_TRUE(layering_breaches("services/store/case_store.cpp", "#include <pqxx/pqxx>\n").empty());
  EXPECT_TRUE(layering_breaches("services/store/pg_types.hpp", "#include <pqxx/pqxx>\n").empty());
  EXPECT_EQ(layering_breaches("services/backoffice/x.cpp", "#include \"services/acceptance/case_writer.hpp\"\n").size(),
            1u);
  EXPECT_TRUE(
      layering_breaches("services/backoffice/x.cpp", "#include \"services/casework/case_runner.hpp\"\n").empty());
  EXPECT_TRUE(
      layering_breaches("services/main/cmd_serve.cpp", "#include \"services/acceptance/acceptance_routes.hpp\"\n")
          .empty());
  EXPECT_EQ(layering_breaches("workflow/flow/x.cpp", "#include \"services/store/case_store.hpp\"\n").size(), 1u);
  EXPECT_EQ(layering_breaches("workflow/flow/x.cpp", "#include <yaml-cpp/yaml.h>\n").size(), 1u);
  EXPECT_EQ(layering_breaches("workflow/flow/x.cpp", "#include <sys/socket.h>\n").size(), 1u);
  EXPECT_TRUE(
      layering_breaches("workflow/flow/x.cpp",
                        "#include <vector>\n#include <boost/json/value.hpp>\n#include \"workflow/flow/x.hpp\"\n")
          .empty());
  EXPECT_EQ(layering_breaches("workflow/flow/x.cpp", "#include <boost/msm/back/state_machine.hpp>\n").size(), 1u);
  EXPECT_TRUE(layering_breaches("workflow/machines/x.cpp", "#include <boost/msm/back/state_machine.hpp>\n").empty());
  EXPECT_EQ(layering_breaches("services/platform/x.cpp", "  #  include <boost/msm/front/functor_row.hpp>\n").size(),
            1u);
}

TEST(Layering, EverySourceFileKeepsTheRules) {
  int files = 0;
  const auto breaches = breaches_in_tree(&files);
  EXPECT_GT(files, 200) << "the walk did not find the sources";
  EXPECT_TRUE(breaches.empty()) << joined(breaches);
}
