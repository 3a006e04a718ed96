// Backup and restore of the embedded default (ops/backup, ops/restore): a database with cases is dumped while
// the platform serves, restored into a fresh PostgreSQL cluster (ops/pg), and then every table holds the rows
// it held, the platform's role has its grants back, and the audit trail verifies with the same key file. A
// damaged dump and a non-empty target are refused.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <pqxx/pqxx>

#include "tests/support/fixtures.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/server_process.hpp"
#include "tests/support/test_env.hpp"

namespace fs = std::filesystem;
namespace json = boost::json;
using ow::testing::run_command;
using ow::testing::source_dir;

namespace {

std::map<std::string, long> table_rows(const std::string& url) {
  pqxx::connection db(url);
  pqxx::read_transaction tx(db);
  std::map<std::string, long> out;
  for (const auto& t : tx.exec("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"))
    out[t[0].as<std::string>()] =
        tx.exec1("SELECT count(*) FROM public." + tx.quote_name(t[0].as<std::string>()))[0].as<long>();
  return out;
}

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

TEST(BackupRestoreE2E, ARestoredBackupHoldsEveryRowAndItsAuditTrailVerifies) {
  ow::testing::ServerProcess server("e2e_backup", {{"OW_CALENDAR_WEEKDAY_FALLBACK", "true"}});
  const std::string clerk = server.catalog_and_clerk();
  for (int i = 0; i < 3; ++i) {
    auto r = ow::testing::http_request(
        server.port(), "POST", "/api/v1/cases", json::serialize(ow::testing::retirement_application()),
        {{"Authorization", "Bearer " + clerk}, {"Idempotency-Key", "b-" + std::to_string(i)}});
    ASSERT_EQ(r.status, 201) << r.body;
  }
  const fs::path dir = fs::current_path() / ("backup-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);

  // The backup, taken while the platform serves.
  std::string dump;
  ASSERT_EQ(run_command(source_dir() + "/ops/backup --out '" + dir.string() + "/backups' --url '" + server.db_url() +
                            "' 2>/dev/null",
                        &dump),
            0);
  dump = trimmed(dump);
  ASSERT_TRUE(fs::exists(dump)) << dump;
  const std::string manifest = dump.substr(0, dump.size() - 5) + ".manifest";
  std::ifstream in(manifest);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_NE(text.str().find("rows cases 3\n"), std::string::npos) << text.str();
  EXPECT_NE(text.str().find("personal-data key file"), std::string::npos);
  const auto before = table_rows(server.db_url());
  EXPECT_EQ(server.terminate(), 0);

  // A fresh cluster (its owner and platform roles made by ops/pg), the backup restored into it as the owner.
  const std::string pg = (dir / "pg").string();
  ow::testing::start_private_postgres(pg);
  std::string owner_url, app_url;
  ASSERT_EQ(run_command(source_dir() + "/ops/pg url '" + pg + "' --role owner", &owner_url), 0);
  ASSERT_EQ(run_command(source_dir() + "/ops/pg url '" + pg + "' --role app", &app_url), 0);
  owner_url = trimmed(owner_url);
  app_url = trimmed(app_url);
  std::string out;
  ASSERT_EQ(run_command(source_dir() + "/ops/restore '" + dump + "' --url '" + owner_url + "' 2>&1", &out), 0) << out;
  EXPECT_NE(out.find("every row count as in the manifest"), std::string::npos) << out;
  const auto after = table_rows(ow::testing::private_postgres_url(pg));
  EXPECT_EQ(after, before);
  EXPECT_EQ(after.at("cases"), 3);
  EXPECT_GT(after.at("case_audit"), 3);

  // The platform's role reads the restored rows and the chains verify; nothing is pending for this build.
  EXPECT_EQ(ow::testing::run_onewindow(app_url, "audit verify --all", &out), 0) << out;
  EXPECT_EQ(ow::testing::run_onewindow(app_url, "keys status", &out), 0) << out;
  EXPECT_EQ(ow::testing::run_onewindow(owner_url, "migrate --status", &out), 0) << out;

  // Refused: a second restore into the now populated database, and a dump that does not match its manifest.
  ASSERT_EQ(run_command(source_dir() + "/ops/restore '" + dump + "' --url '" + owner_url + "' 2>&1", &out), 1);
  EXPECT_NE(out.find("already has"), std::string::npos) << out;
  const std::string damaged = (dir / "backups" / "damaged.dump").string();
  fs::copy_file(dump, damaged);
  fs::copy_file(manifest, (dir / "backups" / "damaged.manifest").string());
  std::ofstream(damaged, std::ios::app) << "x";
  ASSERT_EQ(run_command(source_dir() + "/ops/restore '" + damaged + "' --url '" + owner_url + "' 2>&1", &out), 1);
  EXPECT_NE(out.find("SHA-256"), std::string::npos) << out;
  EXPECT_EQ(table_rows(ow::testing::private_postgres_url(pg)), before);

  ow::testing::stop_private_postgres(pg);
  fs::remove_all(dir);
}

}  // namespace
