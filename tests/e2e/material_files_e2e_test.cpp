// Materials as files against the running binary: the clerk uploads scans to a case's material; bytes that are
// not a PDF, JPEG or PNG are refused whatever the name says (415); a file over the per-file or per-case limit
// gets 413 problem+json; the same bytes uploaded twice are stored once; an approver holding the case's task
// views a file, and the view is in the personal-data access record.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <map>
#include <pqxx/pqxx>

#include "tests/support/fixtures.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/server_process.hpp"

using ow::testing::http_request;
using ow::testing::HttpResult;
namespace json = boost::json;

namespace {

// A two-page PDF (hand-made, enough for the type and the page count).
const std::string& kPdf = ow::testing::two_page_pdf();

class MaterialFilesE2E : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server = new ow::testing::ServerProcess("e2e_files", {{"OW_CALENDAR_WEEKDAY_FALLBACK", "true"},
                                                          {"OW_FILES_MAX_FILE_BYTES", "3000000"},
                                                          {"OW_FILES_MAX_CASE_BYTES", "5000000"}});
    std::string out;
    ASSERT_EQ(server->cli("catalog load", &out), 0) << out;
    for (const char* u : {"clerk1 --name 窗口一 --role clerk --region 330106 --hall XH01 --window W01",
                          "clerk2 --name 窗口二 --role clerk --region 330106 --hall XH02 --window W01",
                          "wj1 --name 卫健一 --role approver --region 330106 --department WJ",
                          "sup1 --name 区督查 --role supervisor --region 330106"})
      ASSERT_EQ(server->cli(std::string("user add ") + u + " --password-stdin", nullptr, "password-123"), 0) << u;
    for (const char* u : {"clerk1", "clerk2", "wj1", "sup1"}) tokens[u] = server->login(u, "password-123");
  }
  static void TearDownTestSuite() {
    EXPECT_EQ(server->terminate(), 0);
    delete server;
  }
  static HttpResult call(const std::string& who, const std::string& method, const std::string& target,
                         const std::string& body = {}, std::map<std::string, std::string> h = {}) {
    h["Authorization"] = "Bearer " + tokens[who];
    return http_request(server->port(), method, target, body, h);
  }
  static json::object obj(const HttpResult& r) { return json::parse(r.body).as_object(); }
  static HttpResult upload(const std::string& number, const std::string& bytes, const std::string& name,
                           const std::string& who = "clerk1") {
    return call(who, "POST", "/api/v1/cases/" + number + "/materials/household_register/files?name=" + name, bytes,
                {{"Content-Type", "application/pdf"}});
  }
  static std::string accept_birth_case(const std::string& key) {
    auto r = call("clerk1", "POST", "/api/v1/cases", json::serialize(ow::testing::birth_application()),
                  {{"Idempotency-Key", key}});
    EXPECT_EQ(r.status, 201) << r.body;
    return std::string(obj(r).at("number").as_string());
  }
  static std::int64_t scalar(const std::string& sql, const std::string& arg) {
    pqxx::connection c(server->db_url());
    pqxx::read_transaction tx(c);
    return tx.exec_params1(sql, arg)[0].as<std::int64_t>();
  }

  static ow::testing::ServerProcess* server;
  static std::map<std::string, std::string> tokens;
};
ow::testing::ServerProcess* MaterialFilesE2E::server = nullptr;
std::map<std::string, std::string> MaterialFilesE2E::tokens;

}  // namespace

TEST_F(MaterialFilesE2E, APdfIsStoredWithItsPagesAndTheSameBytesOnlyOnce) {
  const std::string number = accept_birth_case("files-1");
  auto first = upload(number, kPdf, "%E6%88%B7%E5%8F%A3%E7%B0%BF.pdf");
  ASSERT_EQ(first.status, 201) << first.body;
  const auto f = obj(first);
  EXPECT_EQ(f.at("media_type").as_string(), "application/pdf");
  EXPECT_EQ(f.at("pages").as_int64(), 2);
  EXPECT_EQ(f.at("file_name").as_string(), "户口簿.pdf");
  EXPECT_EQ(f.at("size_bytes").as_int64(), static_cast<std::int64_t>(kPdf.size()));
  EXPECT_FALSE(f.at("stored_before").as_bool());
  const std::string sha(f.at("sha256").as_string());

  auto second = upload(number, kPdf, "copy.pdf");
  ASSERT_EQ(second.status, 201) << second.body;
  EXPECT_TRUE(obj(second).at("stored_before").as_bool());
  EXPECT_EQ(obj(second).at("sha256").as_string(), sha);
  EXPECT_EQ(scalar("SELECT count(*) FROM file_blobs WHERE sha256 = $1", sha), 1);
  EXPECT_EQ(scalar("SELECT count(*) FROM file_blobs WHERE sha256 IS NULL AND $1 <> ''", sha), 0);  // no staged left
  EXPECT_EQ(scalar("SELECT count(*) FROM case_material_files WHERE case_number = $1 AND source = 'upload'", number), 2);

  // A PNG larger than one chunk (256 KiB): stored in two chunk rows and read back whole.
  std::string png("\x89PNG\r\n\x1a\n", 8);
  for (int i = 0; png.size() < 300000; ++i) png.push_back(static_cast<char>(i * 7));
  auto big = upload(number, png, "photo.png");
  ASSERT_EQ(big.status, 201) << big.body;
  EXPECT_EQ(obj(big).at("media_type").as_string(), "image/png");
  EXPECT_EQ(scalar("SELECT count(*) FROM file_chunks c JOIN file_blobs b ON b.id = c.blob_id WHERE b.sha256 = $1",
                   std::string(obj(big).at("sha256").as_string())),
            2);
  auto back = call("clerk1", "GET", std::string(obj(big).at("url").as_string()));
  ASSERT_EQ(back.status, 200);
  EXPECT_EQ(back.body, png);
  // The three uploads, and the documents of the two e-licence materials the library gave at intake.
  std::map<std::string, int> by_source;
  const json::object listed = obj(call("clerk1", "GET", "/api/v1/cases/" + number + "/files"));
  for (const auto& item : listed.at("items").as_array()) ++by_source[std::string(item.at("source").as_string())];
  EXPECT_EQ(by_source, (std::map<std::string, int>{{"elicense", 2}, {"upload", 3}}));
}

TEST_F(MaterialFilesE2E, AnExecutableNamedPdfIsRefused) {
  const std::string number = accept_birth_case("files-2");
  const std::string elf = std::string(
                              "\x7f"
                              "ELF\x02\x01\x01",
                              7) +
                          std::string(200, '\0');
  const std::string exe = "MZ\x90" + std::string(200, 'x');
  for (const auto& bytes : {elf, exe}) {
    auto r = upload(number, bytes, "scan.pdf");
    ASSERT_EQ(r.status, 415) << r.body;
    EXPECT_EQ(obj(r).at("code").as_string(), "unsupported_file_type");
    EXPECT_EQ(obj(r).at("field").as_string(), "file");
    EXPECT_NE(r.headers["content-type"].find("problem+json"), std::string::npos);
  }
  EXPECT_EQ(upload(number, "", "empty.pdf").status, 415);
  EXPECT_EQ(scalar("SELECT count(*) FROM case_material_files WHERE case_number = $1 AND source = 'upload'", number), 0);
  EXPECT_EQ(scalar("SELECT count(*) FROM file_blobs WHERE sha256 IS NULL AND $1 <> ''", number), 0);
}

TEST_F(MaterialFilesE2E, OversizeIsRefusedWith413) {
  const std::string number = accept_birth_case("files-3");
  // One byte over the per-file limit (3 000 000 bytes): the transport lets it through, the service refuses it.
  std::string big = "%PDF-1.4\n" + std::string(3000001 - 9, 'a');
  auto r = upload(number, big, "big.pdf");
  ASSERT_EQ(r.status, 413) << r.body;
  EXPECT_EQ(obj(r).at("code").as_string(), "file_too_large");
  // Far over it: the transport answers 413 from the Content-Length and closes without reading the body, so a
  // client still sending may see the connection reset before it reads the answer (status 0 here).
  auto far = upload(number, big + std::string(100000, 'b'), "bigger.pdf");
  if (far.status != 0) {
    ASSERT_EQ(far.status, 413) << far.body;
    EXPECT_EQ(obj(far).at("code").as_string(), "payload_too_large");
  }
  EXPECT_EQ(scalar("SELECT count(*) FROM case_material_files WHERE case_number = $1 AND source = 'upload'", number), 0);
  // The per-case limit (5 000 000 bytes): two files of 2 MB fit, the third does not.
  for (char c : {'x', 'y'}) ASSERT_EQ(upload(number, "%PDF-1.4\n" + std::string(2000000, c), "ok.pdf").status, 201);
  auto third = upload(number, "%PDF-1.4\n" + std::string(2000000, 'z'), "third.pdf");
  ASSERT_EQ(third.status, 413) << third.body;
  EXPECT_EQ(obj(third).at("code").as_string(), "case_files_too_large");
  EXPECT_EQ(scalar("SELECT count(*) FROM case_material_files WHERE case_number = $1 AND source = 'upload'", number), 2);
}

TEST_F(MaterialFilesE2E, AnApproverHoldingTheTaskViewsAFileAndTheViewIsRecorded) {
  const std::string number = accept_birth_case("files-4");
  auto up = upload(number, kPdf, "register.pdf");
  ASSERT_EQ(up.status, 201) << up.body;
  const std::string url(obj(up).at("url").as_string());
  // Not the clerk of another hall, not the supervisor, not the approver before claiming: the file is personal data.
  EXPECT_EQ(upload(number, kPdf, "x.pdf", "clerk2").status, 404);
  EXPECT_EQ(call("clerk2", "GET", url).status, 403);
  EXPECT_EQ(call("sup1", "GET", url).status, 403);
  EXPECT_EQ(call("wj1", "GET", url).status, 403);
  std::int64_t task = 0;
  const json::object inbox = obj(call("wj1", "GET", "/api/v1/tasks"));
  for (const auto& t : inbox.at("items").as_array())
    if (t.at("number").as_string() == number) task = t.at("id").as_int64();
  ASSERT_NE(task, 0);
  ASSERT_EQ(call("wj1", "POST", "/api/v1/tasks/" + std::to_string(task) + "/claim", "{}").status, 200);
  auto seen = call("wj1", "GET", url, {}, {{"X-Request-Id", "file-view-wj1"}});
  ASSERT_EQ(seen.status, 200) << seen.body;
  EXPECT_EQ(seen.body, kPdf);
  EXPECT_EQ(seen.headers["content-type"], "application/pdf");
  EXPECT_EQ(scalar("SELECT count(*) FROM pii_access WHERE actor_login = 'wj1' AND request_id = 'file-view-wj1'"
                   " AND route = 'GET /api/v1/cases/{number}/files/{id}' AND case_number = $1",
                   number),
            1);
}
