// /readyz follows PostgreSQL: 503 while it is stopped, 200 again once it is back — without restarting the
// platform. Uses its own PostgreSQL, since it stops it.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>
#include <pqxx/pqxx>
#include <thread>

#include "services/store/pg_types.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/server_process.hpp"
#include "tests/support/test_env.hpp"

using namespace std::chrono_literals;

TEST(ReadinessE2E, FollowsPostgresDownAndBackUp) {
  const std::string dir = std::filesystem::current_path().string() + "/pg-restart-readyz";
  ow::testing::start_private_postgres(dir);
  {
    pqxx::connection c(ow::testing::private_postgres_url(dir, "postgres"));
    pqxx::nontransaction n(c);
    n.exec("DROP DATABASE IF EXISTS onewindow WITH (FORCE)");
    n.exec("CREATE DATABASE onewindow");
  }
  ow::testing::ServerProcess server(
      "e2e_readyz", {{"OW_DB_URL", ow::testing::private_postgres_url(dir)}, {"OW_DB_CONNECT_TIMEOUT_SECONDS", "1"}});
  EXPECT_EQ(ow::testing::http_request(server.port(), "GET", "/readyz").status, 200);

  ow::testing::stop_private_postgres(dir);
  auto down = ow::testing::http_request(server.port(), "GET", "/readyz");
  EXPECT_EQ(down.status, 503) << down.body;
  EXPECT_EQ(down.headers["content-type"].rfind("application/problem+json", 0), 0u);
  EXPECT_EQ(boost::json::parse(down.body).at("checks").at("postgresql").as_string(), "down");
  EXPECT_EQ(boost::json::parse(down.body).at("checks").at("redis").as_string(), "ok");
  EXPECT_FALSE(down.headers["retry-after"].empty());
  // An API call that needs the database is a 503 with Retry-After, not a hang or a crash.
  boost::json::object login{{"login", "x"}, {"password", "whatever-pass"}};
  auto api = ow::testing::http_request(server.port(), "POST", "/api/v1/sessions", boost::json::serialize(login));
  EXPECT_EQ(api.status, 503) << api.body;
  EXPECT_FALSE(api.headers["retry-after"].empty());
  EXPECT_EQ(ow::testing::http_request(server.port(), "GET", "/healthz").status, 200);

  ow::testing::start_private_postgres(dir);
  int status = 0;
  for (int i = 0; i < 50 && status != 200; ++i) {
    status = ow::testing::http_request(server.port(), "GET", "/readyz").status;
    if (status != 200) std::this_thread::sleep_for(100ms);
  }
  EXPECT_EQ(status, 200);
  EXPECT_EQ(server.terminate(), 0);
  ow::testing::stop_private_postgres(dir);
}
