// Timekeeper scan cost (issue 8): with N open clocks of which D are due, how long one pass takes. The scan
// claims due checks through the partial index on next_check_at, so its time should follow D, not N.
//   timekeeper_bench DB_URL   (a migrated database with a loaded catalog; tests/bench/run_timekeeper_bench)
#include <time.h>

#include <chrono>
#include <iostream>
#include <pqxx/pqxx>

#include "services/store/pg_types.hpp"
#include "services/store/statements.hpp"
#include "services/supervision/timekeeper.hpp"
#include "workflow/calendar/instant.hpp"

using namespace ow;
using Clock = std::chrono::steady_clock;

namespace {

// Fills clock_checks with `open` checks on 1000 cases, `due` of them past their due instant.
void fill(const std::string& url, int open, int due) {
  pqxx::connection c(url);
  pqxx::work tx(c);
  tx.exec("TRUNCATE alerts, clock_checks");
  if (tx.exec1("SELECT count(*) FROM cases")[0].as<int>() == 0)
    tx.exec(
        "INSERT INTO cases (number, bundle_code, catalog_version, state, channel, region_code, applicant, phone) "
        "SELECT 'BENCH' || g, 'TXYJS', (SELECT max(id) FROM catalog_versions), 'InProgress', 'window', '330106', "
        "'{\"kind\":\"person\",\"name\":\"x\"}', '13800000000' FROM generate_series(1, 1000) g");
  tx.exec_params(
      "INSERT INTO clock_checks (case_id, clock, region_code, warn_at, due_at, next_check_at) "
      "SELECT (SELECT min(id) FROM cases) + (g % 1000), 'task:s' || g, '330106', "
      "  CASE WHEN g <= $2 THEN now() - interval '2 hours' ELSE now() + interval '30 days' END, "
      "  CASE WHEN g <= $2 THEN now() - interval '1 hour' ELSE now() + interval '31 days' END, "
      "  CASE WHEN g <= $2 THEN now() - interval '2 hours' ELSE now() + interval '30 days' END "
      "FROM generate_series(1, $1) g",
      open, due);
  tx.commit();
  pqxx::nontransaction n(c);
  n.exec("VACUUM ANALYZE clock_checks");
  // Written back before the pass, as clocks opened days ago would be: else the pass itself writes out the
  // pages the bulk fill just dirtied (buffer evictions, not timekeeping).
  try {
    n.exec("CHECKPOINT");
  } catch (const std::exception&) {  // not a superuser (nor pg_checkpoint): measured with the dirty pages then
  }
}

// CPU time, in ms, that PostgreSQL's other client backends (the pool's) have spent so far, from their
// /proc/PID/schedstat (time on a CPU, not time waiting for one: steadier than the wall time on a shared
// machine); -1 when the bench's role may not read those files (it runs as the superuser).
double backends_cpu_ms(pqxx::connection& monitor) {
  try {
    pqxx::nontransaction n(monitor);
    return n.exec1(
                "SELECT coalesce(sum(split_part(pg_read_file('/proc/' || pid || '/schedstat'), ' ', 1)::bigint), 0) "
                "FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()")[0]
               .as<double>() /
           1e6;
  } catch (const std::exception&) {
    return -1;
  }
}

// This process's CPU time in ms (the timekeeper's side: building the statements, reading the alerts back).
double own_cpu_ms() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: timekeeper_bench DB_URL\n";
    return 2;
  }
  const std::string url = argv[1];
  store::PgPool pool(url, 2, std::chrono::milliseconds(5000), store::all_statements());
  // Connected and every named statement prepared before the first pass, as `serve` does at boot: else the
  // first pass measures connection set-up (hundreds of statements prepared), not timekeeping.
  pool.prepare_now();
  const auto now =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  pqxx::connection monitor(url);
  std::cout << "open clocks  due  alerts  scan ms  idle scan ms  scan cpu ms (PostgreSQL + bench)\n";
  for (const int open : {10000, 100000, 1000000}) {
    const int due = 1000;
    fill(url, open, due);
    supervision::Timekeeper keeper(pool, nullptr);
    const double pg0 = backends_cpu_ms(monitor), own0 = own_cpu_ms();
    const auto t0 = Clock::now();
    const int raised = keeper.scan(now);
    const auto t1 = Clock::now();
    const double pg1 = backends_cpu_ms(monitor), own1 = own_cpu_ms();
    const auto t1b = Clock::now();
    keeper.scan(now);  // nothing due any more: the cost of a pass with no work
    const auto t2 = Clock::now();
    std::cout << open << "  " << due << "  " << raised << "  "
              << std::chrono::duration<double, std::milli>(t1 - t0).count() << "  "
              << std::chrono::duration<double, std::milli>(t2 - t1b).count() << "  " << (pg0 < 0 ? -1 : pg1 - pg0)
              << " + " << own1 - own0 << "\n";
  }
  // The plan of one batch as a pass runs it — the named statement after the pass's own take-turn statement
  // (which sets the plan mode), on 1,000 due clocks among 1 M, rolled back; three times on one connection, so
  // the planning time shows whether the plan is made again for each batch.
  fill(url, 1000000, 1000);
  pqxx::connection c(url);
  auto sql_of = [](const std::string& name) -> std::string {
    for (const auto& s : store::all_statements())
      if (name == s.name) return s.sql;
    return "";
  };
  const bool own_turn = !sql_of("clock_checks_take_turn").empty();  // else the binary before it (alerts_take_turn)
  {
    pqxx::nontransaction n(c);  // SQL PREPARE, so that EXPLAIN EXECUTE finds it (libpqxx prepares lazily)
    n.exec("PREPARE turn AS " + sql_of(own_turn ? "clock_checks_take_turn" : "alerts_take_turn"));
    n.exec("PREPARE fire AS " + sql_of("clock_checks_fire_and_raise"));
  }
  const int batch = supervision::Timekeeper(pool, nullptr).batch();
  for (int run = 1; run <= 3; ++run) {
    pqxx::work tx(c);  // rolled back
    tx.exec("EXECUTE turn");
    std::cout << "EXPLAIN (ANALYZE, BUFFERS) EXECUTE clock_checks_fire_and_raise (claim, mark and raise " << batch
              << "), run " << run << ":\n";
    for (const auto& r : tx.exec("EXPLAIN (ANALYZE, BUFFERS) EXECUTE fire(to_timestamp(" + std::to_string(now) + "), " +
                                 std::to_string(batch) + ")"))
      std::cout << "  " << r[0].as<std::string>() << "\n";
  }
}
