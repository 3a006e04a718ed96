// Issue 15 against real PostgreSQL: personal data is sealed at rest (no plain name, ID number or phone in any
// table's rows or on-disk pages), found again by blind index, re-sealed by `onewindow keys rotate` under
// concurrent intake (and a half-done rotation resumes), idempotency records expire, concluded cases' personal
// data is dropped after its period (audited), and the audit trail's hash chain and anchors reveal an edited,
// deleted or reordered row.
#include <gtest/gtest.h>

#include <unistd.h>

#include <atomic>
#include <boost/json.hpp>
#include <filesystem>
#include <pqxx/pqxx>
#include <thread>

#include "services/acceptance/elicense_cache.hpp"
#include "services/acceptance/intake_request.hpp"
#include "services/casework/retention.hpp"
#include "services/store/case_personal_data.hpp"
#include "services/store/case_store.hpp"
#include "services/store/pg_types.hpp"
#include "services/store/sealed_rows_store.hpp"
#include "services/store/vault.hpp"
#include "tests/support/case_world.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/test_env.hpp"

using namespace ow;
using namespace std::chrono_literals;
namespace json = boost::json;

namespace {

using ow::testing::at;

// Values no other test uses, so that finding them anywhere means this test's case leaked them.
const std::string kName = "欧阳明秀", kIdNumber = "11010519491231002X", kPhone = "13912345670";

json::object application() {
  auto b = ow::testing::retirement_application();
  b["applicant"] = json::object{{"kind", "person"}, {"name", kName}, {"id_number", kIdNumber}};
  b["contact_phone"] = kPhone;
  return b;
}

struct World : ow::testing::CaseWorld {
  explicit World(const std::string& name) : CaseWorld(name, at("2026-06-01T10:00:00")) {}

  std::string create(const std::string& key, json::object body = application()) {
    auto a = intake.create(clerk, key, json::serialize(body), acceptance::parse_intake_request(body));
    EXPECT_EQ(a.status, 201u) << a.body;
    return std::string(json::parse(a.body).at("number").as_string());
  }
  // Runs SQL as the test server's superuser (the platform's own role could not).
  pqxx::result sql(const std::string& text) {
    pqxx::connection c(url);
    pqxx::work w(c);
    auto r = w.exec(text);
    w.commit();
    return r;
  }
  // `onewindow ARGS` against this database and this process's key file (or another); returns the exit status.
  int cli(const std::string& args, std::string* out, const std::string& key_file = ow::testing::test_key_file()) {
    return ow::testing::run_onewindow(url, args, out, key_file);
  }
};

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace

TEST(PersonalDataAtRest, NoPlainNameIdNumberOrPhoneInAnyTableOrPage) {
  World w("it_sealed_" + std::to_string(::getpid()));
  const auto number = w.create("sealed-1");
  // The clerk still reads them: sealed on the way in, opened on the way out.
  const auto view = json::serialize(w.intake.view(w.clerk, number));
  EXPECT_TRUE(contains(view, kName) && contains(view, kIdNumber) && contains(view, kPhone)) << view;

  // Every row of every table of ours, as text.
  std::string rows;
  for (const auto& t : w.sql("SELECT tablename FROM pg_tables WHERE schemaname = 'public'"))
    for (const auto& r : w.sql("SELECT t::text FROM " + t[0].as<std::string>() + " t"))
      rows += r[0].as<std::string>() + "\n";
  ASSERT_TRUE(contains(rows, number)) << "the scan sees the case";
  for (const auto& v : {kName, kIdNumber, kPhone}) EXPECT_FALSE(contains(rows, v)) << v << " is stored in plain";

  // The bytes PostgreSQL wrote to disk for those tables, their TOAST tables and indexes (after a checkpoint).
  w.sql("CHECKPOINT");
  std::string pages;
  for (const auto& r : w.sql("SELECT pg_read_binary_file(pg_relation_filepath(c.oid)) FROM pg_class c"
                             " WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'i')"
                             " UNION ALL SELECT pg_read_binary_file(pg_relation_filepath(c.reltoastrelid))"
                             " FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.reltoastrelid <> 0"))
    pages += pqxx::binarystring(r[0]).str();
  ASSERT_TRUE(contains(pages, number)) << "the page scan sees the case";
  for (const auto& v : {kName, kIdNumber, kPhone}) EXPECT_FALSE(contains(pages, v)) << v << " is on disk in plain";

  // A sealed value moved to another case does not open there.
  const auto other = w.create("sealed-2", ow::testing::retirement_application());
  w.sql("UPDATE cases SET phone_sealed = (SELECT phone_sealed FROM cases WHERE number = '" + number +
        "') WHERE number = '" + other + "'");
  EXPECT_THROW(w.intake.view(w.clerk, other), std::exception);
}

TEST(PersonalDataAtRest, AnApplicantsCasesAreFoundByIdNumberOrPhoneThroughTheBlindIndex) {
  World w("it_blind_" + std::to_string(::getpid()));
  const auto mine = w.create("blind-1");
  const auto someone_else = w.create("blind-2", ow::testing::retirement_application());
  const auto vault = store::vault();
  auto numbers = [&](const std::string& holder, const std::string& phone) {
    std::set<std::string> out;
    w.pool.transact([&](store::Tx& tx) {
      for (const auto& c : store::cases::of_holder(tx, "3301", holder, phone, 50)) out.insert(c.number);
    });
    return out;
  };
  // The ID number as a clerk may type it: lower-case x, spaces.
  EXPECT_EQ(numbers(store::holder_index(*vault, " 11010519491231002x"), ""),
            (std::set<std::string>{mine, someone_else}));
  EXPECT_EQ(numbers("", store::phone_index(*vault, kPhone)), std::set<std::string>{mine});
  EXPECT_TRUE(numbers("", store::phone_index(*vault, "13000000000")).empty());
  EXPECT_TRUE(numbers(store::holder_index(*vault, kIdNumber), "").size() == 2);
  EXPECT_TRUE(numbers(store::holder_index(*vault, kIdNumber), "").count(mine));
  // Outside the scope: nothing.
  w.pool.transact([&](store::Tx& tx) {
    EXPECT_TRUE(store::cases::of_holder(tx, "3302", store::holder_index(*vault, kIdNumber), "", 50).empty());
  });
}

TEST(PersonalDataAtRest, RotationUnderConcurrentIntakeLeavesEveryRowReadableAndNoneOnKeyOne) {
  World w("it_rotate_" + std::to_string(::getpid()));
  for (int i = 0; i < 40; ++i) w.create("before-" + std::to_string(i));
  ASSERT_EQ(store::vault()->current_key(), 1);

  std::atomic<bool> stop{false};
  std::atomic<int> made{0};
  std::vector<std::thread> clerks;
  for (int t = 0; t < 2; ++t)
    clerks.emplace_back([&, t] {
      for (int i = 0; !stop; ++i) {
        w.create("during-" + std::to_string(t) + "-" + std::to_string(i));
        ++made;
      }
    });
  while (made < 10) std::this_thread::sleep_for(10ms);
  std::string out;
  const int status = w.cli("keys rotate", &out);
  while (made < 60) std::this_thread::sleep_for(10ms);  // intake goes on after the rotation, on key 2
  stop = true;
  for (auto& c : clerks) c.join();
  ASSERT_EQ(status, 0) << out;
  EXPECT_TRUE(contains(out, "key 2 added")) << out;
  EXPECT_EQ(store::vault()->current_key(), 2) << "this process took the new key from the file";

  const auto on_key = w.sql("SELECT pii_key, count(*) FROM cases GROUP BY pii_key ORDER BY 1");
  ASSERT_EQ(on_key.size(), 1u) << "every case on one key";
  EXPECT_EQ(on_key[0][0].as<int>(), 2);
  EXPECT_EQ(on_key[0][1].as<int>(), 40 + made.load());
  EXPECT_EQ(w.sql("SELECT count(*) FROM idempotency_keys WHERE pii_key <> 2")[0][0].as<int>(), 0);
  // Every row opens, under the number it belongs to.
  int opened = 0;
  for (const auto& r : w.sql("SELECT number FROM cases")) {
    const auto v = w.intake.view(w.clerk, r[0].as<std::string>());
    EXPECT_EQ(v.at("contact_phone").as_string(), kPhone);
    ++opened;
  }
  EXPECT_EQ(opened, 40 + made.load());
  // A replay after the rotation opens the answer sealed under key 1 and re-sealed under key 2.
  const auto body = application();
  EXPECT_EQ(w.intake.create(w.clerk, "before-0", json::serialize(body), acceptance::parse_intake_request(body)).status,
            201u);
}

TEST(PersonalDataAtRest, AHalfDoneRotationResumesAndTheDatabaseRefusesTheRetiredKey) {
  World w("it_resume_" + std::to_string(::getpid()));
  for (int i = 0; i < 5; ++i) w.create("r-" + std::to_string(i));
  // A rotation that stopped after writing key 2 and raising the floor, before re-sealing anything.
  store::use_vault_file(ow::testing::test_key_file());  // this process next looks at the file a second from now
  const auto stale = store::vault();
  ASSERT_EQ(store::Vault::add_key(ow::testing::test_key_file()), 2);
  w.sql("UPDATE personal_data_key_floor SET floor = 2");
  // This process, still on key 1, is refused (OW001), takes key 2 from the file and retries: the intake succeeds.
  ASSERT_EQ(store::vault()->current_key(), 1);
  const auto during = w.create("during-rotation");
  EXPECT_EQ(store::vault()->current_key(), 2);
  EXPECT_EQ(w.sql("SELECT pii_key FROM cases WHERE number = '" + during + "'")[0][0].as<int>(), 2);
  // A process still sealing with key 1 is refused by PostgreSQL itself.
  const auto sealed = store::seal_personal_data(*stale, "X", R"({"kind":"person"})", kPhone);
  EXPECT_THROW(w.sql("UPDATE cases SET pii_key = 1, applicant_sealed = '" + sealed.applicant + "' WHERE id = 1"),
               pqxx::sql_error);

  std::string out;
  ASSERT_EQ(w.cli("keys rotate", &out), 0) << out;
  EXPECT_TRUE(contains(out, "resuming the rotation to key 2")) << out;
  EXPECT_EQ(w.sql("SELECT count(*) FROM cases WHERE pii_key <> 2")[0][0].as<int>(), 0);
  ASSERT_EQ(w.cli("keys status", &out), 0) << out;
  EXPECT_TRUE(contains(out, "current key 2, oldest key the database accepts 2, rows behind 0")) << out;
}

TEST(PersonalDataAtRest, IdempotencyRecordsExpireAndAReplayAfterThatIsANewRequest) {
  World w("it_idem_expiry_" + std::to_string(::getpid()));
  const auto first = w.create("expiring");
  EXPECT_EQ(w.create("expiring"), first) << "within the retention the key replays";
  w.sql("UPDATE idempotency_keys SET created_at = now() - interval '73 hours'");
  const auto pass = casework::run_retention(w.pool, {72, 1095}, w.now.load());
  EXPECT_EQ(pass.idempotency_purged, 1);
  EXPECT_EQ(w.sql("SELECT count(*) FROM idempotency_keys")[0][0].as<int>(), 0);
  EXPECT_NE(w.create("expiring"), first) << "after the purge the same key is a new request";
}

TEST(PersonalDataAtRest, PersonalDataOfArchivedCasesIsDroppedAfterItsPeriodAndTheDropAudited) {
  World w("it_retention_" + std::to_string(::getpid()));
  const auto old_case = w.create("old"), recent = w.create("recent");
  w.sql("UPDATE cases SET state = 'Archived', ended_at = now() - interval '1100 days' WHERE number = '" + old_case +
        "'");
  w.sql("UPDATE cases SET state = 'Archived', ended_at = now() - interval '10 days' WHERE number = '" + recent + "'");
  const auto pass = casework::run_retention(w.pool, {72, 1095}, w.now.load());
  EXPECT_EQ(pass.cases_purged, 1);
  const auto gone = json::serialize(w.intake.view(w.clerk, old_case));
  EXPECT_FALSE(contains(gone, kName) || contains(gone, kPhone)) << gone;
  EXPECT_TRUE(contains(json::serialize(w.intake.view(w.clerk, recent)), kName));
  EXPECT_EQ(w.sql("SELECT count(*) FROM case_audit a JOIN cases c ON c.id = a.case_id WHERE c.number = '" + old_case +
                  "' AND a.event = 'personal_data_purged'")[0][0]
                .as<int>(),
            1);
  std::string out;
  EXPECT_EQ(w.cli("audit verify --all", &out), 0) << out;
}

TEST(AuditChain, AnEditedDeletedOrReorderedRowIsFoundAndNamed) {
  World w("it_audit_chain_" + std::to_string(::getpid()));
  std::vector<std::string> numbers;
  for (int i = 0; i < 4; ++i) numbers.push_back(w.create("audit-" + std::to_string(i)));
  std::string out;
  ASSERT_EQ(w.cli("audit verify --all", &out), 0) << out;
  EXPECT_TRUE(contains(out, "4 case chain(s) checked; all intact")) << out;

  auto rows = [&](const std::string& number) {
    std::vector<std::int64_t> ids;
    for (const auto& r : w.sql("SELECT a.id FROM case_audit a JOIN cases c ON c.id = a.case_id WHERE c.number = '" +
                               number + "' ORDER BY a.id"))
      ids.push_back(r[0].as<std::int64_t>());
    return ids;
  };
  const auto edited = rows(numbers[0]), deleted = rows(numbers[1]), reordered = rows(numbers[2]);
  ASSERT_GE(edited.size(), 2u);
  ASSERT_GE(deleted.size(), 3u);
  // A superuser changes one row's detail, deletes another, swaps two rows' places.
  w.sql("UPDATE case_audit SET detail = '已改' WHERE id = " + std::to_string(edited[1]));
  w.sql("DELETE FROM case_audit WHERE id = " + std::to_string(deleted[1]));
  w.sql("UPDATE case_audit SET id = -id WHERE id = " + std::to_string(reordered[0]) + ";" +
        "UPDATE case_audit SET id = " + std::to_string(reordered[0]) + " WHERE id = " + std::to_string(reordered[1]) +
        ";" + "UPDATE case_audit SET id = " + std::to_string(reordered[1]) + " WHERE id = -" +
        std::to_string(reordered[0]));

  EXPECT_EQ(w.cli("audit verify --all", &out), 1) << out;
  EXPECT_TRUE(contains(out, "audit row " + std::to_string(edited[1]) + ":")) << out;
  EXPECT_TRUE(contains(out, "audit row " + std::to_string(deleted[2]) + ":")) << out;
  EXPECT_TRUE(contains(out, "audit row " + std::to_string(reordered[0]) + ":")) << out;
  EXPECT_TRUE(contains(out, "3 broken")) << out;
  EXPECT_EQ(w.cli("audit verify --case " + numbers[3], &out), 0) << out;
  EXPECT_EQ(w.cli("audit verify --case " + numbers[0], &out), 1) << out;
}

TEST(AuditChain, TheDailyAnchorRevealsAChainCutShortAtItsEnd) {
  World w("it_audit_anchor_" + std::to_string(::getpid()));
  const auto number = w.create("anchor-1");
  w.create("anchor-2");
  std::string out;
  ASSERT_EQ(w.cli("audit anchor --day 2026-06-01", &out), 0) << out;
  EXPECT_TRUE(contains(out, "anchored 2026-06-01 root ")) << out;
  EXPECT_TRUE(contains(out, "(2 case(s))")) << out;
  ASSERT_EQ(w.cli("audit verify --all", &out), 0) << out;
  // Removing a case's last row leaves a valid chain; only the anchor shows it.
  w.sql(
      "DELETE FROM case_audit WHERE id = (SELECT max(a.id) FROM case_audit a JOIN cases c ON c.id = a.case_id"
      " WHERE c.number = '" +
      number + "')");
  EXPECT_EQ(w.cli("audit verify --all", &out), 1) << out;
  EXPECT_TRUE(contains(out, "BROKEN anchor of 2026-06-01")) << out;
}

TEST(AuditChain, ThePlatformsOwnWritesKeepTheChainWhenCasesAreWrittenConcurrently) {
  World w("it_audit_concurrent_" + std::to_string(::getpid()));
  const auto number = w.create("c-0");
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 5; ++i) w.create("c-" + std::to_string(t) + "-" + std::to_string(i));
    });
  for (auto& t : threads) t.join();
  std::string out;
  EXPECT_EQ(w.cli("audit verify --all", &out), 0) << out;
  EXPECT_TRUE(contains(out, "21 case chain(s) checked; all intact")) << out;
  (void)number;
}

TEST(LeastPrivilege, ThePlatformsRoleCannotEditTheAuditTrailOrChangeTheSchema) {
  World w("it_least_privilege");
  w.create("lp-1");
  const std::string base = w.url.substr(0, w.url.find('?'));
  const std::string app =
      ow::testing::url_of_database(ow::testing::test_servers().app_url, base.substr(base.rfind('/') + 1));
  auto as_app = [&](const std::string& text) {
    pqxx::connection c(app);
    pqxx::work tx(c);
    tx.exec(text);
    tx.commit();
  };
  EXPECT_NO_THROW(as_app("SELECT count(*) FROM case_audit"));
  EXPECT_NO_THROW(as_app("UPDATE cases SET updated_at = updated_at"));  // rows it works with
  for (const char* refused :
       {"UPDATE case_audit SET detail = 'x'", "DELETE FROM case_audit", "TRUNCATE case_audit",
        "UPDATE audit_anchors SET cases = 0", "DELETE FROM audit_anchors", "ALTER TABLE cases ADD COLUMN x int",
        "CREATE TABLE mine (x int)", "DROP TRIGGER case_audit_chain ON case_audit", "DELETE FROM schema_migrations",
        "UPDATE pii_access SET route = 'x'", "DELETE FROM pii_access", "DELETE FROM cases",
        "DELETE FROM personal_data_key_floor", "INSERT INTO personal_data_key_floor VALUES (0)"}) {
    try {
      as_app(refused);
      ADD_FAILURE() << "the platform's role may: " << refused;
    } catch (const pqxx::insufficient_privilege&) {  // SQLSTATE 42501
    } catch (const pqxx::sql_error& e) {
      ADD_FAILURE() << refused << ": refused for another reason: " << e.what();
    }
  }
  // What it may write, it may not bend: the key floor only rises, an anchor only for a day that is over, and
  // no personal data in plain once a key is in force.
  as_app("UPDATE personal_data_key_floor SET floor = 1");
  EXPECT_THROW(as_app("UPDATE personal_data_key_floor SET floor = 0"), pqxx::sql_error);
  EXPECT_THROW(as_app("INSERT INTO audit_anchors (day, root, cases) VALUES (current_date + 1, '\\x00', 0)"),
               pqxx::sql_error);
  EXPECT_THROW(as_app("UPDATE cases SET applicant = '{}', phone = '1', pii_key = 0"), pqxx::sql_error);
  pqxx::connection c(app);
  pqxx::read_transaction tx(c);
  EXPECT_EQ(tx.exec1("SELECT rolsuper::text FROM pg_roles WHERE rolname = current_user")[0].as<std::string>(), "false");
  EXPECT_EQ(tx.exec1("SELECT current_user")[0].as<std::string>(), "ow_app");
}

TEST(PersonalDataAtRest, TheELicenceCacheInRedisHoldsNoIdNumber) {
  ow::testing::test_key_file();  // this process's vault
  const auto& s = ow::testing::test_servers();
  store::RedisClient redis(s.redis_host, s.redis_port, 1000ms, s.redis_password);
  adapters::DemoELicenseRegistry library;
  library.add({"结婚证", "330106199001010019", "J330106-2019-777777", "西湖区民政局"});
  acceptance::CachedELicenseLookup cache(library, redis, 60s);
  const auto first = cache.find("结婚证", "330106199001010019");
  ASSERT_TRUE(first);
  const auto again = cache.find("结婚证", "330106199001010019");  // from Redis
  ASSERT_TRUE(again);
  EXPECT_EQ(again->number, "J330106-2019-777777");
  EXPECT_EQ(again->holder, "330106199001010019");
  EXPECT_FALSE(cache.find("结婚证", "330106199001010027"));  // "none" is cached too

  const std::string key =
      "ow:elicense:" + store::vault()->blind("elicense", std::string("结婚证\n") + "330106199001010019");
  const auto value = redis.command({"GET", key});
  ASSERT_EQ(value.kind, store::RedisReply::Kind::text) << "cached under the blind index";
  for (const auto& v : {std::string("330106199001010019"), std::string("J330106-2019-777777"), std::string("西湖区")})
    EXPECT_EQ(value.text.find(v), std::string::npos) << v << " in the cached value";
  const auto keys = redis.command({"KEYS", "ow:elicense:*"});
  ASSERT_FALSE(keys.items.empty());
  for (const auto& k : keys.items) EXPECT_EQ(k.text.find("3301061990"), std::string::npos) << k.text;
}

TEST(PersonalDataAtRest, AWrongKeyFileIsRefusedBeforeItSealsAnything) {
  World w("it_wrong_keys");
  w.create("wrong-keys-1");
  std::string out;
  ASSERT_EQ(w.cli("keys reseal", &out), 0) << out;  // records the fingerprints of the right file
  EXPECT_EQ(w.sql("SELECT count(*) FROM personal_data_key_fingerprints")[0][0].as<int>(), 2);  // blind key, key 1
  // A key file made anew (the old one lost, `keys init` run again): same ids, other keys.
  const std::string other = ow::testing::test_key_file() + ".other";
  std::filesystem::remove(other);
  store::Vault::create_key_file(other);
  EXPECT_NE(w.cli("keys reseal", &out, other), 0) << out;
  EXPECT_NE(out.find("is not the one this database's rows were sealed with"), std::string::npos) << out;
  EXPECT_NE(w.cli("serve", &out, other), 0) << out;
  EXPECT_NE(out.find("is not the one this database's rows were sealed with"), std::string::npos) << out;
  EXPECT_EQ(w.sql("SELECT count(*) FROM cases WHERE pii_key <> 1")[0][0].as<int>(), 0) << "nothing re-sealed";
  std::filesystem::remove(other);
}
