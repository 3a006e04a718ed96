// Planning the seeded fault schedule.
#include "tests/chaos/fault_schedule.hpp"

#include <algorithm>
#include <cstdio>
#include <random>

namespace ow::chaos {

std::string name_of(FaultKind kind) {
  switch (kind) {
    case FaultKind::api_kill: return "api kill -9";
    case FaultKind::dispatcher_kill: return "dispatcher kill -9";
    case FaultKind::pg_restart: return "postgresql restart";
    case FaultKind::redis_stop: return "redis stop";
    case FaultKind::redis_freeze: return "redis freeze (SIGSTOP)";
    case FaultKind::dept_down: return "department down";
    case FaultKind::dept_refuse: return "department refusing";
    case FaultKind::dept_slow: return "department slow";
  }
  return "?";
}

namespace {

PlannedFault draw(FaultKind kind, std::mt19937_64& random, int dispatchers) {
  auto uniform = [&random](double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(random); };
  PlannedFault f;
  f.kind = kind;
  f.gap_before_s = uniform(4.0, 7.0);
  switch (kind) {
    case FaultKind::api_kill:
    case FaultKind::dispatcher_kill: f.duration_s = uniform(0.8, 1.2); break;  // then restarted
    case FaultKind::pg_restart: f.duration_s = uniform(3.0, 5.0); break;
    case FaultKind::redis_stop: f.duration_s = uniform(3.0, 5.0); break;
    case FaultKind::redis_freeze: f.duration_s = uniform(6.0, 7.0); break;  // ≥ 20 intakes for its p99
    case FaultKind::dept_down: f.duration_s = uniform(3.0, 6.0); break;
    case FaultKind::dept_refuse: f.duration_s = uniform(2.0, 4.0); break;
    case FaultKind::dept_slow: f.duration_s = uniform(4.0, 6.0); break;
  }
  if (kind == FaultKind::dept_down || kind == FaultKind::dept_refuse || kind == FaultKind::dept_slow)
    f.department = kPushDepartments[std::uniform_int_distribution<std::size_t>(0, kPushDepartments.size() - 1)(random)];
  if (kind == FaultKind::dept_slow) f.slow_ms = std::uniform_int_distribution<int>(2000, 3000)(random);
  if (kind == FaultKind::dispatcher_kill) f.dispatcher = std::uniform_int_distribution<int>(0, dispatchers - 1)(random);
  return f;
}

}  // namespace

std::vector<PlannedFault> plan_faults(std::uint64_t seed, double fault_phase_seconds, int dispatchers) {
  std::mt19937_64 random(seed);
  std::vector<PlannedFault> plan;
  double used = 0;
  for (int round = 0;; ++round) {
    auto order = kAllFaults;
    std::shuffle(order.begin(), order.end(), random);
    for (FaultKind kind : order) {
      PlannedFault f = draw(kind, random, dispatchers);
      if (round > 0 && used + f.gap_before_s + f.duration_s > fault_phase_seconds) return plan;
      used += f.gap_before_s + f.duration_s;
      plan.push_back(f);
    }
  }
}

std::string describe(const std::vector<PlannedFault>& plan) {
  std::string out;
  double at = 0;
  char line[256];
  for (const auto& f : plan) {
    at += f.gap_before_s;
    std::string what = name_of(f.kind);
    if (!f.department.empty()) what += " " + f.department;
    if (f.kind == FaultKind::dept_slow) what += " (" + std::to_string(f.slow_ms) + " ms late)";
    if (f.kind == FaultKind::dispatcher_kill) what += " #" + std::to_string(f.dispatcher + 1);
    std::snprintf(line, sizeof line, "  +%6.1f s  %-40s for %4.1f s\n", at, what.c_str(), f.duration_s);
    out += line;
    at += f.duration_s;
  }
  return out;
}

}  // namespace ow::chaos
