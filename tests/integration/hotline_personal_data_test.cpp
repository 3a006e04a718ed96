// 12345 tickets' sealed applicant under the personal-data rules (issues 15 and 18) against real PostgreSQL:
// a half-done rotation counts the tickets still on the retired key among the rows behind, the database refuses
// a ticket sealed with that key (SQLSTATE OW001) while a desk on the old key takes the new one and retries, and
// `onewindow keys reseal` re-seals every ticket so that it opens under the new key; the retention pass erases
// the applicant of tickets answered more than the personal-data period ago and keeps the others'.
#include <gtest/gtest.h>

#include <unistd.h>

#include <boost/json.hpp>
#include <ctime>
#include <pqxx/pqxx>

#include "adapters/department/signature.hpp"
#include "services/casework/retention.hpp"
#include "services/store/sealed_rows_store.hpp"
#include "services/store/sealed_tickets_store.hpp"
#include "services/store/vault.hpp"
#include "services/supervision/hotline_desk.hpp"
#include "tests/support/case_world.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/test_env.hpp"

using namespace ow;
namespace json = boost::json;
using ow::testing::at;

namespace {

const char* kSecret = "it-hotline-pd-secret";
const std::string kName = "司马晓燕", kPhone = "13912340987", kIdNumber = "330106198802023456";

struct World : ow::testing::CaseWorld {
  supervision::HotlineDesk desk{pool, catalog, time, clock, {"12345", std::string(kSecret)}};
  platform::Actor hotline, rs;

  explicit World(const std::string& name) : CaseWorld(name, at("2026-06-01T10:00:00")) {
    hotline.role = platform::Role::department_system;
    hotline.login = "12345";
    rs = ow::testing::staff(pool, "rs1", platform::Role::approver, "RS");
  }

  // A signed complaint of kName about a window of department RS; returns the ticket's id.
  std::int64_t send(const std::string& id) {
    const json::object t{{"id", id},
                         {"kind", "投诉"},
                         {"subject", "窗口排队时间长"},
                         {"received_at", "2026-06-01T10:00:00+08:00"},
                         {"applicant", json::object{{"name", kName}, {"phone", kPhone}, {"id_number", kIdNumber}}},
                         {"hall", "XH01"},
                         {"window", "W01"},
                         {"department", "RS"}};
    const std::string body = json::serialize(t), ts = std::to_string(std::time(nullptr));
    const auto a = desk.receive(hotline, {"", ts, adapters::sign(kSecret, ts, body), body});
    EXPECT_EQ(a.status, 201u);
    return a.body.at("id").as_int64();
  }
  // Runs SQL as the test server's superuser.
  pqxx::result sql(const std::string& text) {
    pqxx::connection c(url);
    pqxx::work w(c);
    auto r = w.exec(text);
    w.commit();
    return r;
  }
  std::int64_t count(const std::string& text) { return sql(text)[0][0].as<std::int64_t>(); }
  int cli(const std::string& args, std::string* out) { return ow::testing::run_onewindow(url, args, out); }
  // The ticket's applicant, opened with this process's keys.
  std::string applicant(std::int64_t id) {
    const auto r = sql("SELECT hotline_id, pii_key, applicant_sealed FROM hotline_tickets WHERE id = " +
                       std::to_string(id))[0];
    return store::vault()->open({r[1].as<int>(), r[2].as<std::string>()},
                                store::sealed_tickets::applicant_context(r[0].as<std::string>()));
  }
};

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace

TEST(HotlinePersonalData, TicketsAreRowsBehindARotationRefusedOnTheRetiredKeyAndResealed) {
  World w("it_hotline_keys_" + std::to_string(::getpid()));
  ASSERT_EQ(store::vault()->current_key(), 1);
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 3; ++i) ids.push_back(w.send("KR-" + std::to_string(i)));
  // A rotation that stopped after writing key 2 and raising the floor, before re-sealing anything.
  store::use_vault_file(ow::testing::test_key_file());  // this process next looks at the file a second from now
  const auto stale = store::vault();
  ASSERT_EQ(store::Vault::add_key(ow::testing::test_key_file()), 2);
  w.sql("UPDATE personal_data_key_floor SET floor = 2");
  const auto others = w.count("SELECT (SELECT count(*) FROM cases WHERE pii_key < 2 AND applicant_sealed IS NOT NULL)"
                              " + (SELECT count(*) FROM idempotency_keys WHERE pii_key < 2)");
  EXPECT_EQ(w.pool.transact([](store::Tx& tx) { return store::sealed_tickets::behind(tx, 2); }), 3);
  EXPECT_EQ(w.pool.transact([](store::Tx& tx) { return store::sealed_rows::behind(tx, 2); }), others + 3)
      << "the rotation's rows behind count the tickets";

  // PostgreSQL refuses a ticket sealed with key 1 (update or insert); erasing is still allowed.
  const auto old = stale->seal(R"({"name":"x"})", store::sealed_tickets::applicant_context("KR-0"));
  ASSERT_EQ(old.key_id, 1);
  try {
    w.sql("UPDATE hotline_tickets SET pii_key = 1, applicant_sealed = '" + old.text + "' WHERE id = " +
          std::to_string(ids[0]));
    ADD_FAILURE() << "a ticket re-sealed with the retired key was accepted";
  } catch (const pqxx::sql_error& e) {
    EXPECT_EQ(e.sqlstate(), "OW001");
  }
  EXPECT_THROW(w.sql("INSERT INTO hotline_tickets (hotline_id, request_sha256, kind, subject, region_code, pii_key,"
                     " applicant_sealed, applicant_index, received_at, due_at) VALUES ('KR-X', 'h', 'complaint', 's',"
                     " '330106', 1, '" + old.text + "', 'i', now(), now())"),
               pqxx::sql_error);
  // This process, still on key 1, is refused, takes key 2 from the file and retries: the ticket is stored.
  ASSERT_EQ(store::vault()->current_key(), 1);
  const auto during = w.send("KR-during");
  EXPECT_EQ(store::vault()->current_key(), 2);
  EXPECT_EQ(w.count("SELECT pii_key FROM hotline_tickets WHERE id = " + std::to_string(during)), 2);

  std::string out;
  ASSERT_EQ(w.cli("keys reseal", &out), 0) << out;
  EXPECT_EQ(w.count("SELECT count(*) FROM hotline_tickets WHERE pii_key <> 2"), 0);
  ids.push_back(during);
  for (const auto id : ids) {
    const auto applicant = json::parse(w.applicant(id)).as_object();
    EXPECT_EQ(applicant.at("name").as_string(), kName);
    EXPECT_EQ(applicant.at("id_number").as_string(), kIdNumber);
  }
  ASSERT_EQ(w.cli("keys status", &out), 0) << out;
  EXPECT_TRUE(contains(out, "current key 2, oldest key the database accepts 2, rows behind 0")) << out;
  EXPECT_EQ(w.count("SELECT count(*) FROM hotline_tickets WHERE applicant_sealed LIKE '%" + kPhone + "%'"), 0);
}

TEST(HotlinePersonalData, RetentionErasesTheApplicantOfTicketsAnsweredLongerAgoThanThePeriod) {
  World w("it_hotline_retention_" + std::to_string(::getpid()));
  const auto old_answered = w.send("RT-old"), recent_answered = w.send("RT-recent"), open = w.send("RT-open");
  for (const auto id : {old_answered, recent_answered})
    w.desk.answer(w.rs, id, json::object{{"answer", "已电话答复"}, {"direct", true}});
  w.sql("UPDATE hotline_tickets SET answered_at = now() - interval '1100 days' WHERE id = " +
        std::to_string(old_answered));
  w.sql("UPDATE hotline_tickets SET answered_at = now() - interval '1000 days' WHERE id = " +
        std::to_string(recent_answered));
  w.sql("UPDATE hotline_tickets SET received_at = now() - interval '1200 days' WHERE id = " + std::to_string(open));

  const auto pass = casework::run_retention(w.pool, {72, 1095}, w.now.load());
  EXPECT_EQ(pass.tickets_purged, 1);
  EXPECT_EQ(w.count("SELECT count(*) FROM hotline_tickets WHERE id = " + std::to_string(old_answered) +
                    " AND applicant_sealed IS NULL AND applicant_index IS NULL AND answer = '已电话答复'"),
            1)
      << "the applicant is erased, the ticket and its answer stay";
  EXPECT_TRUE(contains(w.applicant(recent_answered), kName)) << "answered within the period: kept";
  EXPECT_TRUE(contains(w.applicant(open), kName)) << "not answered: kept";
  EXPECT_EQ(casework::run_retention(w.pool, {72, 1095}, w.now.load()).tickets_purged, 0) << "erased once";
  // The purged ticket is still listed, with its answer.
  bool listed = false;
  const auto page = w.desk.list(w.rs, {});
  for (const auto& item : page.at("items").as_array())
    listed = listed || item.at("id").as_int64() == old_answered;
  EXPECT_TRUE(listed);
}
