// The personal-data rule as a table: each kind of viewer against one case, and the masks.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "services/casework/personal_data.hpp"

namespace {

using ow::casework::applicant_for;
using ow::casework::CaseSight;
using ow::casework::mask_name;
using ow::casework::personal_data_access;
using ow::casework::phone_for;
using ow::platform::Actor;
using ow::platform::Role;
namespace json = boost::json;

Actor actor(Role role, std::int64_t id, std::string region, std::optional<std::string> hall = std::nullopt,
            std::optional<std::string> department = std::nullopt) {
  Actor a;
  a.role = role;
  a.user_id = id;
  a.login = "u" + std::to_string(id);
  a.region_code = std::move(region);
  a.hall_code = hall;
  if (hall) a.window_code = "W01";
  a.department_code = std::move(department);
  return a;
}

ow::store::TaskRow task(std::string department, std::string state, std::optional<std::int64_t> assignee) {
  ow::store::TaskRow t;
  t.department_code = std::move(department);
  t.state = std::move(state);
  t.assignee_id = assignee;
  return t;
}

// A case of 西湖区 (330106) accepted at hall XH01: 卫健 (WJ) works the first step, held by user 20 while
// received; 公安 (GA) waits for it.
struct World {
  ow::store::CaseRow c;
  std::vector<ow::store::TaskRow> tasks;
  World() {
    c.number = "330106202611230000011";
    c.region_code = "330106";
    c.hall_code = "XH01";
    tasks = {task("WJ", "Received", 20), task("GA", "Waiting", std::nullopt)};
  }
};

TEST(PersonalData, RuleTable) {
  const World w;
  struct Row {
    const char* who;
    Actor viewer;
    CaseSight expected;
  };
  const Row table[] = {
      {"clerk of the case's hall", actor(Role::clerk, 1, "330106", "XH01"), CaseSight::full},
      {"clerk of another hall, same district", actor(Role::clerk, 2, "330106", "XH02"), CaseSight::masked},
      {"clerk of another district", actor(Role::clerk, 3, "330102", "SC01"), CaseSight::hidden},
      {"approver holding the case's task", actor(Role::approver, 20, "330106", std::nullopt, "WJ"), CaseSight::full},
      {"approver of the department, not holding", actor(Role::approver, 21, "330106", std::nullopt, "WJ"),
       CaseSight::masked},
      {"approver of a department waiting for its step", actor(Role::approver, 30, "330106", std::nullopt, "GA"),
       CaseSight::masked},
      {"approver of a department with no task", actor(Role::approver, 40, "330106", std::nullopt, "SCJG"),
       CaseSight::hidden},
      {"approver of the department, another district", actor(Role::approver, 50, "330102", std::nullopt, "WJ"),
       CaseSight::hidden},
      {"city supervisor", actor(Role::supervisor, 60, "330100"), CaseSight::masked},
      {"supervisor of another city", actor(Role::supervisor, 61, "330200"), CaseSight::hidden},
      {"admin", actor(Role::admin, 70, "330100"), CaseSight::refused},
      {"auditor", actor(Role::auditor, 80, "330100"), CaseSight::refused},
      {"department system", actor(Role::department_system, 0, "", std::nullopt, "WJ"), CaseSight::refused},
  };
  for (const auto& row : table)
    EXPECT_EQ(ow::casework::to_string(personal_data_access(row.viewer, w.c, w.tasks)),
              ow::casework::to_string(row.expected))
        << row.who;
}

TEST(PersonalData, HoldingMeansClaimedAndNotFinished) {
  World w;
  const Actor holder = actor(Role::approver, 20, "330106", std::nullopt, "WJ");
  w.tasks[0].state = "SupplementRequested";  // still the holder's while the applicant brings materials
  EXPECT_EQ(personal_data_access(holder, w.c, w.tasks), CaseSight::full);
  for (const char* done : {"Approved", "Rejected", "Cancelled"}) {
    w.tasks[0].state = done;
    EXPECT_EQ(personal_data_access(holder, w.c, w.tasks), CaseSight::masked) << done;
  }
  w.tasks[0].state = "Received";
  w.tasks[0].assignee_id = 21;  // transferred to a colleague
  EXPECT_EQ(personal_data_access(holder, w.c, w.tasks), CaseSight::masked);
}

TEST(PersonalData, CaseWithoutHallIsNoClerksOwn) {
  World w;
  w.c.hall_code.reset();
  w.c.state = "InProgress";
  EXPECT_EQ(personal_data_access(actor(Role::clerk, 1, "330106", "XH01"), w.c, w.tasks), CaseSight::masked);
}

// An applicant's own submission waiting for pre-review (no hall yet): the region's clerks pre-review it and see
// what was handed in; a clerk of another region does not see it at all, a supervisor sees it masked.
TEST(PersonalData, ASubmissionAwaitingPreReviewIsTheRegionsClerks) {
  World w;
  w.c.hall_code.reset();
  w.c.state = "Submitted";
  w.tasks.clear();
  EXPECT_EQ(personal_data_access(actor(Role::clerk, 1, "330106", "XH02"), w.c, w.tasks), CaseSight::full);
  EXPECT_EQ(personal_data_access(actor(Role::clerk, 2, "330108", "BJ01"), w.c, w.tasks), CaseSight::hidden);
  EXPECT_EQ(personal_data_access(actor(Role::supervisor, 3, "330106"), w.c, w.tasks), CaseSight::masked);
  w.c.hall_code = "XH01";  // the pre-review decision gave it to XH01: now that hall's alone
  EXPECT_EQ(personal_data_access(actor(Role::clerk, 1, "330106", "XH02"), w.c, w.tasks), CaseSight::masked);
}

TEST(PersonalData, NameMasks) {
  EXPECT_EQ(mask_name("张三明"), "张*明");
  EXPECT_EQ(mask_name("张三"), "张*");
  EXPECT_EQ(mask_name("欧阳娜娜"), "欧**娜");
  EXPECT_EQ(mask_name("李"), "*");
  EXPECT_EQ(mask_name(""), "");
  EXPECT_EQ(mask_name("John Smith"), "J********h");
}

TEST(PersonalData, ApplicantMasks) {
  const json::object person{{"kind", "person"}, {"name", "张三明"}, {"id_number", "33010619491231002X"}};
  EXPECT_EQ(applicant_for(person, CaseSight::full), person);
  const json::object masked = applicant_for(person, CaseSight::masked);
  EXPECT_EQ(masked.at("name").as_string(), "张*明");
  EXPECT_EQ(masked.at("id_number").as_string(), "330***********002X");
  EXPECT_EQ(masked.at("kind").as_string(), "person");

  // An enterprise's name and credit code are public registration data; the clerk's free-text reason is not shown.
  const json::object firm{{"kind", "enterprise"},
                          {"name", "杭州一窗科技有限公司"},
                          {"credit_code", "91110000802100433B"},
                          {"credit_code_override_reason", "核实营业执照原件"}};
  const json::object f = applicant_for(firm, CaseSight::masked);
  EXPECT_EQ(f.at("name").as_string(), "杭州一窗科技有限公司");
  EXPECT_EQ(f.at("credit_code").as_string(), "91110000802100433B");
  EXPECT_FALSE(f.contains("credit_code_override_reason"));

  EXPECT_EQ(phone_for("13812345678", CaseSight::masked), "138****5678");
  EXPECT_EQ(phone_for("13812345678", CaseSight::full), "13812345678");
  EXPECT_EQ(phone_for("0571-8765432", CaseSight::masked), "057*****5432");
}

}  // namespace
