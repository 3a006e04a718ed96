// 12345 tickets against a real PostgreSQL: a signed ticket is stored once (a repeat answers the first answer,
// another body under the same id is refused), its applicant sealed; a bad signature or another system's key
// stores nothing; the handling clock is due at the close of the third working day and the timekeeper raises its
// warning and overdue alerts once each at those instants; an answer stops the clock and resolves them; the
// repeat-complaint and direct-answer rates match a count by hand.
#include <gtest/gtest.h>

#include <unistd.h>
#include <boost/json.hpp>
#include <pqxx/pqxx>

#include "adapters/department/signature.hpp"
#include "services/platform/problem.hpp"
#include "services/supervision/hotline_desk.hpp"
#include "services/acceptance/intake_request.hpp"
#include "services/supervision/inspection_desk.hpp"
#include "services/supervision/staff_evaluation.hpp"
#include "services/supervision/weekly_report.hpp"
#include "services/supervision/timekeeper.hpp"
#include "tests/support/case_world.hpp"
#include "tests/support/fixtures.hpp"

using namespace ow;
namespace json = boost::json;
using ow::testing::at;

namespace {

const char* kSecret = "it-hotline-secret";

struct World : ow::testing::CaseWorld {
  supervision::HotlineDesk desk{pool, catalog, time, clock, {"12345", std::string(kSecret)}};
  platform::Actor hotline, supervisor, rs, gd;

  World() : CaseWorld("it_hotline", at("2026-06-01T10:00:00")) {
    hotline.role = platform::Role::department_system;
    hotline.login = "12345";
    supervisor = ow::testing::staff(pool, "sup1", platform::Role::supervisor);
    rs = ow::testing::staff(pool, "rs1", platform::Role::approver, "RS");
    gd = ow::testing::staff(pool, "gd1", platform::Role::approver, "GD");
  }

  static json::object ticket(const std::string& id, const std::string& kind, const std::string& subject,
                             const std::string& received_at, const std::string& id_number = "330106199001011234") {
    return json::object{{"id", id},
                        {"kind", kind},
                        {"subject", subject},
                        {"received_at", received_at},
                        {"applicant", json::object{{"name", "王小明"}, {"phone", "13800001111"}, {"id_number", id_number}}},
                        {"hall", "XH01"},
                        {"window", "W01"},
                        {"department", "RS"}};
  }

  supervision::TicketAnswer send(const json::object& t, const std::string& secret = kSecret,
                                 const platform::Actor* caller = nullptr) {
    const std::string body = json::serialize(t), ts = std::to_string(std::time(nullptr));
    return desk.receive(caller ? *caller : hotline, {"", ts, adapters::sign(secret, ts, body), body});
  }

  std::int64_t count(const std::string& sql) {
    pqxx::connection db(url);
    pqxx::read_transaction tx(db);
    return tx.exec1(sql)[0].as<std::int64_t>();
  }
};

int status_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const platform::Problem& p) {
    return static_cast<int>(p.status());
  }
  return 0;
}

TEST(Hotline, ATicketIsStoredOnceAndItsApplicantSealed) {
  World w;
  auto first = w.send(World::ticket("RX-1", "投诉", "窗口排队时间长", "2026-06-01T10:00:00+08:00"));
  EXPECT_EQ(first.status, 201u);
  EXPECT_EQ(first.body.at("kind_label").as_string(), "投诉");
  EXPECT_EQ(first.body.at("region").as_string(), "330106");
  EXPECT_EQ(first.body.at("department_name").as_string(), "西湖区人力资源和社会保障局");
  EXPECT_EQ(first.body.at("due_at").as_string(), "2026-06-04T17:30:00+08:00");  // 3 working days after Monday
  EXPECT_EQ(first.body.at("clock").at("state").as_string(), "running");
  EXPECT_FALSE(json::serialize(first.body).find("王小明") != std::string::npos);  // no personal data in the view

  auto again = w.send(World::ticket("RX-1", "投诉", "窗口排队时间长", "2026-06-01T10:00:00+08:00"));
  EXPECT_EQ(again.status, 200u);
  EXPECT_TRUE(again.replayed);
  EXPECT_EQ(again.body.at("id").as_int64(), first.body.at("id").as_int64());
  EXPECT_EQ(status_of([&] { w.send(World::ticket("RX-1", "咨询", "另一件事", "2026-06-01T10:00:00+08:00")); }), 422);
  EXPECT_EQ(w.count("SELECT count(*) FROM hotline_tickets"), 1);
  EXPECT_EQ(w.count("SELECT count(*) FROM hotline_tickets WHERE applicant_sealed LIKE '%王小明%' OR "
                    "applicant_sealed LIKE '%13800001111%' OR applicant_sealed LIKE '%330106199001011234%'"),
            0);
}

TEST(Hotline, AnUnsignedOrForeignTicketIsRefusedAndNothingStored) {
  World w;
  const auto t = World::ticket("RX-2", "投诉", "态度差", "2026-06-01T10:00:00+08:00");
  EXPECT_EQ(status_of([&] { w.send(t, "wrong-secret"); }), 401);
  platform::Actor scjg = w.hotline;
  scjg.login = "SCJG";  // a department's key, even with the hotline's secret
  EXPECT_EQ(status_of([&] { w.send(t, kSecret, &scjg); }), 401);
  const std::string body = json::serialize(t), old = std::to_string(std::time(nullptr) - 600);
  EXPECT_EQ(status_of([&] { w.desk.receive(w.hotline, {"", old, adapters::sign(kSecret, old, body), body}); }), 401);
  EXPECT_EQ(w.count("SELECT count(*) FROM hotline_tickets"), 0);
  auto bad = t;
  bad["kind"] = "表扬";
  EXPECT_EQ(status_of([&] { w.send(bad); }), 400);
  bad = t;
  bad["hall"] = "NOPE";
  EXPECT_EQ(status_of([&] { w.send(bad); }), 422);
}

TEST(Hotline, TheClockWarnsAndFallsOverdueOnceAtItsInstantsAndAnAnswerStopsIt) {
  World w;
  auto t = w.send(World::ticket("RX-3", "求助", "材料不会填", "2026-06-01T10:00:00+08:00")).body;
  const auto id = t.at("id").as_int64();
  const auto due = calendar::parse_instant(t.at("due_at").as_string());
  const auto warn = calendar::parse_instant(t.at("warn_at").as_string());
  EXPECT_EQ(t.at("warn_at").as_string(), "2026-06-03T17:30:00+08:00");  // one working day left
  supervision::Timekeeper tk(w.pool, nullptr);
  const std::string alerts = "SELECT count(*) FROM alerts WHERE ticket_id = " + std::to_string(id);
  EXPECT_EQ(tk.scan(warn - 1), 0);
  EXPECT_EQ(tk.scan(warn), 1);
  EXPECT_EQ(w.count(alerts + " AND kind = 'ticket_warning' AND level = 'yellow'"), 1);
  EXPECT_EQ(tk.scan(due - 1), 0);
  EXPECT_EQ(tk.scan(due), 1);
  EXPECT_EQ(tk.scan(due + 3600), 0);  // once
  EXPECT_EQ(w.count(alerts + " AND kind = 'ticket_overdue' AND level = 'red' AND resolved_at IS NULL"), 1);
  EXPECT_EQ(w.count(alerts + " AND region_code = '330106' AND department_code = 'RS' AND hall_code = 'XH01'"), 2);

  // 人社's approver may answer it, 供电's may not (404: not theirs); the supervisor could too.
  w.now = due + 7200;
  EXPECT_EQ(status_of([&] { w.desk.answer(w.gd, id, json::object{{"answer", "已处理"}, {"direct", false}}); }), 404);
  auto answered = w.desk.answer(w.rs, id, json::object{{"answer", "已电话指导填写"}, {"direct", false}});
  EXPECT_EQ(answered.at("clock").at("state").as_string(), "answered_late");
  EXPECT_EQ(answered.at("answered_by").as_string(), "rs1");
  EXPECT_EQ(status_of([&] { w.desk.answer(w.supervisor, id, json::object{{"answer", "再答"}, {"direct", true}}); }),
            409);
  EXPECT_EQ(w.count(alerts + " AND resolved_at IS NULL"), 0);
  EXPECT_EQ(w.count("SELECT count(*) FROM hotline_tickets WHERE next_check_at IS NOT NULL"), 0);
}

TEST(Hotline, RepeatComplaintAndDirectAnswerRatesMatchACountByHand) {
  World w;
  const std::string a = "330106199001011234", b = "330106198502023456";
  // A complains of 排队 on 1 June, again on 10 June (a repeat: 9 days), and on 15 July (35 days after the last:
  // not a repeat); B complains of 排队 on 2 June (another applicant); A asks about 排队 on 3 June (a
  // consultation); A complains of 态度 on 5 June (another subject).
  std::vector<std::int64_t> ids;
  for (const auto& [id, kind, subject, at, who] :
       std::vector<std::tuple<std::string, std::string, std::string, std::string, std::string>>{
           {"R1", "投诉", "排队", "2026-06-01T10:00:00+08:00", a},
           {"R2", "投诉", "排队", "2026-06-10T10:00:00+08:00", a},
           {"R3", "投诉", "排队", "2026-07-15T10:00:00+08:00", a},
           {"R4", "complaint", "排队", "2026-06-02T10:00:00+08:00", b},
           {"R5", "咨询", "排队", "2026-06-03T10:00:00+08:00", a},
           {"R6", "投诉", "态度", "2026-06-05T10:00:00+08:00", a}})
    ids.push_back(w.send(World::ticket(id, kind, subject, at, who)).body.at("id").as_int64());
  // Answers: R1 and R4 directly, R5 not; the others open.
  w.now = at("2026-07-20T10:00:00");
  w.desk.answer(w.supervisor, ids[0], json::object{{"answer", "当场解释"}, {"direct", true}});
  w.desk.answer(w.supervisor, ids[3], json::object{{"answer", "当场解释"}, {"direct", true}});
  w.desk.answer(w.supervisor, ids[4], json::object{{"answer", "转部门办理后答复"}, {"direct", false}});
  const auto listed = w.desk.list(w.supervisor, {{"from", "2026-06-01"}, {"to", "2026-07-31"}});
  const auto& s = listed.at("summary").as_object();
  EXPECT_EQ(s.at("received").as_int64(), 6);
  EXPECT_EQ(s.at("complaints").as_int64(), 5);         // R1 R2 R3 R4 R6
  EXPECT_EQ(s.at("repeat_complaints").as_int64(), 1);  // R2
  EXPECT_NEAR(s.at("repeat_complaint_rate").as_double(), 1.0 / 5.0, 1e-4);
  EXPECT_EQ(s.at("answered").as_int64(), 3);
  EXPECT_NEAR(s.at("direct_answer_rate").as_double(), 2.0 / 3.0, 1e-4);
  int repeats = 0;
  for (const auto& t : listed.at("items").as_array()) repeats += t.at("repeat_complaint").as_bool() ? 1 : 0;
  EXPECT_EQ(repeats, 1);
  // June only: R1 R2 R4 R5 R6 received; R2 the one repeat of 4 complaints; 3 answered, 2 directly.
  const auto june = w.desk.list(w.supervisor, {{"from", "2026-06-01"}, {"to", "2026-06-30"}}).at("summary");
  EXPECT_EQ(june.at("complaints").as_int64(), 4);
  EXPECT_NEAR(june.at("repeat_complaint_rate").as_double(), 0.25, 1e-4);
  // 人社's approver sees the tickets of 人社 (all of them here); 供电's none.
  EXPECT_EQ(w.desk.list(w.rs, {}).at("items").as_array().size(), 6u);
  EXPECT_EQ(w.desk.list(w.gd, {}).at("items").as_array().size(), 0u);
}

}  // namespace

namespace {

// The weekly bulletin of 2026-W23 (1–7 June 2026): the week's tickets and, per inspection kind, the findings
// of that kind's own cycle — 大厅巡查 Thursday 28 May to Wednesday 3 June, 区县自查 Friday 29 May to Thursday
// 4 June, 办事指南一致性检查 Wednesday 27 May to Tuesday 2 June.
TEST(Hotline, TheWeeklyBulletinHasTicketsAndEachInspectionOnItsOwnCycle) {
  World w;
  w.now = at("2026-06-08T09:00:00");
  supervision::InspectionDesk desk(w.pool, w.catalog, w.clock);
  auto record = [&](const std::string& kind, const std::string& on, const std::string& finding) {
    desk.record(w.supervisor, json::object{{"kind", kind}, {"hall", "XH01"}, {"window", "W01"},
                                           {"inspected_on", on}, {"finding", finding}});
  };
  record("大厅巡查", "2026-05-28", "巡查甲");        // first day of its cycle: in
  record("大厅巡查", "2026-06-04", "巡查乙");        // the next cycle: out
  record("区县自查", "2026-06-04", "自查甲");        // last day of its cycle: in
  record("区县自查", "2026-05-28", "自查乙");        // the cycle before: out
  record("办事指南一致性检查", "2026-06-02", "指南甲");  // in
  record("办事指南一致性检查", "2026-06-03", "指南乙");  // out
  w.send(World::ticket("W1", "投诉", "排队", "2026-06-01T10:00:00+08:00"));
  w.send(World::ticket("W2", "投诉", "排队", "2026-06-02T10:00:00+08:00"));  // a repeat
  const std::string html = supervision::weekly_report(w.pool, "330106", supervision::parse_iso_week("2026-W23"),
                                                      "html", w.now, supervision::report_names(w.catalog));
  for (const char* in : {"巡查甲", "自查甲", "指南甲", "5月28日（周四）至6月3日（周三）", "5月29日（周五）至6月4日（周四）",
                         "5月27日（周三）至6月2日（周二）", "西湖区政务服务中心", "12345热线工单", "50.0%"})
    EXPECT_NE(html.find(in), std::string::npos) << in;
  for (const char* out : {"巡查乙", "自查乙", "指南乙", "王小明"}) EXPECT_EQ(html.find(out), std::string::npos) << out;
  // Both tickets fell due on 3 and 4 June unanswered: listed as overdue that week.
  EXPECT_NE(html.find("W1"), std::string::npos);
  EXPECT_NE(html.find("已超期"), std::string::npos);
  const std::string csv = supervision::weekly_report(w.pool, "330106", supervision::parse_iso_week("2026-W23"), "csv",
                                                     w.now, supervision::report_names(w.catalog));
  EXPECT_NE(csv.find("大厅巡查"), std::string::npos);
  EXPECT_NE(csv.find("2,2,1,50.0%,0,0,—,2"), std::string::npos) << csv;
  // A place outside the supervisor's region is refused.
  platform::Actor other = w.supervisor;
  other.region_code = "330102";
  EXPECT_EQ(status_of([&] {
              desk.record(other, json::object{{"kind", "大厅巡查"}, {"hall", "XH01"},
                                                     {"inspected_on", "2026-06-04"}, {"finding", "x"}});
            }),
            403);
}

}  // namespace

namespace {

// The quarterly staff evaluation of 2026-Q2: two cases accepted by the clerk at XH01/W01 in June, one 12345
// complaint about one of them (counted for the window and for the clerk), nothing concluded or rated yet.
TEST(Hotline, TheQuarterlyStaffEvaluationCountsByWindowAndClerk) {
  World w;
  std::vector<std::string> numbers;
  for (const char* key : {"q-1", "q-2"}) {
    const json::object body = ow::testing::retirement_application();
    auto a = w.intake.create(w.clerk, key, json::serialize(body), acceptance::parse_intake_request(body));
    ASSERT_EQ(a.status, 201u) << a.body;
    numbers.push_back(std::string(json::parse(a.body).at("number").as_string()));
  }
  auto t = World::ticket("Q-1", "投诉", "态度", "2026-06-02T10:00:00+08:00");
  t.erase("hall");
  t.erase("window");
  t["case_number"] = numbers[0];
  ASSERT_EQ(w.send(t).status, 201u);
  const auto q = supervision::parse_quarter("2026-Q2");
  const auto loaded = w.catalog.current();
  const auto e = supervision::staff_evaluation(w.pool, "330106", q, &loaded->catalog);
  ASSERT_EQ(e.windows.size(), 1u);
  EXPECT_EQ(e.windows[0].hall_name, "西湖区政务服务中心");
  EXPECT_EQ(e.windows[0].f.accepted, 2);
  EXPECT_EQ(e.windows[0].complaints, 1);
  ASSERT_EQ(e.clerks.size(), 1u);
  EXPECT_EQ(e.clerks[0].f.accepted, 2);
  EXPECT_EQ(e.clerks[0].complaints, 1);
  const auto j = supervision::staff_evaluation_json(e);
  EXPECT_TRUE(j.at("windows").at(0).at("surveyed_realisation_rate").is_null());  // no callback answers here
  EXPECT_TRUE(j.at("windows").at(0).at("on_time_rate").is_null());  // nothing concluded
  EXPECT_EQ(j.at("from").as_string(), "2026-04-01");
  EXPECT_EQ(j.at("to").as_string(), "2026-06-30");
  const std::string csv = supervision::staff_evaluation_text(e, "csv");
  EXPECT_NE(csv.find("2026年第2季度窗口人员考评"), std::string::npos);
  EXPECT_NE(csv.find("调查实现率"), std::string::npos);
  EXPECT_EQ(supervision::staff_evaluation(w.pool, "330106", supervision::parse_quarter("2026-Q3"), &loaded->catalog)
                .windows.at(0)
                .f.accepted,
            0);
  EXPECT_THROW(supervision::parse_quarter("2026-Q5"), std::invalid_argument);
}

}  // namespace
