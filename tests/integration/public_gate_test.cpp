// Query codes (查询码) and the public lookup's gate against real PostgreSQL and Redis: a code is issued on every
// way into acceptance and on no other, only a clerk of the case's hall sees it on the receipt (inside the QR
// link too), the migration gives earlier cases one, and guesses are limited per case and per client address —
// counted before the comparison, so that 16 concurrent guesses get exactly the limit.
#include <gtest/gtest.h>

#include <unistd.h>
#include <boost/json.hpp>
#include <pqxx/pqxx>
#include <thread>

#include "services/acceptance/documents.hpp"
#include "services/acceptance/intake_request.hpp"
#include "services/casework/public_gate.hpp"
#include "services/casework/query_code.hpp"
#include "services/platform/problem.hpp"
#include "services/store/attempt_limiter.hpp"
#include "services/store/migrator.hpp"
#include "services/store/pg_types.hpp"
#include "services/store/query_code_store.hpp"
#include "tests/support/case_world.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/test_env.hpp"
#include "workflow/flow/case_number.hpp"

using namespace ow;
using namespace std::chrono_literals;
namespace json = boost::json;

namespace {

using ow::testing::at;

struct World : ow::testing::CaseWorld {
  World() : CaseWorld("it_public", at("2026-06-01T10:00:00")) {}

  std::string create(json::object body, const std::string& key) {
    auto a = intake.create(clerk, key, json::serialize(body), acceptance::parse_intake_request(body));
    EXPECT_EQ(a.status, 201u) << a.body;
    return std::string(json::parse(a.body).at("number").as_string());
  }
  void decide(const std::string& number, json::object decision, json::array materials) {
    intake.decide(clerk, number,
                  acceptance::parse_decision_request(json::object{{"materials", materials}, {"decision", decision}}));
  }
  std::optional<std::string> code(const std::string& number) {
    return pool.transact([&](ow::store::Tx& tx) { return store::query_codes::of_number(tx, number); });
  }
  std::string state(const std::string& number) {
    return pool.transact([&](ow::store::Tx& tx) { return store::cases::by_number(tx, number)->state; });
  }
};

json::array all_materials() { return ow::testing::retirement_application().at("materials").as_array(); }

json::array without(const std::string& material) {
  json::array kept;
  for (const auto& m : all_materials())
    if (m.at("id").as_string() != material) kept.push_back(m);
  return kept;
}
json::array without_household_register() { return without("household_register"); }

// A gate on the test Redis whose keys no other test (or earlier run) shares.
struct Gate {
  store::RedisClient redis;
  store::AttemptLimiter limiter{redis};
  casework::PublicGate gate;
  Gate(store::PgPool& pool, const std::string& name, int per_case = 5, int per_address = 20,
       std::chrono::seconds window = 900s)
      : redis(ow::testing::test_servers().redis_host, ow::testing::test_servers().redis_port, 1000ms,
              ow::testing::test_servers().redis_password),
        gate(pool, limiter,
             {per_case, per_address, window,
              "it:lookup:" + std::to_string(::getpid()) + ":" + name + ":" +
                  std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()) + ":"}) {}
};

// The Problem admit() throws, or status 0 when it admits.
platform::Problem outcome(casework::PublicGate& gate, const std::string& number, const std::string& code,
                          const std::string& address = "203.0.113.7") {
  try {
    gate.admit(number, code, address);
  } catch (const platform::Problem& p) {
    return p;
  }
  return platform::Problem(0, "admitted", "");
}

// A code of the alphabet that is not `code`.
std::string wrong(const std::string& code) {
  std::string w = code;
  w[9] = w[9] == '3' ? '4' : '3';
  return w;
}

}  // namespace

TEST(QueryCode, IssuedOnEveryWayIntoAcceptanceAndNoOther) {
  World w;
  const auto window = w.create(ow::testing::retirement_application(), "window");
  ASSERT_TRUE(w.code(window));
  EXPECT_EQ(casework::query_code::normalise(*w.code(window)), *w.code(window));

  json::object deferral = ow::testing::retirement_application();
  deferral["materials"] = without_household_register();
  deferral["decision"] = json::object{
      {"kind", "accept_with_deferral"},
      {"deferrals", json::array{json::object{{"material", "household_register"}, {"due_date", "2026-06-05"}}}}};
  const auto deferred = w.create(deferral, "deferral");
  EXPECT_TRUE(w.code(deferred)) << "容缺受理";

  const auto online = w.create(ow::testing::retirement_application("online"), "online");
  EXPECT_EQ(w.state(online), "Submitted");
  EXPECT_FALSE(w.code(online)) << "an online submission is not accepted yet";
  w.decide(online, json::object{{"kind", "accept"}}, all_materials());
  EXPECT_TRUE(w.code(online)) << "accepted at pre-review";

  // Short of the application form (the household register would be verified in the e-licence library).
  json::object short_of_one = ow::testing::retirement_application();
  short_of_one["materials"] = without("retirement_application");
  short_of_one["decision"] = json::object{{"kind", "supplement"}};
  const auto supplement = w.create(short_of_one, "supplement");
  EXPECT_EQ(w.state(supplement), "AwaitingSupplement");
  EXPECT_FALSE(w.code(supplement));
  w.decide(supplement, json::object{{"kind", "accept"}}, all_materials());
  EXPECT_TRUE(w.code(supplement)) << "accepted after 补正";

  json::object refusal = ow::testing::retirement_application();
  refusal["decision"] =
      json::object{{"kind", "refuse"}, {"reason", "不属于本中心受理范围"}, {"legal_basis", "《行政许可法》第三十二条"}};
  const auto refused = w.create(refusal, "refuse");
  EXPECT_EQ(w.state(refused), "Refused");
  EXPECT_FALSE(w.code(refused));

  // Later actions keep the code.
  const auto before = *w.code(deferred);
  w.now = at("2026-06-02T10:00:00");
  w.intake.deferred_received(w.clerk, deferred,
                             json::object{{"material", "household_register"}, {"applicant_present", true}});
  EXPECT_EQ(w.code(deferred), before);

  std::set<std::string> codes{*w.code(window), *w.code(deferred), *w.code(online), *w.code(supplement)};
  EXPECT_EQ(codes.size(), 4u);
}

TEST(QueryCode, OnlyAClerkOfTheCasesHallSeesItOnTheReceipt) {
  World w;
  acceptance::IntakeService intake(w.pool, w.catalog, w.time, w.elicenses, w.clock, "https://zwfw.example.gov.cn/");
  const auto number = w.create(ow::testing::retirement_application(), "receipt");
  const std::string code = casework::query_code::grouped(*w.code(number));
  const std::string link = "https://zwfw.example.gov.cn/progress?number=" + number + "&code=" + code;

  const std::string clerks = intake.document(w.clerk, number, "receipt");
  EXPECT_NE(clerks.find("<td class=\"code\">" + code + "</td>"), std::string::npos);
  EXPECT_NE(clerks.find(acceptance::qr_svg(link)), std::string::npos) << "the QR code encodes the link with the code";
  EXPECT_EQ(clerks.find("手机号后四位"), std::string::npos);

  platform::Actor other_hall = w.clerk;
  other_hall.hall_code = "SC01";
  const auto supervisor = ow::testing::staff(w.pool, "sup", platform::Role::supervisor);
  const auto approver = ow::testing::staff(w.pool, "rs", platform::Role::approver, "RS");
  // Those who may not see the applicant unmasked get no document at all (personal data rule).
  for (const auto& who : {other_hall, supervisor, approver}) {
    try {
      (void)intake.document(who, number, "receipt");
      ADD_FAILURE() << to_string(who.role) << " got the receipt";
    } catch (const platform::Problem& p) {
      EXPECT_EQ(p.status(), 403u) << to_string(who.role);
    }
  }
  // The approver holding a task may open the receipt, but without the code.
  std::int64_t task = 0;
  const json::object inbox = w.backoffice.inbox(approver, {});  // kept alive while iterating
  for (const auto& t : inbox.at("items").as_array())
    if (t.at("number").as_string() == number) task = t.at("id").as_int64();
  ASSERT_NE(task, 0);
  w.backoffice.claim(approver, task);
  const std::string receipt = intake.document(approver, number, "receipt");
  EXPECT_EQ(receipt.find(code), std::string::npos);
  EXPECT_EQ(receipt.find(*w.code(number)), std::string::npos);
  EXPECT_NE(receipt.find("仅在受理窗口打印的回执上显示"), std::string::npos);
  EXPECT_NE(receipt.find(acceptance::qr_svg("https://zwfw.example.gov.cn/progress?number=" + number)),
            std::string::npos);
  // Staff views and lists never carry it.
  for (const auto& who : {w.clerk, supervisor}) {
    const std::string view = json::serialize(w.intake.view(who, number)) + json::serialize(w.intake.list(who, {}));
    EXPECT_EQ(view.find(*w.code(number)), std::string::npos);
    EXPECT_EQ(view.find(code), std::string::npos);
  }
}

TEST(QueryCode, TheMigrationGivesEarlierAcceptedCasesACode) {
  const std::string url = ow::testing::fresh_database("it_public_backfill_" + std::to_string(::getpid()));
  pqxx::connection c(url);
  auto files = store::read_migrations(ow::testing::source_dir() + "/sql");
  std::vector<store::MigrationFile> before, through;
  for (const auto& f : files) {
    if (f.version < 11) before.push_back(f);
    if (f.version <= 11) through.push_back(f);
  }
  ASSERT_EQ(through.back().name, "011_query_codes.sql");
  store::Migrator(url, before).migrate();
  {
    pqxx::work tx(c);
    tx.exec0("INSERT INTO catalog_versions (checksum, documents, summary, loaded_by) VALUES ('x', '{}', '{}', 'test')");
    tx.exec0(
        "INSERT INTO cases (number, bundle_code, catalog_version, state, channel, region_code, applicant, phone, accepted_at)"
        " SELECT 'n' || i, 'TXYJS', 1, 'InProgress', 'window', '330106', '{}', '13812345678', now()"
        " FROM generate_series(1, 200) i");
    tx.exec0(
        "INSERT INTO cases (number, bundle_code, catalog_version, state, channel, region_code, applicant, phone)"
        " SELECT 's' || i, 'TXYJS', 1, 'Submitted', 'online', '330106', '{}', '13812345678' FROM generate_series(1, 3) i");
    tx.commit();
  }
  ASSERT_EQ(store::Migrator(url, through).migrate().size(), 1u);
  pqxx::read_transaction tx(c);
  const auto rows =
      tx.exec("SELECT c.number, q.code FROM cases c LEFT JOIN case_query_codes q ON q.case_id = c.id ORDER BY c.id");
  ASSERT_EQ(rows.size(), 203u);
  std::set<std::string> codes;
  std::map<char, int> symbols;
  for (const auto& r : rows) {
    const std::string number = r[0].as<std::string>();
    if (number[0] == 's') {
      EXPECT_TRUE(r[1].is_null()) << number;
      continue;
    }
    ASSERT_FALSE(r[1].is_null()) << number;
    const std::string code = r[1].as<std::string>();
    EXPECT_EQ(casework::query_code::normalise(code), code);
    codes.insert(code);
    for (char s : code) ++symbols[s];
  }
  EXPECT_EQ(codes.size(), 200u) << "each case its own random code";
  EXPECT_EQ(symbols.size(), 22u) << "2,000 symbols use the whole alphabet";
}

TEST(PublicGate, FiveWrongCodesLockTheCaseEvenAgainstTheRightOneButNotOtherCases) {
  World w;
  Gate g(w.pool, "lock");
  const auto number = w.create(ow::testing::retirement_application(), "a");
  const auto other = w.create(ow::testing::retirement_application(), "b");
  const std::string code = *w.code(number);

  for (int i = 0; i < 8; ++i) EXPECT_EQ(outcome(g.gate, number, code).status(), 0u) << "right codes are not misses";
  EXPECT_EQ(outcome(g.gate, number, casework::query_code::grouped(code)).status(), 0u);
  std::string lower = casework::query_code::grouped(code);
  for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  EXPECT_EQ(outcome(g.gate, number, lower).status(), 0u);

  // A malformed code is refused as such and not counted.
  for (int i = 0; i < 8; ++i) {
    const auto p = outcome(g.gate, number, "5678");
    EXPECT_EQ(p.status(), 400u);
    EXPECT_EQ(p.code(), "invalid_query_code");
    EXPECT_EQ(p.extra().at("field").as_string(), "code");
  }

  // A wrong code and an unknown number give the same answer.
  const auto unknown = flow::make_case_number("330106", calendar::cst_date(at("2026-06-01T10:00:00")), 999);
  const auto a = outcome(g.gate, number, wrong(code)), b = outcome(g.gate, unknown, wrong(code));
  EXPECT_EQ(a.status(), 404u);
  EXPECT_EQ(a.code(), b.code());
  EXPECT_EQ(a.title(), b.title());
  EXPECT_EQ(a.detail(), b.detail());
  EXPECT_EQ(json::serialize(a.extra()), json::serialize(b.extra()));
  for (int i = 2; i <= 5; ++i) EXPECT_EQ(outcome(g.gate, number, wrong(code)).status(), 404u) << "miss " << i;

  const auto locked = outcome(g.gate, number, code);
  EXPECT_EQ(locked.status(), 429u);
  EXPECT_EQ(locked.code(), "lookup_locked");
  EXPECT_TRUE(locked.title().starts_with("查询已锁定，请于 ")) << locked.title();
  EXPECT_TRUE(locked.title().ends_with(" 后再试")) << locked.title();
  EXPECT_GT(locked.retry_after(), 840u);  // the whole window, from the fifth miss
  EXPECT_LE(locked.retry_after(), 900u);
  EXPECT_EQ(outcome(g.gate, number, wrong(code)).code(), "lookup_locked");
  EXPECT_EQ(outcome(g.gate, other, *w.code(other)).status(), 0u) << "another case is not locked";
  EXPECT_EQ(outcome(g.gate, number, code, "198.51.100.1").code(), "lookup_locked")
      << "the lock is the case's, from any address";
}

TEST(PublicGate, SixteenConcurrentGuessesGetExactlyTheLimit) {
  World w;
  Gate g(w.pool, "race");
  const auto number = w.create(ow::testing::retirement_application(), "race");
  const std::string guess = wrong(*w.code(number));
  std::vector<unsigned> statuses(16);
  std::vector<std::thread> threads;
  std::atomic<bool> go{false};
  for (int i = 0; i < 16; ++i)
    threads.emplace_back([&, i] {
      while (!go) std::this_thread::yield();
      statuses[i] = outcome(g.gate, number, guess).status();
    });
  go = true;
  for (auto& t : threads) t.join();
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 404u), 5);
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 429u), 11);
}

TEST(PublicGate, MissesFromOneAddressAreLimitedAcrossCases) {
  World w;
  Gate g(w.pool, "address", 5, 20);
  const auto number = w.create(ow::testing::retirement_application(), "address");
  const calendar::Date day = calendar::cst_date(at("2026-06-01T10:00:00"));
  for (int i = 0; i < 20; ++i)  // twenty different unknown numbers: no case is locked
    EXPECT_EQ(outcome(g.gate, flow::make_case_number("330106", day, 500 + i), "XK7M-RT4H-PW", "203.0.113.9").status(),
              404u);
  const auto throttled = outcome(g.gate, number, *w.code(number), "203.0.113.9");
  EXPECT_EQ(throttled.status(), 429u);
  EXPECT_EQ(throttled.code(), "lookup_throttled");
  EXPECT_TRUE(throttled.title().starts_with("查询错误次数过多，请于 ")) << throttled.title();
  EXPECT_GT(throttled.retry_after(), 0u);
  EXPECT_EQ(outcome(g.gate, number, *w.code(number), "203.0.113.10").status(), 0u) << "another address is not limited";
}

TEST(PublicGate, ALockEndsWithItsWindow) {
  World w;
  Gate g(w.pool, "expiry", 2, 20, 2s);
  const auto number = w.create(ow::testing::retirement_application(), "expiry");
  const std::string code = *w.code(number);
  EXPECT_EQ(outcome(g.gate, number, wrong(code)).status(), 404u);
  EXPECT_EQ(outcome(g.gate, number, wrong(code)).status(), 404u);
  const auto locked = outcome(g.gate, number, code);
  ASSERT_EQ(locked.status(), 429u);
  EXPECT_LE(locked.retry_after(), 2u);
  std::this_thread::sleep_for(std::chrono::seconds(locked.retry_after()) + 1200ms);
  EXPECT_EQ(outcome(g.gate, number, code).status(), 0u);
}

TEST(PublicGate, WithoutRedisNothingIsCompared) {
  World w;
  store::RedisClient dead("127.0.0.1", ow::testing::free_port(), 200ms);
  store::AttemptLimiter limiter(dead);
  casework::PublicGate gate(w.pool, limiter, {});
  const auto number = w.create(ow::testing::retirement_application(), "dead");
  EXPECT_THROW(gate.admit(number, *w.code(number), "203.0.113.7"), store::RedisUnavailable);
}
