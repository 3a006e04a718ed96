// Material links and the electronic archive against the running binaries (issue 20): 出生一件事 with every
// department on push transport; the parents' ID cards and the marriage certificate are e-licences, whose documents
// the platform fetches from the library at intake; the clerk uploads the household register while 卫健's system is
// down, so the push that reaches it carries the file's link too. Every department's system (the simulator) fetches
// the links of its task with its key and gets the exact bytes; a link without a key, with another department's key,
// altered, or expired is refused, and each department fetch is in the personal-data access record. The case is
// delivered by post, concluded, archived by the timekeeper (Archived, the package written) and `onewindow archive
// verify` passes — until a byte of a file, or an audit row of the manifest, is changed.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <pqxx/pqxx>
#include <set>

#include "tests/support/archive_package.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/push_departments.hpp"
#include "tests/support/server_process.hpp"
#include "tests/support/simulator_process.hpp"
#include "tests/support/test_env.hpp"

using ow::testing::http_request;
using ow::testing::HttpResult;
namespace json = boost::json;
namespace fs = std::filesystem;

namespace {

const std::vector<std::string>& kDepartments = ow::testing::birth_departments();
const std::string kPdf =
    "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
    "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n"
    "trailer << /Root 1 0 R >>\n%%EOF\n";

fs::path work_dir() { return fs::current_path() / ("department-files-" + std::to_string(::getpid())); }

class DepartmentFilesE2E : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    sim_port = ow::testing::free_port();
    world = new ow::testing::PushDepartmentsWorld("e2e_department_files", work_dir(), sim_port, {}, {"--seed", "3"});
    server = world->server.get();
    clerk = world->clerk;
    keys = world->keys;
  }
  static void TearDownTestSuite() { delete world; }

  static json::value parsed(const HttpResult& r) { return json::parse(r.body); }
  static HttpResult as_clerk(const std::string& method, const std::string& target, const std::string& body = {},
                             std::map<std::string, std::string> h = {}) {
    h["Authorization"] = "Bearer " + clerk;
    return http_request(server->port(), method, target, body, h);
  }
  static std::string state_of(const std::string& number) {
    return ow::testing::case_state(server->port(), clerk, number);
  }
  static bool wait_for_state(const std::string& number, const std::string& state) {
    return ow::testing::wait_for_case_state(server->port(), clerk, number, state);
  }
  static std::int64_t scalar(const std::string& sql, const std::string& arg) {
    pqxx::connection c(server->db_url());
    pqxx::read_transaction tx(c);
    return tx.exec_params1(sql, arg)[0].as<std::int64_t>();
  }
  static inline ow::testing::PushDepartmentsWorld* world = nullptr;
  static inline ow::testing::ServerProcess* server = nullptr;
  static inline int sim_port = 0;
  static inline std::string clerk;
  static inline std::map<std::string, std::string> keys;
};

}  // namespace

TEST_F(DepartmentFilesE2E, PushesCarryLinksTheDepartmentsFetchThenTheConcludedCaseIsArchivedAndVerifies) {
  // 卫健's system is down for two seconds: its push waits, and the file uploaded meanwhile travels with it.
  ASSERT_EQ(http_request(sim_port, "POST", "/_control", R"({"down_seconds": 2, "departments": ["WJ"]})").status, 200);
  auto accepted = as_clerk("POST", "/api/v1/cases", json::serialize(ow::testing::birth_application()),
                           {{"Idempotency-Key", "links-1"}});
  ASSERT_EQ(accepted.status, 201) << accepted.body;
  const std::string number(parsed(accepted).at("number").as_string());
  auto uploaded = as_clerk("POST", "/api/v1/cases/" + number + "/materials/household_register/files?name=hukou.pdf",
                           kPdf, {{"Content-Type", "application/pdf"}});
  ASSERT_EQ(uploaded.status, 201) << uploaded.body;
  const std::string sha(parsed(uploaded).at("sha256").as_string());

  // The e-licences' documents came from the library at intake: the case's files, beside the upload.
  const auto listed = parsed(as_clerk("GET", "/api/v1/cases/" + number + "/files"));
  std::map<std::string, std::string> source_of;
  for (const auto& f : listed.at("items").as_array()) {
    source_of[std::string(f.at("material").as_string())] = std::string(f.at("source_name").as_string());
    if (f.at("source").as_string() != "elicense") continue;
    EXPECT_EQ(f.at("media_type").as_string(), "application/pdf");
    EXPECT_EQ(f.at("pages").as_int64(), 1);
    EXPECT_NE(f.at("file_name").as_string().find("（电子证照）.pdf"), std::string::npos) << f;
  }
  EXPECT_EQ(source_of, (std::map<std::string, std::string>{{"household_register", "上传"},
                                                           {"marriage_certificate", "电子证照库"},
                                                           {"parents_id_cards", "电子证照库"}}));
  const auto view = parsed(as_clerk("GET", "/api/v1/cases/" + number));
  for (const auto& m : view.at("materials").as_array())
    if (m.at("form").as_string() == "elicense") {
      EXPECT_EQ(m.at("licence_document").as_string(), "obtained") << m;
    }

  // Every department's system fetched every file with its key: the bytes the push announced.
  ASSERT_TRUE(wait_for_state(number, "ResultReady")) << state_of(number);
  const auto fetches = ow::testing::material_fetches(sim_port, number, 3 * kDepartments.size());
  ASSERT_EQ(fetches.size(), 3 * kDepartments.size());
  std::map<std::string, std::set<std::string>> fetched_by;  // department → materials
  for (const auto& f : fetches) {
    EXPECT_EQ(f.at("status").as_int64(), 200) << json::serialize(f);
    EXPECT_TRUE(f.at("matches").as_bool());
    if (f.at("material").as_string() == "household_register") {
      EXPECT_EQ(f.at("sha256").as_string(), sha);
      EXPECT_EQ(f.at("size_bytes").as_int64(), static_cast<std::int64_t>(kPdf.size()));
    }
    fetched_by[std::string(f.at("department").as_string())].insert(std::string(f.at("material").as_string()));
  }
  EXPECT_EQ(fetched_by.size(), kDepartments.size());
  for (const auto& [department, materials] : fetched_by) EXPECT_EQ(materials.size(), 3u) << department;
  EXPECT_EQ(scalar("SELECT count(*) FROM pii_access WHERE case_number = $1 AND actor_role = 'department_system'"
                   " AND actor_id IS NULL AND route LIKE 'GET /api/v1/departments/{code}/cases/%'",
                   number),
            static_cast<std::int64_t>(3 * kDepartments.size()));

  // The link as 公安 polls it (its task is approved now), and what is refused.
  auto polled = http_request(server->port(), "GET", "/api/v1/departments/GA/tasks?state=approved", {},
                             {{"X-Api-Key", keys["GA"]}});
  ASSERT_EQ(polled.status, 200) << polled.body;
  std::string url;
  const json::value polled_tasks = parsed(polled);
  for (const auto& t : polled_tasks.at("items").as_array())
    if (t.at("case_number").as_string() == number)
      for (const auto& f : t.at("material_files").as_array()) {
        const bool uploaded = f.at("material").as_string() == "household_register";
        EXPECT_EQ(f.at("source").as_string(), uploaded ? "upload" : "elicense") << f;
        if (uploaded) url = std::string(f.at("url").as_string());
      }
  ASSERT_FALSE(url.empty()) << polled.body;
  auto get = [&](const std::string& target, const std::map<std::string, std::string>& h) {
    return http_request(server->port(), "GET", target, {}, h);
  };
  auto own = get(url, {{"X-Api-Key", keys["GA"]}});
  ASSERT_EQ(own.status, 200) << own.body;
  EXPECT_EQ(own.body, kPdf);
  auto code_of = [](const HttpResult& r) {
    EXPECT_NE(r.headers.at("content-type").find("problem+json"), std::string::npos);
    return std::string(json::parse(r.body).at("code").as_string());
  };
  auto no_key = get(url, {});
  EXPECT_EQ(no_key.status, 401);
  auto other_key = get(url, {{"X-Api-Key", keys["YB"]}});
  EXPECT_EQ(other_key.status, 403);
  EXPECT_EQ(code_of(other_key), "file_link_other_department");
  auto staff = get(url, {{"Authorization", "Bearer " + clerk}});
  EXPECT_EQ(staff.status, 403);
  std::string altered = url;
  altered.back() = altered.back() == '0' ? '1' : '0';
  auto forged = get(altered, {{"X-Api-Key", keys["GA"]}});
  EXPECT_EQ(forged.status, 403);
  EXPECT_EQ(code_of(forged), "file_link_invalid");
  std::string stretched = url;  // the department moving its own expiry on
  const auto at = stretched.find("expires=") + 8;
  stretched.replace(at, stretched.find('&', at) - at, "4102444800");
  EXPECT_EQ(get(stretched, {{"X-Api-Key", keys["GA"]}}).status, 403);
  // Two hours later (the links live one): gone.
  auto expired = ow::testing::fetch_link_later(server->port(), url, keys["GA"], 7200);
  EXPECT_EQ(expired.status, 410);
  EXPECT_EQ(code_of(expired), "file_link_expired");

  // Delivered by post: concluded, then archived by the timekeeper.
  auto delivered = as_clerk("POST", "/api/v1/cases/" + number + "/delivery",
                            R"({"method": "post", "tracking_number": "SF1234567890"})");
  ASSERT_EQ(delivered.status, 200) << delivered.body;
  ASSERT_TRUE(wait_for_state(number, "Archived")) << state_of(number);
  const fs::path package = work_dir() / "archive" / number;
  ASSERT_TRUE(fs::exists(package / "manifest.json"));
  const auto manifest = ow::testing::archive_manifest(package);
  EXPECT_EQ(manifest.at("case").at("number").as_string(), number);
  EXPECT_EQ(manifest.at("case").at("state").as_string(), "Concluded");
  ASSERT_EQ(manifest.at("files").as_array().size(), 3u);  // the upload and the two licence documents
  std::string upload_path;
  for (const auto& f : manifest.at("files").as_array())
    if (f.at("sha256").as_string() == sha) upload_path = std::string(f.at("path").as_string());
  ASSERT_FALSE(upload_path.empty());
  EXPECT_GE(manifest.at("documents").as_array().size(), 1u);  // the receipt
  EXPECT_EQ(manifest.at("decisions").at("tasks").as_array().size(), 4u);
  EXPECT_GE(manifest.at("audit").at("rows").as_array().size(), 8u);
  EXPECT_EQ(scalar("SELECT count(*) FROM case_audit a JOIN cases c ON c.id = a.case_id"
                   " WHERE c.number = $1 AND a.event = 'archive' AND a.to_state = 'Archived'",
                   number),
            1);

  std::string out;
  EXPECT_EQ(server->cli("archive verify " + package.string(), &out), 0) << out;
  EXPECT_NE(out.find("校验通过"), std::string::npos) << out;

  // One byte of the material file flipped: refused, naming the file.
  const fs::path file = package / upload_path;
  EXPECT_EQ(ow::testing::verify_with_one_byte_changed(*server, package, file, 20, &out), 1) << out;
  EXPECT_NE(out.find("SHA-256 与清单不符"), std::string::npos) << out;
  EXPECT_EQ(server->cli("archive verify " + package.string(), &out), 0) << out;

  // An audit row of the manifest rewritten (and the manifest's own hash recomputed to match): the chain breaks.
  json::object edited = manifest;
  edited["audit"].as_object()["rows"].as_array().at(1).as_object()["actor"] = "user:999";
  const std::string edited_text = json::serialize(edited);
  std::ofstream(package / "manifest.json", std::ios::trunc) << edited_text;
  EXPECT_EQ(server->cli("archive verify " + package.string(), &out), 1) << out;
  EXPECT_NE(out.find("manifest.json.sha256 不符"), std::string::npos) << out;
  EXPECT_NE(out.find("与哈希链不符"), std::string::npos) << out;
}
