// Injecting and healing each kind of fault.
#include "tests/chaos/fault_injector.hpp"

#include <boost/json.hpp>
#include <pqxx/pqxx>
#include <thread>

namespace ow::chaos {

namespace json = boost::json;

void sleep_until(Clock::time_point until) {
  const auto now = Clock::now();
  if (until > now) std::this_thread::sleep_for(until - now);
}

namespace {

std::vector<std::int64_t> rows_held_by(const std::string& db_url, const std::string& owner) {
  std::vector<std::int64_t> ids;
  pqxx::connection c(db_url);
  pqxx::read_transaction tx(c);
  for (const auto& r : tx.exec_params("SELECT id FROM outbox WHERE leased_by = $1 AND done_at IS NULL", owner))
    ids.push_back(r[0].as<std::int64_t>());
  return ids;
}

json::object window(const char* field, double seconds, const std::string& department) {
  return json::object{{field, seconds}, {"departments", json::array{json::value(department)}}};
}

}  // namespace

FaultRecord inject(ChaosWorld& world, const PlannedFault& f) {
  FaultRecord rec;
  rec.fault = f;
  auto healing = [&rec] {
    rec.heal = Clock::now();
    rec.heal_wall = WallClock::now();
  };
  const auto hold = std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(f.duration_s));
  try {
    rec.start = Clock::now();
    rec.start_wall = WallClock::now();
    switch (f.kind) {
      case FaultKind::api_kill:
        world.kill_api();
        sleep_until(rec.start + hold);
        healing();
        if (!world.restart_api()) rec.trouble = "the API process did not come back";
        break;
      case FaultKind::dispatcher_kill: {
        rec.dispatcher_owner = "dispatcher@" + std::to_string(world.dispatcher_pid(f.dispatcher));
        world.kill_dispatcher(f.dispatcher);
        rec.held_rows = rows_held_by(world.admin_url(), rec.dispatcher_owner);
        sleep_until(rec.start + hold);
        healing();
        if (!world.restart_dispatcher(f.dispatcher)) rec.trouble = "the dispatcher did not come back";
        break;
      }
      case FaultKind::pg_restart:
        world.stop_postgres();
        sleep_until(rec.start + hold);
        healing();
        world.start_postgres();
        break;
      case FaultKind::redis_stop:
        world.stop_redis();
        sleep_until(rec.start + hold);
        healing();
        if (!world.start_redis()) rec.trouble = "Redis did not start again";
        break;
      case FaultKind::redis_freeze:
        world.freeze_redis();
        sleep_until(rec.start + hold);
        healing();
        world.thaw_redis();
        break;
      case FaultKind::dept_down:
      case FaultKind::dept_refuse:
      case FaultKind::dept_slow: {
        json::object control = window(f.kind == FaultKind::dept_down     ? "down_seconds"
                                      : f.kind == FaultKind::dept_refuse ? "refuse_seconds"
                                                                         : "slow_seconds",
                                      f.duration_s, f.department);
        if (f.kind == FaultKind::dept_slow) control["slow_ms"] = f.slow_ms;
        if (!world.control_department(control)) rec.trouble = "the simulator refused the control request";
        sleep_until(rec.start + hold);
        healing();  // the simulator's window ends by itself
        break;
      }
    }
  } catch (const std::exception& e) {
    rec.trouble = e.what();
    if (rec.heal == Clock::time_point{}) healing();
  }
  rec.up = Clock::now();
  return rec;
}

}  // namespace ow::chaos
