// Material links (casework/file_links.hpp): a link made out for one department, case and file verifies until it
// expires; changing any of its parts, or the key, makes it forged; the push payload carries one link per file,
// signed for the task's department.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "services/casework/file_links.hpp"
#include "services/dispatcher/task_payload.hpp"

using ow::casework::FileLink;
using ow::casework::FileLinkSigner;
using ow::casework::LinkVerdict;

namespace {
const std::string kKey(64, 'k');
constexpr std::int64_t kNow = 1795000000;
}  // namespace

TEST(FileLinks, AnIssuedLinkVerifiesUntilItExpires) {
  const FileLinkSigner signer(kKey, 86400);
  const FileLink link = signer.issue("GA", "330106202611280000011", 42, kNow);
  EXPECT_EQ(link.expires, kNow + 86400);
  const std::string sig = signer.signature(link);
  EXPECT_EQ(sig.size(), 64u);
  EXPECT_EQ(signer.check(link, sig, kNow), LinkVerdict::valid);
  EXPECT_EQ(signer.check(link, sig, kNow + 86399), LinkVerdict::valid);
  EXPECT_EQ(signer.check(link, sig, kNow + 86400), LinkVerdict::expired);
}

TEST(FileLinks, ChangingAnyPartOrTheKeyMakesItForged) {
  const FileLinkSigner signer(kKey, 3600);
  const FileLink link = signer.issue("GA", "330106202611280000011", 42, kNow);
  const std::string sig = signer.signature(link);
  FileLink other_department = link, other_case = link, other_file = link, later = link;
  other_department.department = "SW";
  other_case.case_number = "330106202611280000020";
  other_file.file_id = 43;
  later.expires += 86400;  // a department stretching its own link
  for (const auto& l : {other_department, other_case, other_file, later})
    EXPECT_EQ(signer.check(l, sig, kNow), LinkVerdict::forged);
  std::string flipped = sig;
  flipped[0] = flipped[0] == 'a' ? 'b' : 'a';
  EXPECT_EQ(signer.check(link, flipped, kNow), LinkVerdict::forged);
  EXPECT_EQ(signer.check(link, "", kNow), LinkVerdict::forged);
  EXPECT_EQ(signer.check(link, sig.substr(0, 32), kNow), LinkVerdict::forged);
  const FileLinkSigner other_key(std::string(64, 'x'), 3600);
  EXPECT_EQ(other_key.check(link, sig, kNow), LinkVerdict::forged);
  EXPECT_THROW(FileLinkSigner("short", 3600), std::invalid_argument);
}

TEST(FileLinks, ThePathNamesEveryPartAndItsSignature) {
  const FileLinkSigner signer(kKey, 600);
  const FileLink link = signer.issue("WJ", "330106202611280000011", 7, kNow);
  EXPECT_EQ(signer.path(link), "/api/v1/departments/WJ/cases/330106202611280000011/files/7?expires=" +
                                   std::to_string(kNow + 600) + "&signature=" + signer.signature(link));
}

TEST(FileLinks, APushCarriesALinkPerFileSignedForTheTasksDepartment) {
  const FileLinkSigner signer(kKey, 600);
  ow::store::CaseRow c;
  c.number = "330106202611280000011";
  c.bundle_code = "CSYJS";
  c.applicant = R"({"kind":"person","name":"张三"})";
  c.attributes = "{}";
  c.materials = "[]";
  ow::store::TaskRow task;
  task.id = 5;
  task.step = "household";
  task.department_code = "GA";
  task.state = "Dispatching";
  ow::store::MaterialFileRow f;
  f.id = 9;
  f.case_number = c.number;
  f.material = "household_register";
  f.file_name = "户口簿.pdf";
  f.blob.sha256 = std::string(64, 'a');
  f.blob.media_type = "application/pdf";
  f.blob.size_bytes = 1234;
  const std::vector<ow::store::MaterialFileRow> files{f};
  const ow::dispatcher::MaterialLinks links{&signer, files, kNow};
  const auto payload = ow::dispatcher::task_payload(c, {task}, task, "dispatch", &links);
  const auto& items = payload.at("material_files").as_array();
  ASSERT_EQ(items.size(), 1u);
  const auto& item = items[0].as_object();
  EXPECT_EQ(item.at("material").as_string(), "household_register");
  EXPECT_EQ(item.at("sha256").as_string(), f.blob.sha256);
  EXPECT_EQ(item.at("size_bytes").as_int64(), 1234);
  EXPECT_EQ(item.at("url").as_string(), signer.path(signer.issue("GA", c.number, 9, kNow)));
  // Without a signer (and for a cancellation) no files are named.
  EXPECT_FALSE(ow::dispatcher::task_payload(c, {task}, task, "dispatch").contains("material_files"));
  EXPECT_FALSE(ow::dispatcher::task_payload(c, {task}, task, "cancel", &links).contains("material_files"));
}
