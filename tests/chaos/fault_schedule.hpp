// The chaos test's fault kinds and its seeded schedule: every kind once in a seeded order (a full round),
// then further rounds while the fault phase lasts, each fault a few seconds long with quiet gaps between.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace ow::chaos {

enum class FaultKind {
  api_kill,
  dispatcher_kill,
  pg_restart,
  redis_stop,
  redis_freeze,
  dept_down,
  dept_refuse,
  dept_slow
};
inline constexpr std::array<FaultKind, 8> kAllFaults = {
    FaultKind::api_kill,     FaultKind::dispatcher_kill, FaultKind::pg_restart,  FaultKind::redis_stop,
    FaultKind::redis_freeze, FaultKind::dept_down,       FaultKind::dept_refuse, FaultKind::dept_slow};

std::string name_of(FaultKind kind);

struct PlannedFault {
  FaultKind kind = FaultKind::api_kill;
  double gap_before_s = 0;  // quiet time before it starts
  double duration_s = 0;    // how long it is left in place before it is healed
  std::string department;   // dept_*: the department affected
  int slow_ms = 0;          // dept_slow: how late each answer comes
  int dispatcher = 0;       // dispatcher_kill: which of the dispatchers
};

// The push departments a department fault may pick.
inline const std::vector<std::string> kPushDepartments = {"SCJG", "GA", "SW", "RS", "YH"};

// At least one full round of all kinds; then more while the planned time stays within fault_phase_seconds.
std::vector<PlannedFault> plan_faults(std::uint64_t seed, double fault_phase_seconds, int dispatchers);
// One line per fault: when (planned offset), what, how long.
std::string describe(const std::vector<PlannedFault>& plan);

}  // namespace ow::chaos
