// Migrations on a real PostgreSQL: in order, idempotent, a changed applied file refused.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <pqxx/pqxx>

#include "services/store/migrator.hpp"
#include "services/store/pg_types.hpp"
#include "tests/support/test_env.hpp"

using namespace ow;
namespace fs = std::filesystem;

namespace {
void write(const fs::path& p, const std::string& text) { std::ofstream(p) << text; }
fs::path temp_dir(const std::string& name) {
  auto dir = fs::temp_directory_path() / ("ow-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}
}  // namespace

TEST(Migrator, AppliesInOrderOnceAndRefusesAChangedFile) {
  const auto url = ow::testing::fresh_database("it_migrator");
  const auto dir = temp_dir("migrations");
  write(dir / "002_b.sql", "ALTER TABLE a ADD COLUMN y int;");
  write(dir / "001_a.sql", "CREATE TABLE a (x int);");
  pqxx::connection c(url);
  {
    store::Migrator m(url, store::read_migrations(dir));
    auto applied = m.migrate();
    ASSERT_EQ(applied.size(), 2u);
    EXPECT_EQ(applied[0].name, "001_a.sql");
    EXPECT_EQ(applied[1].name, "002_b.sql");
    EXPECT_TRUE(m.migrate().empty());  // idempotent
    EXPECT_EQ(m.status().applied.size(), 2u);
  }
  {
    pqxx::work tx(c);
    EXPECT_EQ(tx.exec("SELECT count(*) FROM information_schema.columns WHERE table_name = 'a'")[0][0].as<int>(), 2);
  }
  write(dir / "003_c.sql", "CREATE TABLE c (z int);");
  {
    store::Migrator m(url, store::read_migrations(dir));
    EXPECT_EQ(m.status().pending.size(), 1u);
    EXPECT_EQ(m.migrate().size(), 1u);
  }
  write(dir / "001_a.sql", "CREATE TABLE a (x bigint);");
  store::Migrator changed(url, store::read_migrations(dir));
  try {
    changed.status();
    FAIL() << "a changed migration was accepted";
  } catch (const store::MigrationError& e) {
    EXPECT_NE(std::string(e.what()).find("001_a.sql was changed"), std::string::npos) << e.what();
  }
  EXPECT_THROW(changed.migrate(), store::MigrationError);
}

TEST(Migrator, AFailingMigrationLeavesNothingBehind) {
  const auto url = ow::testing::fresh_database("it_migrator_fail");
  const auto dir = temp_dir("migrations-fail");
  write(dir / "001_ok.sql", "CREATE TABLE ok (x int);");
  write(dir / "002_bad.sql", "CREATE TABLE half (x int); SELECT no_such_function();");
  pqxx::connection c(url);
  store::Migrator m(url, store::read_migrations(dir));
  EXPECT_ANY_THROW(m.migrate());
  pqxx::work tx(c);
  EXPECT_EQ(tx.exec("SELECT count(*) FROM schema_migrations")[0][0].as<int>(), 1);
  EXPECT_EQ(tx.exec("SELECT count(*) FROM information_schema.tables WHERE table_name = 'half'")[0][0].as<int>(), 0);
}

TEST(Migrator, RejectsBadFileNames) {
  const auto dir = temp_dir("migrations-names");
  write(dir / "first.sql", "SELECT 1;");
  EXPECT_THROW(store::read_migrations(dir), store::MigrationError);
  fs::remove(dir / "first.sql");
  write(dir / "001_a.sql", "SELECT 1;");
  write(dir / "001_b.sql", "SELECT 1;");
  EXPECT_THROW(store::read_migrations(dir), store::MigrationError);
}

TEST(Migrator, TheProjectsMigrationsApplyTwiceCleanly) {
  const auto url = ow::testing::fresh_database("it_project_migrations");
  pqxx::connection c(url);
  store::Migrator m(url, store::read_migrations(ow::testing::source_dir() + "/sql"));
  EXPECT_FALSE(m.migrate().empty());
  store::Migrator again(url, store::read_migrations(ow::testing::source_dir() + "/sql"));
  EXPECT_TRUE(again.migrate().empty());
}
