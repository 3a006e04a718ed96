// Carries out one planned fault on the world and heals it, recording when: the fault began, when healing
// began (restart issued, SIGCONT sent, the simulator's window over) and when the component answered again.
// Runs on the test's main thread (the restarted children die with the thread that forked them).
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "tests/chaos/chaos_world.hpp"
#include "tests/chaos/fault_schedule.hpp"
#include "tests/chaos/intake_load.hpp"

namespace ow::chaos {

using WallClock = std::chrono::system_clock;

struct FaultRecord {
  PlannedFault fault;
  Clock::time_point start, heal, up;
  WallClock::time_point start_wall, heal_wall;
  std::string dispatcher_owner;         // dispatcher_kill: the lease owner name of the killed process
  std::vector<std::int64_t> held_rows;  // dispatcher_kill: outbox rows it held when it died
  std::string trouble;                  // what went wrong while injecting or healing (empty: nothing)
};

FaultRecord inject(ChaosWorld& world, const PlannedFault& fault);

// Sleeps until `until`.
void sleep_until(Clock::time_point until);

}  // namespace ow::chaos
