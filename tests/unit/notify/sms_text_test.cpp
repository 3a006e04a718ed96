// SMS notices (issue 20): templates and their check, Chinese dates, the ID-number guard, which decisions call
// for which notice, and the texts the default templates (config) give — the case number in them, never the
// applicant's ID number.
#include <gtest/gtest.h>

#include "services/casework/sms_notices.hpp"
#include "services/platform/config.hpp"
#include "workflow/notify/sms_notices.hpp"
#include "workflow/notify/sms_text.hpp"

namespace {

using namespace ow;
using machines::CaseState;

const std::string kId = "330106199001011234";
const std::string kNumber = "330106202611280000011";

casework::SmsNoticeSettings default_settings() {
  platform::Config config(".");
  casework::SmsNoticeSettings s;
  s.signature = config.text("sms.signature");
  for (const auto& kind : casework::sms_kinds()) s.templates[kind] = config.text("sms.template_" + kind);
  return s;
}

store::CaseRow a_case() {
  store::CaseRow c;
  c.id = 7;
  c.number = kNumber;
  c.bundle_code = "CSYJS";
  c.hall_code = "XH01";
  c.applicant = R"({"kind":"person","name":"王芳","id_number":")" + kId + R"("})";
  c.phone = "13800001234";
  c.committed_due_at = "2026-12-03T17:30:00+08:00";
  return c;
}

catalog::Catalog a_catalog() {
  catalog::Catalog cat;
  cat.bundles["CSYJS"].name = "出生一件事";
  cat.halls["XH01"].name = "西湖区行政服务中心";
  cat.materials["birth_certificate"].name = "出生医学证明";
  cat.materials["household_register"].name = "户口簿";
  return cat;
}

calendar::Instant at(int y, unsigned m, unsigned d) { return calendar::cst_instant(calendar::make_date(y, m, d), 36000); }

TEST(SmsText, RendersPlaceholdersAndRefusesUnknownOnes) {
  EXPECT_EQ(notify::render_sms("办件{case_number}，{bundle}", {{"case_number", "1"}, {"bundle", "出生一件事"}}),
            "办件1，出生一件事");
  EXPECT_EQ(notify::render_sms("{hall}", {}), "");  // a value not given is empty
  EXPECT_EQ(notify::check_sms_template(""), "the template is empty");
  EXPECT_NE(notify::check_sms_template("身份证{id_number}").find("unknown placeholder {id_number}"), std::string::npos);
  EXPECT_FALSE(notify::check_sms_template("办件{case_number").empty());
  EXPECT_FALSE(notify::check_sms_template("办件}").empty());
  EXPECT_THROW(notify::render_sms("{name}", {}), std::invalid_argument);
}

TEST(SmsText, DatesAreWrittenInChinese) {
  EXPECT_EQ(notify::chinese_date(calendar::make_date(2026, 11, 28)), "2026年11月28日");
  EXPECT_EQ(notify::chinese_date(calendar::make_date(2027, 1, 5)), "2027年1月5日");
}

TEST(SmsText, IdNumbersAreMaskedWhereverTheyAppear) {
  EXPECT_EQ(notify::mask_id_numbers("证件" + kId + "已核验", {}), "证件330***********1234已核验");
  EXPECT_EQ(notify::mask_id_numbers("x" + kId + "y", {kId}), "x330***********1234y");  // known: even inside a word
  EXPECT_EQ(notify::mask_id_numbers("11010519491231002X", {}), "110***********002X");
  // A case number (21 characters) and a tracking number are no ID numbers.
  EXPECT_EQ(notify::mask_id_numbers("办件编号" + kNumber, {}), "办件编号" + kNumber);
  EXPECT_EQ(notify::mask_id_numbers("快递单号SF1234567890123", {}), "快递单号SF1234567890123");
}

TEST(SmsNotices, EachDecisionCallsForItsNotice) {
  flow::CaseRecord before;
  before.state = CaseState::Submitted;
  flow::Decision d;
  d.after.state = CaseState::InProgress;
  auto n = notify::sms_notices(before, d);
  ASSERT_EQ(n.size(), 1u);
  EXPECT_EQ(n[0].kind, "accepted");

  d = {};
  d.after.state = CaseState::AwaitingSupplement;
  d.audit.push_back({"case", "request_supplement", "Submitted", "AwaitingSupplement", "clerk1", 0,
                     "birth_certificate,household_register"});
  n = notify::sms_notices(before, d);
  ASSERT_EQ(n.size(), 1u);
  EXPECT_EQ(n[0].kind, "supplement");
  EXPECT_EQ(n[0].materials, (std::vector<std::string>{"birth_certificate", "household_register"}));

  // A department's request: once, when it is new.
  before.state = CaseState::InProgress;
  before.tasks.push_back({});
  before.tasks[0].step = "register";
  d = {};
  d.after = before;
  d.after.state = CaseState::Suspended;
  d.after.tasks[0].supplement = flow::SupplementRequest{{"household_register"}, "复印件不清晰", 100, std::nullopt};
  n = notify::sms_notices(before, d);
  ASSERT_EQ(n.size(), 1u);
  EXPECT_EQ(n[0].materials, std::vector<std::string>{"household_register"});
  EXPECT_TRUE(notify::sms_notices(d.after, d).empty());

  before.state = CaseState::InProgress;
  before.tasks.clear();
  d = {};
  d.after.state = CaseState::ResultReady;
  n = notify::sms_notices(before, d);
  ASSERT_EQ(n.size(), 1u);
  EXPECT_EQ(n[0].kind, "result_ready");

  before.state = CaseState::ResultReady;
  d = {};
  d.after.state = CaseState::Concluded;
  d.delivery = flow::Delivery{"window", "", "clerk1", 0};
  EXPECT_TRUE(notify::sms_notices(before, d).empty());  // handed over at the counter: nothing to tell
  d.delivery = flow::Delivery{"post", "SF1234567890123", "clerk1", 0};
  n = notify::sms_notices(before, d);
  ASSERT_EQ(n.size(), 1u);
  EXPECT_EQ(n[0].kind, "delivered");
  EXPECT_EQ(n[0].tracking_number, "SF1234567890123");
}

TEST(SmsNotices, DefaultTemplatesGiveChineseTextsWithTheCaseNumberAndNoIdNumber) {
  const auto s = default_settings();
  EXPECT_NO_THROW(casework::check_sms_settings(s));
  const auto cat = a_catalog();
  const auto c = a_case();
  const auto text = [&](notify::SmsNotice n) { return casework::sms_text(s, c, &cat, n, at(2026, 11, 28)); };
  EXPECT_EQ(text({"accepted", {}, std::nullopt, {}, {}, {}}),
            "【政务服务】您申请的出生一件事已于2026年11月28日受理，办件编号" + kNumber +
                "，承诺2026年12月3日前办结。可凭受理回执上的办件编号和查询码查询办理进度。");
  EXPECT_EQ(text({"supplement", {"birth_certificate", "household_register"}, std::nullopt, {}, {}, {}}),
            "【政务服务】您申请的出生一件事（办件编号" + kNumber +
                "）需补正以下材料：出生医学证明、户口簿。请一次性补齐后在网上提交或送至西湖区行政服务中心，"
                "补正期间不计入办理时限。");
  EXPECT_NE(text({"result_ready", {}, std::nullopt, {}, {}, {}}).find("已办结，结果可领取"), std::string::npos);
  EXPECT_NE(text({"delivered", {}, std::nullopt, "post", "SF1234567890123", {}}).find(
                "已于2026年11月28日通过邮寄送出，快递单号SF1234567890123"),
            std::string::npos);
  EXPECT_NE(text({"followup", {}, std::nullopt, {}, {}, "2026年12月1日"}).find("将于2026年12月1日前致电您"),
            std::string::npos);
  for (const auto& kind : casework::sms_kinds()) {
    const auto t = text({kind, {"birth_certificate"}, std::nullopt, "post", "1", {}});
    EXPECT_NE(t.find(kNumber), std::string::npos) << kind;
    EXPECT_EQ(t.find(kId), std::string::npos) << kind;
    EXPECT_EQ(t.find("19900101"), std::string::npos) << kind;  // not even the birth date part
  }
}

TEST(SmsNotices, AnIdNumberThatReachesATextIsMasked) {
  // A hall's template cannot name the ID number ({id_number} is refused at start); should one reach a text
  // anyway (here a bundle code made of it), the applicant's number is masked.
  auto s = default_settings();
  auto c = a_case();
  c.bundle_code = kId;
  const auto t = casework::sms_text(s, c, nullptr, {"accepted", {}, std::nullopt, {}, {}, {}}, at(2026, 11, 28));
  EXPECT_EQ(t.find(kId), std::string::npos);
  EXPECT_NE(t.find("330***********1234"), std::string::npos);
  s.templates["accepted"] = "证件号{id_number}";
  EXPECT_THROW(casework::check_sms_settings(s), std::invalid_argument);
}

TEST(SmsNotices, OnlyMainlandMobileNumbersGetMessages) {
  EXPECT_EQ(casework::mobile_number("13800001234"), "13800001234");
  EXPECT_EQ(casework::mobile_number("+86 138-0000-1234"), "13800001234");
  EXPECT_EQ(casework::mobile_number("0571-87654321"), "");
  EXPECT_EQ(casework::mobile_number(""), "");
  EXPECT_EQ(casework::mobile_number("12800001234"), "");
}

}  // namespace
