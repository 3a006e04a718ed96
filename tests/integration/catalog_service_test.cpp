// Catalog versions in PostgreSQL: a load makes a version only when something changed, older versions stay
// readable by id, and a catalog that fails lint is never loaded.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <pqxx/pqxx>
#include <sstream>

#include "services/catalog/catalog_service.hpp"
#include "services/store/migrator.hpp"
#include "services/store/pg_types.hpp"
#include "services/store/statements.hpp"
#include "tests/support/test_env.hpp"

using namespace ow;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

fs::path catalog_copy() {
  fs::path dir = fs::temp_directory_path() / ("ow-catalog-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  for (const auto& e : fs::directory_iterator(ow::testing::source_dir() + "/config/catalog"))
    fs::copy(e.path(), dir / e.path().filename());
  return dir;
}

void edit(const fs::path& file, const std::string& from, const std::string& to) {
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  std::string s = text.str();
  auto pos = s.find(from);
  ASSERT_NE(pos, std::string::npos) << from;
  s.replace(pos, from.size(), to);
  std::ofstream(file) << s;
}

}  // namespace

TEST(CatalogService, VersionsArePinnedAndLintFailuresNeverLoad) {
  store::PgPool pool(ow::testing::migrated_database("it_catalog"), 2, 2000ms, store::all_statements());
  const fs::path dir = catalog_copy();
  catalog_service::CatalogService service(pool, dir, 420);
  EXPECT_FALSE(service.current());

  auto dry = service.load(true, "test");
  EXPECT_TRUE(dry.changed);
  EXPECT_FALSE(service.current());  // a dry run writes nothing

  auto first = service.load(false, "test");
  EXPECT_TRUE(first.changed);
  ASSERT_TRUE(service.current());
  EXPECT_EQ(service.current()->version, first.version);
  EXPECT_EQ(service.current()->catalog.bundles.size(), 22u);

  auto again = service.load(false, "test");  // nothing changed: no new version
  EXPECT_FALSE(again.changed);
  EXPECT_EQ(again.version, first.version);

  // Comments do not make a version either.
  edit(dir / "bundles.yaml", "# Bundles", "# Edited comment.\n# Bundles");
  EXPECT_FALSE(service.load(false, "test").changed);

  // Change one item's committed limit: a new version; the old one is still readable by id.
  edit(dir / "items.yaml",
       "name: 供水接入工程施工\n    department: GS\n    kind: 公共服务\n    statutory: 10wd\n    committed: 2wd",
       "name: 供水接入工程施工\n    department: GS\n    kind: 公共服务\n    statutory: 10wd\n    committed: 3wd");
  auto second = service.load(false, "test");
  EXPECT_TRUE(second.changed);
  EXPECT_GT(second.version, first.version);
  EXPECT_EQ(second.changes, std::vector<std::string>{"changed item 330106-GS-SG"});
  EXPECT_EQ(service.current()->catalog.items.at("330106-GS-SG").committed.to_string(), "3wd");
  auto old = service.version(first.version);
  ASSERT_TRUE(old);
  EXPECT_EQ(old->catalog.items.at("330106-GS-SG").committed.to_string(), "2wd");
  EXPECT_FALSE(service.version(9999));
  EXPECT_EQ(service.versions().size(), 2u);

  // A cycle: rejected with the bundle and step named; version 2 stays in force.
  edit(dir / "bundles.yaml", "{id: accept_survey, item: 330106-GS-SL}",
       "{id: accept_survey, item: 330106-GS-SL, after: [connect]}");
  try {
    service.load(false, "test");
    FAIL() << "a catalog with a cycle was loaded";
  } catch (const catalog_service::CatalogRejected& e) {
    ASSERT_EQ(e.problems.size(), 1u);
    EXPECT_NE(e.problems[0].find("bundle HDYS, step"), std::string::npos) << e.problems[0];
    EXPECT_NE(e.problems[0].find("cycle"), std::string::npos);
  }
  EXPECT_EQ(service.current()->version, second.version);
}
