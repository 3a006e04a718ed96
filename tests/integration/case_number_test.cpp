// Case numbers without a hot row (issue 23): a number is drawn in a short transaction of its own, so an
// intake still open does not make the next one of its region wait; numbers stay unique and increase in the
// order they are drawn; a number drawn by an intake that rolled back is not used again (a gap).
#include <gtest/gtest.h>

#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <set>
#include <thread>

#include "services/acceptance/intake_request.hpp"
#include "services/casework/pg_case_repository.hpp"
#include "tests/support/case_world.hpp"
#include "tests/support/fixtures.hpp"
#include "workflow/calendar/clock.hpp"

using namespace ow;
using namespace std::chrono_literals;
namespace json = boost::json;

namespace {

struct World : ow::testing::CaseWorld {
  calendar::ClockMath math{time};
  casework::PgCaseRepository cases{pool, math};
  World(const std::string& name) : CaseWorld(name, ow::testing::at("2026-06-01T10:00:00")) {}

  int draw() {
    return cases.in_transaction([](casework::CaseTransaction& tx) { return tx.next_sequence("330106", "2026-06-01"); });
  }
  // The daily sequence of an accepted case's number (digits 15–20).
  int accept(const std::string& key) {
    const json::object body = ow::testing::retirement_application();
    auto a = intake.create(clerk, key, json::serialize(body), acceptance::parse_intake_request(body));
    EXPECT_EQ(a.status, 201u) << a.body;
    return std::stoi(std::string(json::parse(a.body).at("number").as_string()).substr(14, 6));
  }
};

}  // namespace

TEST(CaseNumbers, AnOpenIntakeDoesNotHoldTheRegionsCounter) {
  World w("it_case_numbers_open");
  std::mutex m;
  std::condition_variable cv;
  bool first_drawn = false, second_drawn = false;
  int first = 0, second = 0;
  std::atomic<bool> second_while_first_open{false};
  std::thread holder([&] {
    w.cases.transact([&](casework::CaseTransaction& tx) {
      first = tx.next_sequence("330106", "2026-06-01");
      std::unique_lock lock(m);
      first_drawn = true;
      cv.notify_all();
      // Stays open until the other intake has its number (or gives up after 10 s: then it waited on us).
      second_while_first_open = cv.wait_for(lock, 10s, [&] { return second_drawn; });
    });
  });
  {
    std::unique_lock lock(m);
    cv.wait(lock, [&] { return first_drawn; });
  }
  second = w.draw();
  {
    std::lock_guard lock(m);
    second_drawn = true;
    cv.notify_all();
  }
  holder.join();
  EXPECT_TRUE(second_while_first_open) << "the second intake waited for the first one's transaction to end";
  EXPECT_EQ(second, first + 1);
}

TEST(CaseNumbers, ANumberDrawnByARolledBackIntakeIsAGapNeverReused) {
  World w("it_case_numbers_gap");
  const int before = w.accept("gap-1");
  int lost = 0;
  EXPECT_THROW(w.cases.transact([&](casework::CaseTransaction& tx) {
    lost = tx.next_sequence("330106", "2026-06-01");
    throw std::runtime_error("the intake failed after drawing its number");
  }),
               std::runtime_error);
  EXPECT_EQ(lost, before + 1);
  EXPECT_EQ(w.accept("gap-2"), lost + 1);  // the lost number stays a gap
}

TEST(CaseNumbers, ConcurrentIntakesGetUniqueNumbersIncreasingInEachClerksOrder) {
  World w("it_case_numbers_concurrent");
  constexpr int kThreads = 4, kEach = 8;
  std::vector<std::vector<int>> seen(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) seen[t].push_back(w.accept("c-" + std::to_string(t) + "-" + std::to_string(i)));
    });
  for (auto& t : threads) t.join();
  std::set<int> all;
  for (const auto& s : seen) {
    for (std::size_t i = 1; i < s.size(); ++i) EXPECT_LT(s[i - 1], s[i]);
    all.insert(s.begin(), s.end());
  }
  EXPECT_EQ(all.size(), static_cast<std::size_t>(kThreads * kEach));
  EXPECT_EQ(*all.begin(), 1);
  EXPECT_EQ(*all.rbegin(), kThreads * kEach);  // no intake failed: no gap
}
