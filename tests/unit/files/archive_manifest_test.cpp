// The archive package's manifest (services/archive/archive_manifest.hpp): the case's metadata, the files with
// their hashes, each task's decision with the legal basis of its item, and the audit rows with their chain.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "services/archive/archive_manifest.hpp"

namespace json = boost::json;
using ow::archive::build_manifest;
using ow::archive::ManifestInput;
using ow::store::audit_chain::ChainRow;

namespace {

ManifestInput birth_case(const ow::catalog::Catalog& catalog) {
  ManifestInput in;
  in.catalog = &catalog;
  in.case_row.id = 12;
  in.case_row.number = "330106202611280000011";
  in.case_row.bundle_code = "CSYJS";
  in.case_row.state = "Concluded";
  in.case_row.applicant = R"({"kind":"person","name":"张三"})";
  in.case_row.attributes = "{}";
  in.case_row.materials = R"([{"id":"household_register","form":"original"}])";
  in.case_row.decision = R"({"kind":"accept"})";
  in.case_row.delivery = R"({"method":"post","tracking_number":"SF1"})";
  ow::store::TaskRow t;
  t.step = "household";
  t.department_code = "GA";
  t.state = "Approved";
  t.opinion = "同意";
  in.tasks = {t};
  ChainRow accepted{1, 12, "case", "accept", "New", "InProgress", "user:3", "2026-11-28T02:00:00Z", "", ""};
  accepted.hash = ow::store::audit_chain::link("", accepted);
  ChainRow approved{2, 12, "household", "approve", "Received", "Approved", "department:GA", "2026-11-28T03:00:00Z",
                    "同意", ""};
  approved.hash = ow::store::audit_chain::link(accepted.hash, approved);
  in.audit = {accepted, approved};
  in.files = {{"files/7-household_register.pdf", std::string(64, 'c'), 321, {{"material", "household_register"}}}};
  in.documents = {{"documents/receipt.html", std::string(64, 'd'), 999, {{"kind", "receipt"}}}};
  in.archived_at = "2026-11-29T10:00:00+08:00";
  return in;
}

ow::catalog::Catalog birth_catalog() {
  ow::catalog::Catalog c;
  ow::catalog::ServiceItem item;
  item.name = "出生登记";
  item.kind = "行政确认";
  item.legal_basis = "《中华人民共和国户口登记条例》第七条";
  c.items["330106-GA-CSDJ"] = item;
  ow::catalog::Bundle b;
  b.code = "CSYJS";
  b.name = "出生一件事";
  ow::catalog::Step s;
  s.id = "household";
  s.item = "330106-GA-CSDJ";
  b.steps = {s};
  c.bundles["CSYJS"] = b;
  ow::catalog::Department ga;
  ga.code = "GA";
  ga.name = "杭州市公安局西湖区分局";
  c.departments["GA"] = ga;
  return c;
}

}  // namespace

TEST(ArchiveManifest, NamesTheCaseItsFilesAndDocumentsWithTheirHashes) {
  const auto catalog = birth_catalog();
  const auto m = build_manifest(birth_case(catalog));
  EXPECT_EQ(m.at("format").as_string(), "onewindow-archive-v1");
  EXPECT_EQ(m.at("case").at("number").as_string(), "330106202611280000011");
  EXPECT_EQ(m.at("case").at("bundle_name").as_string(), "出生一件事");
  EXPECT_EQ(m.at("case").at("applicant").at("name").as_string(), "张三");
  EXPECT_EQ(m.at("case").at("delivery").at("tracking_number").as_string(), "SF1");
  const auto& file = m.at("files").at(0).as_object();
  EXPECT_EQ(file.at("path").as_string(), "files/7-household_register.pdf");
  EXPECT_EQ(file.at("sha256").as_string(), std::string(64, 'c'));
  EXPECT_EQ(file.at("size_bytes").as_int64(), 321);
  EXPECT_EQ(file.at("material").as_string(), "household_register");
  EXPECT_EQ(m.at("documents").at(0).at("kind").as_string(), "receipt");
}

TEST(ArchiveManifest, EachDecisionCarriesItsLegalBasisAndWhoDecided) {
  const auto catalog = birth_catalog();
  const auto m = build_manifest(birth_case(catalog));
  EXPECT_EQ(m.at("decisions").at("window").at("decision").at("kind").as_string(), "accept");
  const auto& task = m.at("decisions").at("tasks").at(0).as_object();
  EXPECT_EQ(task.at("step").as_string(), "household");
  EXPECT_EQ(task.at("department_name").as_string(), "杭州市公安局西湖区分局");
  EXPECT_EQ(task.at("legal_basis").as_string(), "《中华人民共和国户口登记条例》第七条");
  EXPECT_EQ(task.at("item").at("name").as_string(), "出生登记");
  EXPECT_EQ(task.at("opinion").as_string(), "同意");
  ASSERT_EQ(task.at("decided").as_array().size(), 1u);
  EXPECT_EQ(task.at("decided").at(0).at("actor").as_string(), "department:GA");
  EXPECT_EQ(task.at("decided").at(0).at("audit_id").as_int64(), 2);
}

TEST(ArchiveManifest, TheAuditRowsKeepTheirChainAndItsHead) {
  const auto catalog = birth_catalog();
  const auto in = birth_case(catalog);
  const auto m = build_manifest(in);
  const auto& audit = m.at("audit").as_object();
  EXPECT_EQ(audit.at("case_id").as_int64(), 12);
  ASSERT_EQ(audit.at("rows").as_array().size(), 2u);
  EXPECT_EQ(audit.at("rows").at(0).at("hash").as_string(), ow::archive::to_hex(in.audit[0].hash));
  EXPECT_EQ(audit.at("rows").at(1).at("at_utc").as_string(), "2026-11-28T03:00:00Z");
  EXPECT_EQ(audit.at("head").as_string(), ow::archive::to_hex(in.audit[1].hash));
  EXPECT_EQ(ow::archive::to_hex(in.audit[1].hash).size(), 64u);
  // Without a catalog version the names and bases are unknown, not invented.
  auto bare = in;
  bare.catalog = nullptr;
  const auto plain = build_manifest(bare);
  EXPECT_TRUE(plain.at("decisions").at("tasks").at(0).at("legal_basis").is_null());
  EXPECT_TRUE(plain.at("case").at("bundle_name").is_null());
}
