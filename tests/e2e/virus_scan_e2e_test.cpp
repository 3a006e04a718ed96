// Virus scanning of uploads (setting clamav.enabled) against the running binary. With a fake clamd speaking the
// INSTREAM protocol: a PDF carrying the EICAR test string is refused with 422 and nothing is stored, a clean one
// is stored, and with clamd gone the upload gets 503. With the real clamd (Debian clamav-daemon, started by
// ops/clamd for this test only, with the real signatures when the machine has them, else a generated EICAR test
// signature): the same EICAR refusal and a clean file stored.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <pqxx/pqxx>

#include "tests/support/fake_clamd.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/server_process.hpp"
#include "tests/support/test_env.hpp"

using ow::testing::http_request;
using ow::testing::HttpResult;
using ow::testing::kEicar;
namespace json = boost::json;
namespace fs = std::filesystem;

namespace {

// Accepts a case at clerk1's hall and uploads `bytes` to its id_card material.
class Uploads {
 public:
  Uploads(ow::testing::ServerProcess& server, const std::string& tag) : server_(server) {
    std::string out;
    EXPECT_EQ(server.cli("catalog load", &out), 0) << out;
    EXPECT_EQ(server.cli("user add clerk1 --name 窗口一 --role clerk --region 330106 --hall XH01 --window W01 "
                         "--password-stdin",
                         nullptr, "password-123"),
              0);
    token_ = server.login("clerk1", "password-123");
    auto r =
        http_request(server.port(), "POST", "/api/v1/cases", json::serialize(ow::testing::retirement_application()),
                     {{"Authorization", "Bearer " + token_}, {"Idempotency-Key", "virus-" + tag}});
    EXPECT_EQ(r.status, 201) << r.body;
    number_ = std::string(json::parse(r.body).at("number").as_string());
  }
  HttpResult upload(const std::string& bytes) {
    return http_request(server_.port(), "POST", "/api/v1/cases/" + number_ + "/materials/id_card/files?name=scan.pdf",
                        bytes, {{"Authorization", "Bearer " + token_}});
  }
  std::int64_t files() {
    pqxx::connection c(server_.db_url());
    pqxx::read_transaction tx(c);
    return tx.exec_params1("SELECT count(*) FROM case_material_files WHERE case_number = $1", number_)[0]
        .as<std::int64_t>();
  }

 private:
  ow::testing::ServerProcess& server_;
  std::string token_, number_;
};

const std::string kInfectedPdf = "%PDF-1.4\n" + std::string(kEicar) + "\n%%EOF\n";

}  // namespace

TEST(VirusScanE2E, AFakeClamdsVerdictRefusesEicarAndLetsCleanFilesThrough) {
  auto clamd = std::make_unique<ow::testing::FakeClamd>(false, 2);
  ow::testing::ServerProcess server("e2e_virus_fake", {{"OW_CALENDAR_WEEKDAY_FALLBACK", "true"},
                                                       {"OW_CLAMAV_ENABLED", "true"},
                                                       {"OW_CLAMAV_SOCKET", clamd->path()},
                                                       {"OW_CLAMAV_TIMEOUT_MS", "2000"}});
  Uploads u(server, "fake");
  auto infected = u.upload(kInfectedPdf);
  ASSERT_EQ(infected.status, 422) << infected.body;
  EXPECT_EQ(json::parse(infected.body).at("code").as_string(), "file_infected");
  EXPECT_EQ(u.files(), 0);
  EXPECT_EQ(u.upload("%PDF-1.4\nclean\n%%EOF\n").status, 201);
  EXPECT_EQ(u.files(), 1);
  clamd.reset();  // clamd gone: no upload without its scan
  auto down = u.upload("%PDF-1.4\nanother\n%%EOF\n");
  ASSERT_EQ(down.status, 503) << down.body;
  EXPECT_EQ(json::parse(down.body).at("code").as_string(), "virus_scan_unavailable");
  EXPECT_EQ(u.files(), 1);
  EXPECT_EQ(server.terminate(), 0);
}

TEST(VirusScanE2E, TheRealClamdRefusesEicar) {
  // A private clamd for this test alone (ops/clamd: as `clamav` when root; the real databases when
  // /var/lib/clamav has them, else the generated EICAR test signature).
  const fs::path dir = fs::temp_directory_path() / ("ow-clamd-" + std::to_string(::getpid()));
  const std::string ops = ow::testing::source_dir() + "/ops/clamd";
  const auto started = std::chrono::steady_clock::now();
  std::string socket;
  {
    std::unique_ptr<FILE, int (*)(FILE*)> out(::popen((ops + " start " + dir.string()).c_str(), "r"), ::pclose);
    ASSERT_TRUE(out);
    char line[512];
    while (std::fgets(line, sizeof line, out.get())) socket = line;
  }
  while (!socket.empty() && socket.back() == '\n') socket.pop_back();
  ASSERT_TRUE(!socket.empty() && fs::exists(socket)) << "ops/clamd start failed (ops/setup installs clamav-daemon)";
  std::cout << "clamd answered after "
            << std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count()
            << " ms\n";
  {
    ow::testing::ServerProcess server(
        "e2e_virus_real",
        {{"OW_CALENDAR_WEEKDAY_FALLBACK", "true"}, {"OW_CLAMAV_ENABLED", "true"}, {"OW_CLAMAV_SOCKET", socket}});
    Uploads u(server, "real");
    auto infected = u.upload(kInfectedPdf);
    EXPECT_EQ(infected.status, 422) << infected.body;
    EXPECT_EQ(json::parse(infected.body).at("code").as_string(), "file_infected");
    EXPECT_EQ(u.files(), 0);
    EXPECT_EQ(u.upload("%PDF-1.4\nclean\n%%EOF\n").status, 201);  // what the signatures do not match passes
    EXPECT_EQ(u.files(), 1);
    EXPECT_EQ(server.terminate(), 0);
  }
  EXPECT_EQ(std::system((ops + " stop " + dir.string()).c_str()), 0);
  fs::remove_all(dir);
}
