// Plain Chinese errors (issue 17): every request field a handler names in a 400 (bad_request(…, "field"),
// text_field(body, "field", …), material_ids(body, "field")) has a Chinese name, so the problem's title tells
// the clerk which field to correct. Reads the source tree of services/.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "services/platform/field_labels.hpp"

namespace fs = std::filesystem;

TEST(FieldLabels, EveryFieldTheApiNamesInA400HasAChineseName) {
  const std::regex named(
      R"re((?:bad_request\([^;]*?,\s*|text_field\(\s*\w+,\s*|material_ids\(\s*\w+,\s*)"([a-z_.]+)")re");
  std::set<std::string> fields, missing;
  for (auto it = fs::recursive_directory_iterator(fs::path(OW_TEST_SOURCE_DIR) / "services");
       it != fs::recursive_directory_iterator(); ++it) {
    if (it->is_directory() && (it->path().filename() == "console" || it->path().filename() == "node_modules")) {
      it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file() || it->path().extension() != ".cpp") continue;
    std::ifstream in(it->path());
    std::stringstream text;
    text << in.rdbuf();
    const std::string s = text.str();
    for (std::sregex_iterator m(s.begin(), s.end(), named), end; m != end; ++m) fields.insert((*m)[1].str());
  }
  for (const auto& f : fields)
    if (ow::platform::field_label(f).empty()) missing.insert(f);
  EXPECT_GT(fields.size(), 30u) << "the scan did not find the handlers";
  std::string list;
  for (const auto& f : missing) list += f + " ";
  EXPECT_TRUE(missing.empty()) << "fields without a Chinese name: " << list;
}

TEST(FieldLabels, TheTitleNamesTheField) {
  EXPECT_EQ(ow::platform::field_label("contact_phone"), "联系电话");
  EXPECT_EQ(ow::platform::field_label("no_such_field"), "");
}
