// Speed of the calendar's hot paths: "N working days after D" and a due instant with three pauses.
#include <benchmark/benchmark.h>

#include "tests/support/embedded_calendar.hpp"
#include "workflow/calendar/clock.hpp"

using namespace ow::calendar;

static void BM_AddWorkingDays(benchmark::State& state) {
  const auto& cal = ow::testing::embedded_calendar();
  const Date first = parse_date("2018-01-01");
  Date d = first;
  for (auto _ : state) {
    benchmark::DoNotOptimize(cal.add_working_days(d, 20));
    d = d >= parse_date("2026-10-01") ? first : d + 1;
  }
}
BENCHMARK(BM_AddWorkingDays);

static void BM_DueWithThreePauses(benchmark::State& state) {
  WorkingTime time(ow::testing::embedded_calendar(), OfficeHours{});
  ClockMath math(time);
  Clock c;
  c.limit = parse_limit("20wd");
  c.started_at = parse_instant("2019-09-27T16:00:00+08:00");
  for (const auto& [from, to] : {std::pair{"2019-09-30T10:00:00+08:00", "2019-10-09T11:00:00+08:00"},
                                 std::pair{"2019-10-14T09:00:00+08:00", "2019-10-15T15:00:00+08:00"},
                                 std::pair{"2019-10-21T14:00:00+08:00", "2019-10-24T10:00:00+08:00"}})
    c.pauses.push_back({parse_instant(from), parse_instant(to), "supplement", "bench"});
  for (auto _ : state) {
    benchmark::DoNotOptimize(math.due_at(c));
    c.started_at += 600;
    if (c.started_at > parse_instant("2019-09-30T09:00:00+08:00"))
      c.started_at = parse_instant("2019-09-27T16:00:00+08:00");
  }
}
BENCHMARK(BM_DueWithThreePauses);

BENCHMARK_MAIN();
