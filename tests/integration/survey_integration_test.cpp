// Callbacks and surveys (issue 18) on real PostgreSQL, with figures computed by hand and by an independent
// Python calculation (statistics.NormalDist for z; a reference mt19937_64 for the draw):
//   Ten 退休一件事 applications refused at the window (不予受理: they end at once, one trip each) in 2026-W23
//   (1–5 June): six in 西湖区 (330106), four in 拱墅区 (330105).
//   Frame defects put in by hand: X1 and X2 are the same applicant (duplicate ×2), X3's phone is 12345
//   (invalid), X4 has no name, G2 has no phone → 5 rows with a problem, 5 clean.
//   Draw: sample 6, minimum 2, seed 42. Strata in key order 330105|TXYJS (N 4), 330106|TXYJS (N 6): shares 2.4
//   and 3.6 → 2 and 3, the sixth to the larger remainder → 2, 4. Python's MT19937_64(42) with the same rule picks
//   positions 2, 3 of 拱墅区's cases (by number) and 4, 3, 1, 5 of 西湖区's.
//   Answers: 拱墅区 trips 1 满意, trips 2 不满意 (opens the follow-up); 西湖区 trips 0 满意, trips 1 基本满意,
//   trips 3+ 满意, and one never reached (three calls on three days → unreachable).
//   实现率: 拱墅区 Wilson 1/2 = (0.0945, 0.9055); 西湖区 Wilson 2/3 = (0.2077, 0.9385); city stratified
//   (N, n, y) = (4, 2, 1), (6, 3, 2) → 0.6000 (0.3006, 0.8994).  满意率: 拱墅区 1/2; 西湖区 3/3 Wilson
//   (0.4385, 1.0000); city (4, 2, 1), (6, 3, 3) → 0.8000 (0.6040, 0.9960). Response 5/6. Counted 实现率 10/10.
//   Ranking by 实现率: the intervals overlap → both first, 无显著差异.
#include <gtest/gtest.h>

#include <unistd.h>
#include <boost/json.hpp>
#include <pqxx/pqxx>

#include "services/acceptance/intake_request.hpp"
#include "services/platform/problem.hpp"
#include "services/store/case_personal_data.hpp"
#include "services/store/errors.hpp"
#include "services/store/sealed_rows_store.hpp"
#include "services/store/survey_store.hpp"
#include "services/store/vault.hpp"
#include "services/supervision/kpi_service.hpp"
#include "services/supervision/staff_evaluation.hpp"
#include "services/supervision/survey_service.hpp"
#include "tests/support/case_world.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/test_env.hpp"

using namespace ow;
namespace json = boost::json;
using ow::testing::at;

namespace {

const char* const kIds[] = {"110105194912311014", "110105194912311022", "110105194912311030", "110105194912311049",
                            "110105194912311057", "110105194912311065", "110105194912311073", "110105194912311081",
                            "11010519491231109X", "110105194912311102"};

struct World : ow::testing::CaseWorld {
  supervision::SurveyService surveys{pool, catalog, time, clock};
  supervision::KpiService kpis{pool, catalog, time, clock};
  platform::Actor surveyor, supervisor, gs_clerk;
  const supervision::Reader reader{"GET /api/v1/sampling-frame", "req-1"};

  explicit World(const std::string& database = "it_survey") : CaseWorld(database, 0) {
    surveyor = ow::testing::staff(pool, "surveyor_city", platform::Role::surveyor);
    exec("UPDATE users SET region_code = '330100' WHERE login = 'surveyor_city'");
    surveyor.region_code = "330100";
    supervisor = ow::testing::staff(pool, "sup", platform::Role::supervisor);
    gs_clerk = clerk;
    gs_clerk.region_code = "330105";
  }
  void exec(const std::string& sql) {
    pqxx::connection db(url);
    pqxx::work tx(db);
    tx.exec(sql);
    tx.commit();
  }
  std::string refuse(const platform::Actor& who, const std::string& when, const std::string& id_number,
                     const std::string& key) {
    now = at(when);
    auto b = ow::testing::retirement_application("window");
    b["applicant"].as_object()["id_number"] = id_number;
    b["decision"] = json::object{
        {"kind", "refuse"}, {"reason", "不属于本中心受理范围"}, {"legal_basis", "《行政许可法》第三十二条"}};
    const auto a = intake.create(who, key, json::serialize(b), acceptance::parse_intake_request(b));
    EXPECT_EQ(a.status, 201u) << a.body;
    return std::string(json::parse(a.body).at("number").as_string());
  }
  // Puts a defect into a case's stored contact (as data from before today's intake checks could hold).
  void set_contact(const std::string& number, const std::string& name, const std::string& id_number,
                   const std::string& phone) {
    const auto sealed = store::seal_personal_data(
        *store::vault(), number,
        json::serialize(json::object{{"kind", "person"}, {"name", name}, {"id_number", id_number}}), phone);
    pqxx::connection db(url);
    pqxx::work tx(db);
    tx.exec_params(
        "UPDATE cases SET applicant_sealed = $1, phone_sealed = $2, pii_key = $3, holder_index = $4,"
        " phone_index = $5 WHERE number = $6",
        sealed.applicant, sealed.phone, sealed.key, sealed.holder_index, sealed.phone_index, number);
    tx.commit();
  }
  std::int64_t count(const std::string& sql) {
    pqxx::connection db(url);
    pqxx::read_transaction tx(db);
    return tx.exec1(sql)[0].as<std::int64_t>();
  }
  json::object call(std::int64_t entry, const std::string& when, json::object body) {
    now = at(when);
    return surveys.record_call(surveyor, entry, body);
  }
};

json::object find_row(const json::object& frame, const std::string& number) {
  for (const auto& r : frame.at("items").as_array())
    if (r.at("case_number").as_string() == number) return r.as_object();
  ADD_FAILURE() << "no row " << number;
  return {};
}

std::vector<std::string> issues_of(const json::object& row) {
  std::vector<std::string> out;
  for (const auto& i : row.at("issues").as_array()) out.emplace_back(i.at("code").as_string());
  return out;
}

double num(const json::value& v) { return v.as_double(); }

}  // namespace

TEST(Survey, FrameDrawAnswersAndEstimatesByHand) {
  World w;
  std::vector<std::string> xh, gs;
  for (int i = 0; i < 6; ++i)
    xh.push_back(w.refuse(w.clerk, "2026-06-0" + std::to_string(1 + i % 5) + "T10:0" + std::to_string(i) + ":00",
                          kIds[i], "X" + std::to_string(i)));
  for (int i = 0; i < 4; ++i)
    gs.push_back(
        w.refuse(w.gs_clerk, "2026-06-0" + std::to_string(2 + i) + "T11:00:00", kIds[6 + i], "G" + std::to_string(i)));
  EXPECT_TRUE(gs[0].starts_with("330105"));
  // Defects: X1 = X0's applicant, X2's phone invalid, X3 without a name, G1 without a phone.
  w.set_contact(xh[1], "李四", kIds[0], "13812345678");
  w.set_contact(xh[2], "李四", kIds[2], "12345");
  w.set_contact(xh[3], "", kIds[3], "13812345678");
  w.set_contact(gs[1], "李四", kIds[7], "");

  // The month's frame: every application that ended in June, unmasked, each read logged.
  w.now = at("2026-07-01T09:00:00");
  const auto frame = w.surveys.frame(w.surveyor, "2026-06", std::nullopt, w.reader);
  ASSERT_EQ(frame.at("items").as_array().size(), 10u);
  const auto& totals = frame.at("totals").as_object();
  EXPECT_EQ(totals.at("rows").as_int64(), 10);
  EXPECT_EQ(totals.at("clean").as_int64(), 5);
  EXPECT_EQ(totals.at("duplicate_applicant").as_int64(), 2);
  EXPECT_EQ(totals.at("phone_invalid").as_int64(), 1);
  EXPECT_EQ(totals.at("name_missing").as_int64(), 1);
  EXPECT_EQ(totals.at("phone_missing").as_int64(), 1);
  EXPECT_EQ(issues_of(find_row(frame, xh[0])), std::vector<std::string>{"duplicate_applicant"});
  EXPECT_EQ(issues_of(find_row(frame, xh[2])), std::vector<std::string>{"phone_invalid"});
  EXPECT_EQ(issues_of(find_row(frame, gs[1])), std::vector<std::string>{"phone_missing"});
  const auto x4 = find_row(frame, xh[4]);
  EXPECT_EQ(x4.at("contact_name").as_string(), "李四");
  EXPECT_EQ(x4.at("contact_phone").as_string(), "13812345678");  // unmasked: what the frame is for
  EXPECT_EQ(x4.at("outcome_label").as_string(), "不予受理");
  EXPECT_EQ(x4.at("channel_label").as_string(), "窗口");
  EXPECT_EQ(x4.at("bundle_name").as_string(), "退休一件事");
  EXPECT_EQ(w.count("SELECT count(*) FROM pii_access WHERE route = 'GET /api/v1/sampling-frame'"), 10);

  // A correction (who and why, sealed), then the frame again uses it.
  EXPECT_THROW(
      w.surveys.correct(w.surveyor, json::object{{"case_number", xh[2]}, {"contact_phone", "13900000003"}}, w.reader),
      platform::Problem);  // no reason
  const auto corrected = w.surveys.correct(
      w.surveyor,
      json::object{{"case_number", xh[2]}, {"contact_phone", "13900000003"}, {"reason", "申请人来电更正号码"}},
      w.reader);
  EXPECT_EQ(corrected.at("contact_phone").as_string(), "13900000003");
  EXPECT_EQ(corrected.at("correction").at("by").as_string(), "surveyor_city");
  EXPECT_EQ(w.count("SELECT count(*) FROM contact_corrections WHERE contact_sealed NOT LIKE '%13900000003%'"), 1);
  const auto again = w.surveys.frame(w.surveyor, "2026-06", std::nullopt, w.reader);
  EXPECT_EQ(again.at("totals").at("phone_invalid").as_int64(), 0);
  EXPECT_EQ(again.at("totals").at("corrected").as_int64(), 1);
  EXPECT_EQ(find_row(again, xh[2]).at("contact_phone").as_string(), "13900000003");
  const std::string csv = w.surveys.frame_csv(w.surveyor, "2026-06", std::nullopt, w.reader);
  EXPECT_TRUE(csv.starts_with("\xEF\xBB\xBF"));
  EXPECT_NE(csv.find("办件编号,一件事,受理大厅"), std::string::npos);
  EXPECT_NE(csv.find("13900000003"), std::string::npos);

  // The seeded draw, and the same seed again.
  w.now = at("2026-06-08T09:00:00");
  const json::object request{{"week", "2026-W23"}, {"sample_size", 6}, {"minimum_per_stratum", 2}, {"seed", "42"}};
  const auto draw = w.surveys.draw(w.surveyor, request);
  std::sort(xh.begin(), xh.end());
  std::sort(gs.begin(), gs.end());
  const std::vector<std::string> expected = {gs[2], gs[3], xh[4], xh[3], xh[1], xh[5]};
  std::vector<std::string> got;
  std::vector<std::int64_t> entries;
  for (const auto& e : draw.at("entries").as_array()) {
    got.emplace_back(e.at("case_number").as_string());
    entries.push_back(e.at("id").as_int64());
  }
  EXPECT_EQ(got, expected);
  EXPECT_EQ(draw.at("population").as_int64(), 10);
  EXPECT_EQ(draw.at("seed").as_string(), "42");
  EXPECT_DOUBLE_EQ(draw.at("entries").at(0).at("weight").as_double(), 2.0);  // 4 / 2
  EXPECT_DOUBLE_EQ(draw.at("entries").at(2).at("weight").as_double(), 1.5);  // 6 / 4
  const auto redo = w.surveys.draw(w.surveyor, request);
  std::vector<std::string> redone;
  for (const auto& e : redo.at("entries").as_array()) redone.emplace_back(e.at("case_number").as_string());
  EXPECT_EQ(redone, expected);
  EXPECT_THROW(w.surveys.draw(w.supervisor, request), platform::Problem);  // a supervisor names the caller

  // The surveyor's list (both draws: 12 open) with contacts, then the calls.
  const auto list = w.surveys.calls_of(w.surveyor, true, {"GET /api/v1/callbacks", "req-2"});
  EXPECT_EQ(list.at("items").as_array().size(), 12u);
  EXPECT_FALSE(list.at("items").at(0).at("contact_phone").as_string().empty());
  auto reached = [](int trips, const char* s) {
    return json::object{
        {"outcome", "reached"}, {"trips", trips}, {"satisfaction", s}, {"problems", json::array{"材料要求不一致"}}};
  };
  w.call(entries[0], "2026-06-08T10:00:00", reached(1, "satisfied"));
  const auto bad = w.call(entries[1], "2026-06-08T10:10:00", reached(2, "dissatisfied"));
  EXPECT_TRUE(bad.at("followup_opened").as_bool());
  w.call(entries[2], "2026-06-08T10:20:00", reached(0, "satisfied"));
  w.call(entries[3], "2026-06-08T10:30:00", reached(1, "basically_satisfied"));
  w.call(entries[4], "2026-06-08T10:40:00", reached(3, "satisfied"));
  EXPECT_EQ(w.call(entries[5], "2026-06-08T10:50:00", {{"outcome", "not_reached"}}).at("status").as_string(), "retry");
  EXPECT_THROW(w.call(entries[5], "2026-06-08T15:00:00", {{"outcome", "not_reached"}}), platform::Problem);  // same day
  w.call(entries[5], "2026-06-09T10:00:00", {{"outcome", "not_reached"}});
  EXPECT_EQ(w.call(entries[5], "2026-06-10T10:00:00", {{"outcome", "not_reached"}}).at("status").as_string(),
            "unreachable");
  EXPECT_THROW(w.call(entries[0], "2026-06-11T10:00:00", reached(1, "satisfied")), platform::Problem);   // closed
  EXPECT_THROW(w.call(entries[0], "2026-06-11T10:00:00", {{"outcome", "reached"}}), platform::Problem);  // no answers
  // The dissatisfied answer opened the same 整改 follow-up a bad rating opens, with its clocks.
  const auto followups = w.kpis.followups(w.supervisor, true);
  ASSERT_EQ(followups.at("items").as_array().size(), 0u);  // 330106 supervisor: the case is 拱墅区's
  EXPECT_EQ(w.count("SELECT count(*) FROM followups WHERE source = 'survey'"), 1);
  EXPECT_EQ(w.count("SELECT count(*) FROM clock_checks WHERE clock LIKE 'followup:%'"), 2);

  // Estimates for June beside the counted figures, and the ranking.
  w.now = at("2026-07-01T09:00:00");
  const auto est = w.surveys.estimates(w.surveyor, "2026-06", std::nullopt);
  const auto& total = est.at("total").as_object();
  EXPECT_EQ(total.at("sampled").as_int64(), 12);  // both draws count: the second one was never called
  const auto& districts = est.at("districts").as_array();
  ASSERT_EQ(districts.size(), 2u);
  const auto& g = districts.at(0).as_object();  // 330105 first
  const auto& x = districts.at(1).as_object();
  EXPECT_EQ(g.at("district_name").as_string(), "拱墅区");
  EXPECT_NEAR(num(g.at("realisation").at("low")), 0.0945, 5e-5);
  EXPECT_NEAR(num(g.at("realisation").at("high")), 0.9055, 5e-5);
  EXPECT_EQ(g.at("realisation").at("method").as_string(), "wilson");
  EXPECT_NEAR(num(x.at("realisation").at("estimate")), 0.6667, 5e-5);
  EXPECT_NEAR(num(x.at("realisation").at("low")), 0.2077, 5e-5);
  EXPECT_NEAR(num(x.at("realisation").at("high")), 0.9385, 5e-5);
  EXPECT_NEAR(num(x.at("satisfaction").at("low")), 0.4385, 5e-5);
  EXPECT_NEAR(num(x.at("satisfaction").at("high")), 1.0, 5e-5);
  EXPECT_NEAR(num(x.at("counted").at("realisation_rate")), 1.0, 1e-12);
  EXPECT_TRUE(x.at("gap").at("realisation").at("counted_outside_interval").as_bool());
  EXPECT_TRUE(x.at("counted").at("satisfaction_rate").is_null());
  EXPECT_NEAR(num(x.at("response_rate")), 3.0 / 8, 1e-12);  // 3 reached of 8 sampled (4 in each draw)
  // Both draws sample the same strata: each (draw, stratum) is a stratum. The second draw has no answers,
  // so the figures are the first draw's.
  EXPECT_TRUE(total.at("realisation").at("method") == "stratified");
  EXPECT_NEAR(num(total.at("realisation").at("estimate")), 0.6000, 5e-5);
  EXPECT_NEAR(num(total.at("realisation").at("low")), 0.3006, 5e-5);
  EXPECT_NEAR(num(total.at("realisation").at("high")), 0.8994, 5e-5);
  EXPECT_NEAR(num(total.at("satisfaction").at("estimate")), 0.8000, 5e-5);
  EXPECT_NEAR(num(total.at("satisfaction").at("low")), 0.6040, 5e-5);
  EXPECT_NEAR(num(total.at("satisfaction").at("high")), 0.9960, 5e-5);
  const auto& ranking = est.at("ranking").at("realisation").as_array();
  ASSERT_EQ(ranking.size(), 2u);
  EXPECT_EQ(ranking.at(0).at("district_name").as_string(), "西湖区");
  EXPECT_EQ(ranking.at(0).at("rank").as_int64(), 1);
  EXPECT_EQ(ranking.at(1).at("rank").as_int64(), 1);
  EXPECT_EQ(ranking.at(1).at("note").as_string(), "无显著差异");

  // The week's filing (the calls were made in 2026-W24).
  const std::string filing = w.surveys.weekly_filing(w.surveyor, "2026-W24", std::nullopt, "csv");
  EXPECT_TRUE(filing.starts_with("\xEF\xBB\xBF回访情况,2026年第24周"));
  EXPECT_NE(filing.find("拨打次数,8\n"), std::string::npos) << filing;
  EXPECT_NE(filing.find("接通,5\n"), std::string::npos);
  EXPECT_NE(filing.find("未接通,3\n"), std::string::npos);
  EXPECT_NE(filing.find("不满意,1\n"), std::string::npos);
  EXPECT_NE(filing.find("开启整改,1\n"), std::string::npos);
  EXPECT_NE(filing.find("材料要求不一致"), std::string::npos);
  const std::string html = w.surveys.weekly_filing(w.surveyor, "2026-W24", std::nullopt, "html");
  EXPECT_NE(html.find("<h1>办事服务回访情况"), std::string::npos);

  // The quarterly staff evaluation's 调查实现率: the reached answers about 西湖区's cases (trips 0, 1 and 3+).
  {
    const auto loaded = w.catalog.current();
    const auto q = supervision::staff_evaluation_json(
        supervision::staff_evaluation(w.pool, "330106", supervision::parse_quarter("2026-Q2"), &loaded->catalog));
    std::int64_t answers = 0;
    double one_visit = 0;
    for (const auto& line : q.at("windows").as_array()) {
      answers += line.at("surveyed_answers").as_int64();
      if (!line.at("surveyed_realisation_rate").is_null())
        one_visit += line.at("surveyed_realisation_rate").as_double() *
                     static_cast<double>(line.at("surveyed_answers").as_int64());
    }
    EXPECT_EQ(answers, 3);
    EXPECT_NEAR(one_visit, 2.0, 1e-9);
  }

  // Each creating POST sent again with its Idempotency-Key replays its first answer and writes nothing more.
  auto key = [&](const std::string& k, const std::string& body) {
    return std::optional<supervision::RepeatedPost>(supervision::RepeatedPost{w.surveyor.log_id(), k, body, false});
  };
  const auto draws_before = w.count("SELECT count(*) FROM callback_draws");
  auto r1 = key("draw-1", "hash-a"), r2 = key("draw-1", "hash-a");
  const auto first = w.surveys.draw(w.surveyor, request, &r1);
  const auto replayed_draw = w.surveys.draw(w.surveyor, request, &r2);
  EXPECT_FALSE(r1->replayed);
  EXPECT_TRUE(r2->replayed);
  EXPECT_EQ(first.at("id"), replayed_draw.at("id"));
  EXPECT_EQ(w.count("SELECT count(*) FROM callback_draws"), draws_before + 1);
  auto other = key("draw-1", "hash-b");  // the same key with another body
  EXPECT_THROW(w.surveys.draw(w.surveyor, request, &other), store::IdempotencyKeyReused);
  // A call recorded twice (a double click): the second is the first's answer, not 今天已拨打过.
  const auto untouched = redo.at("entries").at(0).at("id").as_int64();
  w.now = at("2026-07-02T10:00:00");
  auto c1 = key("call-1", "hash-c"), c2 = key("call-1", "hash-c");
  const auto call1 = w.surveys.record_call(w.surveyor, untouched, {{"outcome", "not_reached"}}, &c1);
  const auto call2 = w.surveys.record_call(w.surveyor, untouched, {{"outcome", "not_reached"}}, &c2);
  EXPECT_TRUE(c2->replayed);
  EXPECT_EQ(call1, call2);
  EXPECT_EQ(w.count("SELECT count(*) FROM callback_attempts WHERE entry_id = " + std::to_string(untouched)), 1);
  // A correction sent twice is kept once; handing the contact out again is recorded again.
  const auto corrections = w.count("SELECT count(*) FROM contact_corrections");
  const auto reads = w.count("SELECT count(*) FROM pii_access");
  auto k1 = key("fix-1", "hash-d"), k2 = key("fix-1", "hash-d");
  const json::object fix{{"case_number", xh[0]}, {"contact_phone", "13900000009"}, {"reason", "申请人来电更正"}};
  const auto fix1 = w.surveys.correct(w.surveyor, fix, w.reader, &k1);
  const auto fix2 = w.surveys.correct(w.surveyor, fix, w.reader, &k2);
  EXPECT_TRUE(k2->replayed);
  EXPECT_EQ(fix1, fix2);
  EXPECT_EQ(w.count("SELECT count(*) FROM contact_corrections"), corrections + 1);
  EXPECT_EQ(w.count("SELECT count(*) FROM pii_access"), reads + 2);
}

TEST(Survey, ScopeAndRoles) {
  World w;
  w.now = at("2026-07-01T09:00:00");
  platform::Actor xh_surveyor = ow::testing::staff(w.pool, "surveyor_xh", platform::Role::surveyor);
  // Another district's frame is refused (403), a month that cannot be one is a 400 naming the field.
  try {
    w.surveys.frame(xh_surveyor, "2026-06", std::string("330105"), w.reader);
    FAIL();
  } catch (const platform::Problem& p) {
    EXPECT_EQ(p.status(), 403u);
  }
  try {
    w.surveys.frame(xh_surveyor, "2026-13", std::nullopt, w.reader);
    FAIL();
  } catch (const platform::Problem& p) {
    EXPECT_EQ(p.status(), 400u);
    EXPECT_EQ(p.extra().at("field").as_string(), "month");
  }
  // A district surveyor cannot be named caller of a city draw.
  try {
    w.surveys.draw(
        w.supervisor,
        json::object{{"week", "2026-W23"}, {"sample_size", 3}, {"caller", "surveyor_xh"}, {"region", "330106"}});
  } catch (const platform::Problem& p) {
    ADD_FAILURE() << "a district supervisor names the district's surveyor: " << p.what();
  }
}

// A key rotation covers the frame's corrected contacts (sql/040) as it covers cases: a correction sealed with
// the retired key is counted among the rows behind, PostgreSQL refuses one written with that key, and
// `onewindow keys reseal` re-seals it so that the frame still shows the corrected phone under the new key.
TEST(Survey, ContactCorrectionsAreRowsBehindARotationAndResealed) {
  World w("it_survey_keys_" + std::to_string(::getpid()));
  const auto number = w.refuse(w.clerk, "2026-06-01T10:00:00", kIds[0], "K0");
  w.now = at("2026-07-01T09:00:00");
  w.surveys.correct(
      w.surveyor,
      json::object{{"case_number", number}, {"contact_phone", "13900000007"}, {"reason", "申请人来电更正号码"}},
      w.reader);
  ASSERT_EQ(w.count("SELECT pii_key FROM contact_corrections"), 1);

  // A rotation that wrote key 2 and raised the floor, before re-sealing anything.
  const auto stale = store::vault();
  store::use_vault_file(ow::testing::test_key_file());
  ASSERT_EQ(store::Vault::add_key(ow::testing::test_key_file()), 2);
  w.exec("UPDATE personal_data_key_floor SET floor = 2");
  EXPECT_EQ(w.pool.transact([](store::Tx& tx) { return store::survey::corrections_behind(tx, 2); }), 1);
  const auto cases_behind = w.count(
      "SELECT (SELECT count(*) FROM cases WHERE pii_key < 2 AND applicant_sealed IS NOT NULL)"
      " + (SELECT count(*) FROM idempotency_keys WHERE pii_key < 2)");
  EXPECT_EQ(w.pool.transact([](store::Tx& tx) { return store::sealed_rows::behind(tx, 2); }), cases_behind + 1)
      << "the rotation's rows behind count the corrections";
  const auto old = stale->seal(R"({"name":"","phone":"13900000008"})", "contact_corrections:" + number);
  ASSERT_EQ(old.key_id, 1);
  try {
    w.exec("UPDATE contact_corrections SET pii_key = 1, contact_sealed = '" + old.text + "'");
    ADD_FAILURE() << "a correction re-sealed with the retired key was accepted";
  } catch (const pqxx::sql_error& e) {
    EXPECT_EQ(e.sqlstate(), "OW001");
  }

  std::string out;
  ASSERT_EQ(ow::testing::run_onewindow(w.url, "keys reseal", &out), 0) << out;
  EXPECT_EQ(w.count("SELECT count(*) FROM contact_corrections WHERE pii_key <> 2"), 0);
  EXPECT_EQ(w.count("SELECT count(*) FROM contact_corrections WHERE contact_sealed LIKE '%13900000007%'"), 0);
  ASSERT_EQ(ow::testing::run_onewindow(w.url, "keys status", &out), 0) << out;
  EXPECT_NE(out.find("rows behind 0"), std::string::npos) << out;
  const auto frame = w.surveys.frame(w.surveyor, "2026-06", std::nullopt, w.reader);
  const auto row = find_row(frame, number);
  EXPECT_EQ(row.at("contact_phone").as_string(), "13900000007");
  EXPECT_EQ(row.at("correction").at("by").as_string(), "surveyor_city");
}
