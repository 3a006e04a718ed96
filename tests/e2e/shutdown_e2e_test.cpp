// SIGTERM during a burst of requests: every request either completed or was refused before it started,
// and the process exits 0. Logins make good in-flight requests: each hashes a password (~0.1 s) and writes
// a session row, so the database tells how many were really carried out.
#include <gtest/gtest.h>

#include <atomic>
#include <boost/json.hpp>
#include <pqxx/pqxx>
#include <thread>

#include "services/store/pg_types.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/server_process.hpp"

using namespace std::chrono_literals;

TEST(ShutdownE2E, SigtermDuringABurstLosesNothing) {
  ow::testing::ServerProcess server("e2e_shutdown", {{"OW_WORKERS_THREADS", "4"}});
  ASSERT_EQ(server.cli("user add sup1 --name 督查 --role supervisor --region 330100 --password-stdin", nullptr,
                       "sup-pass-123"),
            0);
  const std::string body = boost::json::serialize(boost::json::object{{"login", "sup1"}, {"password", "sup-pass-123"}});

  std::atomic<bool> go{true};
  std::atomic<int> created{0}, refused{0}, connection_failed{0}, other{0};
  std::vector<std::thread> clients;
  for (int i = 0; i < 6; ++i)
    clients.emplace_back([&] {
      while (go) {
        auto r = ow::testing::http_request(server.port(), "POST", "/api/v1/sessions", body, {}, 15000);
        if (r.status == 201)
          ++created;
        else if (r.status == 503)
          ++refused;
        else if (r.status == 0) {
          ++connection_failed;
          std::this_thread::sleep_for(20ms);
        } else
          ++other;
      }
    });
  std::this_thread::sleep_for(1500ms);
  const int exit_status = server.terminate();
  go = false;
  for (auto& t : clients) t.join();

  EXPECT_EQ(exit_status, 0);
  EXPECT_GT(created.load(), 0);
  EXPECT_EQ(other.load(), 0);
  pqxx::connection c(server.db_url());
  pqxx::read_transaction tx(c);
  const int sessions = tx.exec("SELECT count(*) FROM sessions")[0][0].as<int>();
  // Every login the server carried out was answered; none was cut off after it started.
  EXPECT_EQ(sessions, created.load()) << "created " << created << ", refused " << refused << ", connection failed "
                                      << connection_failed;
}
