// The simulator's timed job queue (adapters/simulator/later.hpp): a burst of work never runs on more threads
// than the queue was given, and a job runs at its time, not before, earlier times first.
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <vector>

#include "adapters/simulator/later.hpp"

using namespace std::chrono_literals;
using ow::simulator::Later;

TEST(SimulatorLater, ABurstOfJobsRunsOnTheFixedWorkersOnly) {
  std::atomic<int> running{0}, most{0}, done{0};
  {
    Later later(4);
    for (int i = 0; i < 5000; ++i)
      later.now([&] {
        const int now = ++running;
        int seen = most.load();
        while (now > seen && !most.compare_exchange_weak(seen, now)) {
        }
        --running;
        ++done;
      });
    while (done.load() < 5000) std::this_thread::sleep_for(1ms);
    while (later.busy() > 0) std::this_thread::sleep_for(1ms);  // the last job's worker counts it done
  }
  EXPECT_EQ(done.load(), 5000);
  EXPECT_GE(most.load(), 1);
  EXPECT_LE(most.load(), 4);
}

TEST(SimulatorLater, AJobRunsAtItsTimeEarlierTimesFirst) {
  std::mutex m;
  std::vector<std::pair<int, Later::Clock::time_point>> ran;
  const auto start = Later::Clock::now();
  {
    Later later(1);
    later.at(start + 60ms, [&] {
      std::lock_guard l(m);
      ran.emplace_back(60, Later::Clock::now());
    });
    later.at(start + 20ms, [&] {
      std::lock_guard l(m);
      ran.emplace_back(20, Later::Clock::now());
    });
    while (later.busy() > 0) std::this_thread::sleep_for(1ms);
  }
  ASSERT_EQ(ran.size(), 2u);
  EXPECT_EQ(ran[0].first, 20);
  EXPECT_GE(ran[0].second - start, 20ms);
  EXPECT_EQ(ran[1].first, 60);
  EXPECT_GE(ran[1].second - start, 60ms);
}

TEST(SimulatorLater, JobsNotStartedAreDroppedWhenTheQueueGoes) {
  std::atomic<int> ran{0};
  {
    Later later(1);
    later.at(Later::Clock::now() + 10s, [&] { ++ran; });
  }  // returns at once, without waiting ten seconds
  EXPECT_EQ(ran.load(), 0);
}

TEST(SimulatorLater, AJobThatThrowsIsDroppedAndTheWorkerGoesOn) {
  std::atomic<int> ran{0};
  Later later(1);
  later.now([] { throw std::runtime_error("bad task payload"); });
  later.now([&] { ++ran; });
  while (later.busy() > 0) std::this_thread::sleep_for(1ms);
  EXPECT_EQ(ran.load(), 1);
}
