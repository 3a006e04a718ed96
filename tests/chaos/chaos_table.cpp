// Building the chaos table.
#include "tests/chaos/chaos_table.hpp"

#include <map>
#include <set>

namespace ow::chaos {

double wall_ms(WallClock::time_point t) {
  return static_cast<double>(std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count());
}

double ClockPair::wall_ms_of(Clock::time_point t) const {
  return wall_ms(wall) + std::chrono::duration<double, std::milli>(t - steady).count();
}

const char* const kTableLegend =
    "acknowledged: intake attempts answered 201 that started while the fault was in place; lost and duplicated: "
    "acknowledged intakes missing from the database, stored cases no client was acknowledged, and pushes the "
    "simulator saw twice, from the fault's start to the next fault's; client-visible: what the clients got other "
    "than 201 over the same span (by when they got it), and the p99 of attempts started while the fault was in "
    "place; recovery: from healing (restart issued, SIGCONT, window over) to the first 201 (intake), to the first "
    "push to the department, or, for a dispatcher, to the first push of an outbox row it held.";

std::vector<TableRow> fault_rows(const RunRecord& run, const StatsMonitor& stats, const std::string& db_url) {
  std::set<std::string> acked_keys, stored_numbers;
  for (const auto& i : run.intakes)
    if (i.acknowledged) acked_keys.insert(i.key);
  for (const auto& c : run.cases) stored_numbers.insert(c.number);
  auto span_end = [&](std::size_t i) { return i + 1 < run.faults.size() ? run.faults[i + 1].start : run.checked_at; };
  auto lost_in = [&](Clock::time_point from, Clock::time_point to) {
    long n = 0;
    for (const auto& i : run.intakes)
      if (i.acknowledged && i.acknowledged_at >= from && i.acknowledged_at < to && !stored_numbers.contains(i.number))
        ++n;
    return n;
  };
  auto orphans_in = [&](Clock::time_point from, Clock::time_point to) {
    long n = 0;
    for (const auto& c : run.cases)
      if ((c.key.empty() || !acked_keys.contains(c.key)) && c.created_ms >= run.clocks.wall_ms_of(from) &&
          c.created_ms < run.clocks.wall_ms_of(to))
        ++n;
    return n;
  };
  auto dup_text = [](long cases_n, long pushes) {
    if (cases_n == 0 && pushes == 0) return std::string("0");
    return std::to_string(cases_n) + " cases, " + std::to_string(pushes) + " pushes";
  };
  std::vector<TableRow> rows;
  {
    const auto to = run.faults.empty() ? run.load_end : run.faults.front().start;
    const auto before = started_within(run.attempts, run.load_start, to);
    long acked = 0;
    for (const auto& a : before) acked += a.status == 201;
    rows.push_back({"none (baseline)", std::to_string(acked), std::to_string(lost_in(run.load_start, to)),
                    dup_text(orphans_in(run.load_start, to), stats.duplicates_between(run.load_start, to)),
                    errors_seen(ended_within(run.attempts, run.load_start, to)) + ", p99 " + ms_text(run.baseline_p99),
                    "–"});
  }
  for (FaultKind kind : kAllFaults) {
    long acked = 0, lost_n = 0, orphan_n = 0, push_dups = 0;
    std::vector<Attempt> seen, during;
    std::string recovery, what = name_of(kind);
    int occurrences = 0;
    for (std::size_t i = 0; i < run.faults.size(); ++i) {
      const auto& f = run.faults[i];
      if (f.fault.kind != kind) continue;
      ++occurrences;
      for (const auto& a : started_within(run.attempts, f.start, f.up)) {
        acked += a.status == 201;
        during.push_back(a);
      }
      const auto in_span = ended_within(run.attempts, f.start, span_end(i));
      seen.insert(seen.end(), in_span.begin(), in_span.end());
      lost_n += lost_in(f.start, span_end(i));
      orphan_n += orphans_in(f.start, span_end(i));
      push_dups += stats.duplicates_between(f.start, span_end(i));
      std::string r;
      const auto intake_back = first_success_after(run.attempts, f.heal);
      const std::string intake_text =
          intake_back ? "intake +" + ms_text(std::chrono::duration<double, std::milli>(*intake_back - f.heal).count())
                      : "no intake after";
      const double heal_ms = wall_ms(f.heal_wall);
      if (kind == FaultKind::dispatcher_kill) {
        if (auto held = first_done(db_url, f.held_rows))
          r = "a push it held +" + ms_text(*held - heal_ms) + " (" + std::to_string(f.held_rows.size()) + " held)";
        else if (auto next = first_delivery_after(db_url, "", heal_ms))
          r = "next push +" + ms_text(*next - heal_ms) + " (it held none)";
        else
          r = "no push after";
      } else if (!f.fault.department.empty()) {
        auto next = first_delivery_after(db_url, f.fault.department, heal_ms);
        r = (next ? "push to " + f.fault.department + " +" + ms_text(*next - heal_ms) : "no push after") + ", " +
            intake_text;
      } else {
        r = intake_text;
      }
      recovery += (recovery.empty() ? "" : "; ") + r;
      if (!f.fault.department.empty() && what.find(f.fault.department) == std::string::npos)
        what += (what == name_of(kind) ? " " : ",") + f.fault.department;
    }
    if (occurrences == 0) continue;
    if (occurrences > 1) what += " (×" + std::to_string(occurrences) + ")";
    rows.push_back({what, std::to_string(acked), std::to_string(lost_n), dup_text(orphan_n, push_dups),
                    errors_seen(seen) + ", p99 " + ms_text(p99_ms(during)), recovery});
  }
  return rows;
}

}  // namespace ow::chaos
