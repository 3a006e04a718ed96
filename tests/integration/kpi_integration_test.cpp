// The reform's measures on a fixed data set with hand-computed expectations. Six 退休一件事 cases in June
// 2026 (region 330106), read on 1 July 2026 at 17:45 (working-day limits end at 17:30, the close of business):
//   A  window, accepted 1 Jun 10:00, all approved, picked up at the window 3 Jun   → 2 visits; rated 5
//   B  window, accepted 1 Jun 11:00, all approved, sent electronically 1 Jun 16:00 → 1 visit, same day; rated 2,
//   revised to 1 C  window, accepted 2 Jun, supplement brought to the window 3 Jun, electronic 4 Jun → 2 visits; rated
//   3 D  online, pre-reviewed 3 Jun 10:00 (no visit), posted 5 Jun                  → 0 visits; not rated E  window,
//   accepted 10 Jun 10:00, open: committed due 2 Jul 17:30, warning from 1 Jul 17:30 F  window, accepted 5 Jun 10:00,
//   open: committed due 29 Jun 17:30 → overdue
// Expected: accepted 6, online share 1/6, 一证通办 1/6 (D uploaded everything but its ID card), concluded 4, on time
// 4/4, 即办 1/4 (B), 实现率 2/4 (B, D), open 2, in warning 1 (E), overdue 1 (F), due today 0, ratings 3, 满意率 2/3 (A,
// C).
#include <gtest/gtest.h>

#include <fstream>

#include <unistd.h>
#include <boost/json.hpp>
#include <pqxx/pqxx>

#include "adapters/elicense/elicense_lookup.hpp"
#include "services/acceptance/intake_request.hpp"
#include "services/acceptance/intake_service.hpp"
#include "services/backoffice/backoffice_service.hpp"
#include "services/catalog/catalog_service.hpp"
#include "services/platform/problem.hpp"
#include "services/store/pg_types.hpp"
#include "services/store/statements.hpp"
#include "services/store/user_store.hpp"
#include "services/supervision/kpi_definitions.hpp"
#include "services/supervision/kpi_service.hpp"
#include "services/supervision/timekeeper.hpp"
#include "services/supervision/weekly_report.hpp"
#include "tests/support/case_world.hpp"
#include "tests/support/embedded_calendar.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/test_env.hpp"

using namespace ow;
using namespace std::chrono_literals;
namespace json = boost::json;

namespace {

using ow::testing::at;

struct World : ow::testing::CaseWorld {
  supervision::KpiService kpis{pool, catalog, time, clock};
  platform::Actor rs, yb, supervisor;

  World() : CaseWorld("it_kpi", 0) {
    rs = ow::testing::staff(pool, "rs1", platform::Role::approver, "RS");
    yb = ow::testing::staff(pool, "yb1", platform::Role::approver, "YB");
    supervisor = ow::testing::staff(pool, "sup", platform::Role::supervisor);
  }
  static json::object body(const std::string& channel) { return ow::testing::retirement_application(channel); }
  std::string accept(const std::string& when, const std::string& key) {
    now = at(when);
    const auto b = body("window");
    auto a = intake.create(clerk, key, json::serialize(b), acceptance::parse_intake_request(b));
    EXPECT_EQ(a.status, 201u) << a.body;
    return std::string(json::parse(a.body).at("number").as_string());
  }
  std::string accept_online(const std::string& submitted, const std::string& reviewed, const std::string& key) {
    now = at(submitted);
    auto b = body("online");
    for (auto& m : b["materials"].as_array())  // everything uploaded: 一证通办 (the ID card is the only card)
      if (m.at("id").as_string() != "id_card") m.as_object()["form"] = "electronic";
    auto a = intake.create(clerk, key, json::serialize(b), acceptance::parse_intake_request(b));
    EXPECT_EQ(a.status, 201u) << a.body;
    const std::string number(json::parse(a.body).at("number").as_string());
    now = at(reviewed);
    json::object decision{{"materials", b.at("materials")}, {"decision", json::object{{"kind", "accept"}}}};
    intake.decide(clerk, number, acceptance::parse_decision_request(decision));
    return number;
  }
  std::int64_t task(const std::string& number, const std::string& step) {
    pqxx::connection db(url);
    pqxx::read_transaction tx(db);
    return tx
        .exec_params1("SELECT t.id FROM tasks t JOIN cases c ON c.id = t.case_id WHERE c.number = $1 AND t.step = $2",
                      number, step)[0]
        .as<std::int64_t>();
  }
  void approve(const platform::Actor& who, const std::string& number, const std::string& step) {
    const auto id = task(number, step);
    backoffice.claim(who, id);
    backoffice.decide(who, id, json::object{{"kind", "approve"}});
  }
  void approve_all(const std::string& number, const std::string& when) {
    now = at(when);
    approve(rs, number, "contribution_years");
    approve(rs, number, "pension_eligibility");
    approve(yb, number, "medical_eligibility");
    approve(rs, number, "pension_approval");
  }
  void deliver(const std::string& number, const std::string& when, const json::object& how) {
    now = at(when);
    const json::object done = intake.deliver(clerk, number, how);
    EXPECT_EQ(done.at("state").as_string(), "Concluded") << number;
  }
  std::pair<unsigned, json::object> rate(const std::string& number, const std::string& when, int score) {
    now = at(when);
    return kpis.evaluate(number, json::object{{"score", score},
                                              {"comment", "测试"}});  // the query code is the gate's (public_gate_test)
  }
};

}  // namespace

TEST(Kpi, HandComputedMeasuresOnAFixedDataSet) {
  World w;
  const auto a = w.accept("2026-06-01T10:00:00", "A");
  w.approve_all(a, "2026-06-02T10:00:00");
  w.deliver(a, "2026-06-03T10:00:00", json::object{{"method", "window"}});

  const auto b = w.accept("2026-06-01T11:00:00", "B");
  w.approve_all(b, "2026-06-01T15:00:00");
  w.deliver(b, "2026-06-01T16:00:00", json::object{{"method", "electronic"}});

  const auto c = w.accept("2026-06-02T10:00:00", "C");
  w.now = at("2026-06-02T14:00:00");
  const auto first = w.task(c, "contribution_years");
  w.backoffice.claim(w.rs, first);
  w.backoffice.decide(
      w.rs, first,
      json::object{{"kind", "request_supplement"}, {"materials", json::array{"id_card"}}, {"reason", "材料不清晰"}});
  w.now = at("2026-06-03T09:30:00");
  w.intake.supplement(w.clerk, c, json::object{{"applicant_present", true}});
  w.now = at("2026-06-03T11:00:00");
  w.backoffice.decide(w.rs, first, json::object{{"kind", "approve"}});
  w.approve(w.rs, c, "pension_eligibility");
  w.approve(w.yb, c, "medical_eligibility");
  w.approve(w.rs, c, "pension_approval");
  w.deliver(c, "2026-06-04T10:00:00", json::object{{"method", "electronic"}});

  const auto d = w.accept_online("2026-06-03T09:30:00", "2026-06-03T10:00:00", "D");
  w.approve_all(d, "2026-06-04T10:00:00");
  w.deliver(d, "2026-06-05T10:00:00", json::object{{"method", "post"}, {"tracking_number", "SF1234567890"}});

  const auto e = w.accept("2026-06-10T10:00:00", "E");
  const auto f = w.accept("2026-06-05T10:00:00", "F");

  // G: refused at the window (不予受理, one trip); H: accepted, then withdrawn (one trip). Both ended in June:
  // they count in 实现率's denominator (issue 18) — and G's applicant may rate the service.
  w.now = at("2026-06-08T10:00:00");
  auto refusal = World::body("window");
  refusal["decision"] =
      json::object{{"kind", "refuse"}, {"reason", "不属于本中心受理范围"}, {"legal_basis", "《行政许可法》第三十二条"}};
  const auto g_answer =
      w.intake.create(w.clerk, "G", json::serialize(refusal), acceptance::parse_intake_request(refusal));
  ASSERT_EQ(g_answer.status, 201u) << g_answer.body;
  const std::string g(json::parse(g_answer.body).at("number").as_string());
  const auto h = w.accept("2026-06-09T10:00:00", "H");
  w.now = at("2026-06-09T11:00:00");
  w.intake.withdraw(w.clerk, h, json::object{{"reason", "申请人撤回"}});
  EXPECT_EQ(w.rate(g, "2026-06-08T12:00:00", 4).first, 201u);

  // The hand computation of E's and F's due instants (19 June is the Dragon Boat holiday).
  EXPECT_EQ(w.intake.view(w.clerk, e).at("due").at("committed").as_string(), "2026-07-02T17:30:00+08:00");
  EXPECT_EQ(w.intake.view(w.clerk, f).at("due").at("committed").as_string(), "2026-06-29T17:30:00+08:00");

  EXPECT_EQ(w.rate(a, "2026-06-03T12:00:00", 5).first, 201u);
  EXPECT_EQ(w.rate(b, "2026-06-02T09:00:00", 2).first, 201u);
  EXPECT_EQ(w.rate(b, "2026-06-03T09:00:00", 1).first, 200u);  // 追评: revised once
  EXPECT_THROW(w.rate(b, "2026-06-04T09:00:00", 4), platform::Problem);
  EXPECT_EQ(w.rate(c, "2026-06-05T09:00:00", 3).first, 201u);
  EXPECT_THROW(w.rate(e, "2026-06-20T09:00:00", 5), platform::Problem);  // not concluded

  w.now = at("2026-07-01T17:45:00");
  const json::object s =
      w.kpis.stats(w.supervisor, {std::nullopt, std::nullopt, std::string("2026-06-01"), std::string("2026-07-01")});
  EXPECT_EQ(s.at("accepted").as_int64(), 7);              // A–F and H (G was refused, never accepted)
  EXPECT_EQ(s.at("districts"), (json::array{"330106"}));  // every case here is the district's (for the console's chart)
  // No db.reports_url here: read from the primary, nothing behind it (the cluster test reads a replica).
  EXPECT_EQ(s.at("data"), (json::object{{"source", "primary"}, {"staleness_seconds", 0.0}}));
  EXPECT_DOUBLE_EQ(s.at("online_share").as_double(), 1.0 / 7);
  EXPECT_DOUBLE_EQ(s.at("one_card_share").as_double(), 1.0 / 7);  // D: nothing on paper but the ID card
  EXPECT_EQ(s.at("concluded").as_int64(), 4);
  EXPECT_DOUBLE_EQ(s.at("on_time_rate_committed").as_double(), 1.0);
  EXPECT_DOUBLE_EQ(s.at("on_time_rate_statutory").as_double(), 1.0);
  EXPECT_DOUBLE_EQ(s.at("immediate_share").as_double(), 0.25);
  // Ended in June: A B C D concluded, G refused, H withdrawn. A picked up in person and C came back with a
  // supplement (two trips each); B, D (online), G and H took at most one.
  EXPECT_EQ(s.at("ended").at("total").as_int64(), 6);
  EXPECT_EQ(s.at("ended").at("refused").as_int64(), 1);
  EXPECT_EQ(s.at("ended").at("withdrawn").as_int64(), 1);
  EXPECT_DOUBLE_EQ(s.at("realisation_rate").as_double(), 4.0 / 6);
  EXPECT_EQ(s.at("open").as_int64(), 2);
  EXPECT_EQ(s.at("in_warning").as_int64(), 1);
  EXPECT_EQ(s.at("overdue").as_int64(), 1);
  EXPECT_EQ(s.at("due_today").as_int64(), 0);
  EXPECT_EQ(s.at("ratings").as_int64(), 4);  // A 5, B 1 (revised), C 3, G 4
  EXPECT_DOUBLE_EQ(s.at("satisfaction_rate").as_double(), 3.0 / 4);
  // The counts behind each rate, for the console's cards (实现率 66.7%（4/6 件）), and the districts' names.
  EXPECT_EQ(s.at("counts").at("realisation_rate"), (json::object{{"part", 4}, {"whole", 6}}));
  EXPECT_EQ(s.at("counts").at("satisfaction_rate"), (json::object{{"part", 3}, {"whole", 4}}));
  EXPECT_EQ(s.at("counts").at("online_share"), (json::object{{"part", 1}, {"whole", 7}}));
  EXPECT_EQ(s.at("counts").at("immediate_share"), (json::object{{"part", 1}, {"whole", 4}}));
  EXPECT_EQ(s.at("region_names").at("330106"), "西湖区");
  // Every figure carries its definition; README's table says the same.
  const auto& defs = s.at("definitions").as_object();
  EXPECT_TRUE(defs.at("visits").is_string());
  std::ifstream readme_file(ow::testing::source_dir() + "/README.md");
  const std::string readme((std::istreambuf_iterator<char>(readme_file)), std::istreambuf_iterator<char>());
  for (const auto& d : supervision::kpi_definitions()) {
    EXPECT_TRUE(defs.contains(d.key)) << d.key;
    for (const auto& text : {d.name, d.numerator, d.denominator, d.period})
      EXPECT_NE(readme.find(text), std::string::npos) << "README's KPI table lacks: " << text;
  }
  EXPECT_NE(readme.find(supervision::visit_rule()), std::string::npos) << "README lacks the visit rule";
  EXPECT_GT(s.at("materials").at("reduction_rate").as_double(), 0.0);
  // 一证通办 per item, personal items only (the demo catalog marks 10 of the 24 items of its person bundles).
  EXPECT_EQ(s.at("one_card_items").at("personal_items").as_int64(), 24);
  EXPECT_EQ(s.at("one_card_items").at("one_card_items").as_int64(), 10);

  // Another department's view: every TXYJS case has a 医保 step, no case has a 市场监管 step.
  const json::object none = w.kpis.stats(
      w.supervisor, {std::nullopt, std::string("SCJG"), std::string("2026-06-01"), std::string("2026-07-01")});
  EXPECT_EQ(none.at("accepted").as_int64(), 0);
  EXPECT_TRUE(none.at("realisation_rate").is_null());  // no cases: no rate
}

TEST(Kpi, ABadRatingOpensAFollowUpWhoseClocksRaiseAlertsUntilClosed) {
  World w;
  const auto a = w.accept("2026-06-01T10:00:00", "A");
  w.approve_all(a, "2026-06-01T15:00:00");
  w.deliver(a, "2026-06-01T16:00:00", json::object{{"method", "electronic"}});
  EXPECT_EQ(w.rate(a, "2026-06-02T09:00:00", 4).first, 201u);
  EXPECT_EQ(w.kpis.followups(w.supervisor, true).at("items").as_array().size(), 0u);  // a good rating needs none
  EXPECT_EQ(w.rate(a, "2026-06-02T10:00:00", 2).first, 200u);                         // revised to 不满意
  const json::object open = w.kpis.followups(w.supervisor, true);
  ASSERT_EQ(open.at("items").as_array().size(), 1u);
  const auto& f = open.at("items").as_array()[0];
  EXPECT_EQ(f.at("label").as_string(), "不满意");
  // 1 working day from Tuesday 2 June 10:00 ends at the close of Wednesday 3 June; 15 days at the close of 17 June.
  EXPECT_EQ(f.at("callback").at("due_at").as_string(), "2026-06-03T17:30:00+08:00");
  EXPECT_EQ(f.at("rectification").at("due_at").as_string(), "2026-06-17T17:30:00+08:00");

  supervision::Timekeeper keeper(w.pool, nullptr);
  keeper.scan(at("2026-06-03T17:30:00"));
  keeper.scan(at("2026-06-03T18:00:00"));
  auto count = [&](const std::string& clock, const std::string& kind, bool unresolved) {
    pqxx::connection db(w.url);
    pqxx::read_transaction tx(db);
    return tx
        .exec_params1("SELECT count(*) FROM alerts WHERE clock = $1 AND kind = $2 AND (NOT $3 OR resolved_at IS NULL)",
                      clock, kind, unresolved)[0]
        .as<int>();
  };
  EXPECT_EQ(count("followup:callback", "followup_overdue", false), 1);
  EXPECT_EQ(count("followup:rectification", "followup_overdue", false), 0);

  w.now = at("2026-06-04T09:00:00");
  w.kpis.close_followup(w.supervisor, a, "callback", "已电话回访，申请人对寄送时间不满意");
  EXPECT_EQ(count("followup:callback", "followup_overdue", true), 0);  // resolved
  EXPECT_THROW(w.kpis.close_followup(w.supervisor, a, "callback", "again"), platform::Problem);
  EXPECT_EQ(w.kpis.followups(w.supervisor, true).at("items").as_array().size(), 1u);  // rectification still open
  w.kpis.close_followup(w.supervisor, a, "rectification", "已调整出件方式");
  EXPECT_EQ(w.kpis.followups(w.supervisor, true).at("items").as_array().size(), 0u);
  keeper.scan(at("2026-06-30T12:00:00"));
  EXPECT_EQ(count("followup:rectification", "followup_overdue", false), 0);  // closed in time: never raised

  // The weekly report of 1–7 June: one case accepted and concluded in time with one visit, rated 不满意. People
  // read it: names, not codes; dates as 2026年6月3日 17:30.
  const std::string csv = supervision::weekly_report(w.pool, "330106", supervision::parse_iso_week("2026-W23"), "csv",
                                                     at("2026-06-30T12:00:00"), w.kpis.report_names());
  EXPECT_NE(csv.find("每周通报,2026年第23周,2026年6月1日至6月7日"), std::string::npos) << csv;
  EXPECT_NE(csv.find("区县,西湖区,1,1,100.0%,100.0%,0.0%,1"), std::string::npos) << csv;
  EXPECT_NE(csv.find("部门,西湖区人力资源和社会保障局,1,1,100.0%,100.0%,0.0%,1"), std::string::npos) << csv;
  EXPECT_NE(csv.find(a + ",2 星,2026年6月3日 17:30,2026年6月17日 17:30,已回访、已整改"), std::string::npos) << csv;
  EXPECT_EQ(csv.find(",RS,"), std::string::npos) << csv;
  EXPECT_EQ(csv.find("330106,"), std::string::npos) << csv;
  const std::string next = supervision::weekly_report(w.pool, "330106", supervision::parse_iso_week("2026-W24"), "html",
                                                      at("2026-06-30T12:00:00"), w.kpis.report_names());
  EXPECT_NE(next.find("<td>区县</td><td>西湖区</td><td>0</td><td>0</td><td>—</td>"), std::string::npos) << next;
  EXPECT_NE(next.find("2026年第24周（2026年6月8日至6月14日）"), std::string::npos) << next;
}
