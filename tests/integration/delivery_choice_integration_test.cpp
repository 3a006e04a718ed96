// The applicant's delivery choice at rest (issue 20, sql/110): a posting address is sealed (no plain text in the
// row) and opens for the case it was sealed for; a key rotation counts it among the rows behind, PostgreSQL
// refuses it written with the retired key, and `onewindow keys reseal` re-seals it; the retention purge erases
// it with the case's other personal data; staff who see the case masked read it masked.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <pqxx/pqxx>

#include "services/acceptance/intake_request.hpp"
#include "services/casework/delivery_choice.hpp"
#include "services/platform/problem.hpp"
#include "services/store/delivery_choice_store.hpp"
#include "services/store/sealed_rows_store.hpp"
#include "services/store/vault.hpp"
#include "tests/support/case_world.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/test_env.hpp"

using namespace ow;
namespace json = boost::json;

namespace {

const std::string kAddress = "浙江省杭州市西湖区文三路90号3幢201室";

struct World : ow::testing::CaseWorld {
  World(const std::string& name) : CaseWorld(name, ow::testing::at("2026-06-01T10:00:00")) {}
  std::pair<std::int64_t, std::string> accept(const std::string& key) {
    const json::object body = ow::testing::retirement_application();
    auto a = intake.create(clerk, key, json::serialize(body), acceptance::parse_intake_request(body));
    EXPECT_EQ(a.status, 201u) << a.body;
    const std::string number(json::parse(a.body).at("number").as_string());
    pqxx::connection c(url);
    pqxx::read_transaction tx(c);
    return {tx.exec_params1("SELECT id FROM cases WHERE number = $1", number)[0].as<std::int64_t>(), number};
  }
  std::int64_t count(const std::string& sql) {
    pqxx::connection c(url);
    pqxx::read_transaction tx(c);
    return tx.exec1(sql)[0].as<std::int64_t>();
  }
  void exec(const std::string& sql) {
    pqxx::connection c(url);
    pqxx::work tx(c);
    tx.exec0(sql);
    tx.commit();
  }
  std::optional<store::DeliveryChoiceRow> choice(std::int64_t id, const std::string& number) {
    return pool.transact([&](store::Tx& tx) { return store::delivery_choices::of_case(tx, id, number); });
  }
};

casework::DeliveryChoice post() {
  return casework::parse_delivery_choice(
      json::object{{"method", "post"}, {"recipient", "李秀英"}, {"phone", "13900001111"}, {"address", kAddress}});
}

}  // namespace

TEST(DeliveryChoices, AnAddressIsSealedResealedOnRotationAndPurgedWithTheCase) {
  World w("it_delivery_choice_" + std::to_string(::getpid()));
  const auto [id, number] = w.accept("dc-1");
  const auto choice = post();
  w.pool.transact(
      [&](store::Tx& tx) { store::delivery_choices::record(tx, id, number, choice.method, choice.address_json()); });
  EXPECT_EQ(w.count("SELECT count(*) FROM delivery_choices WHERE address_sealed LIKE '%文三路%'"
                    " OR address_sealed LIKE '%13900001111%'"),
            0);
  auto row = w.choice(id, number);
  ASSERT_TRUE(row && row->address_json);
  EXPECT_EQ(json::parse(*row->address_json).at("address").as_string(), kAddress);

  // Masked for staff who see the case masked; in full otherwise.
  const auto masked = casework::delivery_choice_view(row, casework::CaseSight::masked);
  EXPECT_EQ(masked.at("recipient").as_string(), "李*英");
  EXPECT_EQ(masked.at("phone").as_string(), "139****1111");
  EXPECT_EQ(masked.at("address").as_string(), "浙江省杭州市西湖区****");
  EXPECT_EQ(casework::delivery_choice_view(row, casework::CaseSight::full).at("address").as_string(), kAddress);

  // A rotation that wrote key 2 and raised the floor, before re-sealing anything.
  const auto stale = store::vault();
  ASSERT_EQ(store::Vault::add_key(ow::testing::test_key_file()), 2);
  store::reload_vault();
  w.exec("UPDATE personal_data_key_floor SET floor = 2");
  EXPECT_EQ(w.pool.transact([](store::Tx& tx) { return store::delivery_choices::behind(tx, 2); }), 1);
  const auto old = stale->seal(*row->address_json, "delivery_choices.address:" + number);
  ASSERT_EQ(old.key_id, 1);
  try {
    w.exec("UPDATE delivery_choices SET pii_key = 1, address_sealed = '" + old.text + "'");
    ADD_FAILURE() << "an address sealed with the retired key was accepted";
  } catch (const pqxx::sql_error& e) {
    EXPECT_EQ(e.sqlstate(), "OW001");
  }
  std::string out;
  ASSERT_EQ(ow::testing::run_onewindow(w.url, "keys reseal", &out), 0) << out;
  EXPECT_EQ(w.count("SELECT count(*) FROM delivery_choices WHERE pii_key <> 2"), 0);
  row = w.choice(id, number);
  ASSERT_TRUE(row && row->address_json);
  EXPECT_EQ(json::parse(*row->address_json).at("recipient").as_string(), "李秀英");

  // Ended and archived long ago: the retention purge erases the address with the applicant; the method stays.
  w.exec("UPDATE cases SET state = 'Archived', ended_at = now() - interval '400 days' WHERE id = " +
         std::to_string(id));
  const auto purged = w.pool.transact([](store::Tx& tx) { return store::sealed_rows::purge_archived(tx, 365, 10); });
  ASSERT_EQ(purged.size(), 1u);
  row = w.choice(id, number);
  ASSERT_TRUE(row);
  EXPECT_EQ(row->method, "post");
  EXPECT_FALSE(row->address_json);
}

TEST(DeliveryChoices, MalformedChoicesNameTheirField) {
  const auto field_of = [](const json::object& body) -> std::string {
    try {
      casework::parse_delivery_choice(body);
    } catch (const platform::Problem& p) {
      return std::string(p.extra().at("field").as_string());
    }
    return "";
  };
  EXPECT_EQ(field_of({{"method", "drone"}}), "method");
  EXPECT_EQ(field_of({{"method", "post"}, {"phone", "13900001111"}, {"address", kAddress}}), "recipient");
  EXPECT_EQ(field_of({{"method", "post"}, {"recipient", "李秀英"}, {"phone", "x"}, {"address", kAddress}}), "phone");
  EXPECT_EQ(field_of({{"method", "post"}, {"recipient", "李秀英"}, {"phone", "13900001111"}, {"address", "杭州"}}),
            "address");
  EXPECT_EQ(field_of({{"method", "electronic"}}), "");
  EXPECT_TRUE(casework::parse_delivery_choice({{"method", "window"}}).address_json().empty());
}
