// Issue 22 (item 6): a department system that restarts closes every keep-alive connection the platform kept to
// it. The next push must not fail on those stale connections (each failure would count toward the breaker): the
// HTTP client drops them all and sends on a fresh connection.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <thread>
#include <vector>

#include "adapters/department/http_client.hpp"
#include "tests/support/simulator_process.hpp"
#include "tests/support/test_env.hpp"

using namespace std::chrono_literals;

namespace {

std::unique_ptr<ow::testing::SimulatorProcess> simulator(int port) {
  return std::make_unique<ow::testing::SimulatorProcess>(
      port, std::vector<std::string>{"--platform", "http://127.0.0.1:9", "--departments", "SCJG"},
      std::map<std::string, std::string>{{"OW_DEPT_SECRET_SCJG", "restart-test-secret"},
                                         {"OW_DEPT_APIKEY_SCJG", "restart-test-key"}});
}

}  // namespace

TEST(DepartmentRestart, StaleKeepAliveConnectionsAreDroppedAndTheRequestGoesOnAFreshOne) {
  const int port = ow::testing::free_port();
  const std::string url = "http://127.0.0.1:" + std::to_string(port) + "/_stats";
  ow::adapters::HttpClient client;
  auto sim = simulator(port);
  // Three requests at once: three connections, all kept alive in the pool afterwards.
  std::vector<std::thread> threads;
  std::vector<int> statuses(3);
  for (int i = 0; i < 3; ++i)
    threads.emplace_back([&, i] { statuses[i] = client.get(url, {}, 1000ms, 2000ms).status; });
  for (auto& t : threads) t.join();
  for (int s : statuses) ASSERT_EQ(s, 200);

  sim.reset();  // the department restarts: its end of every pooled connection is closed
  sim = simulator(port);
  const auto a = client.get(url, {}, 1000ms, 2000ms);
  EXPECT_EQ(a.status, 200) << a.error;
  EXPECT_TRUE(a.error.empty()) << a.error;
  const auto b = client.get(url, {}, 1000ms, 2000ms);
  EXPECT_EQ(b.status, 200) << b.error;
}
