// Computing and formatting the chaos test's numbers.
#include "tests/chaos/chaos_report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>

namespace ow::chaos {

double p99_ms(const std::vector<Attempt>& attempts) {
  if (attempts.empty()) return 0;
  std::vector<double> ms;
  for (const auto& a : attempts) ms.push_back(a.ms());
  std::sort(ms.begin(), ms.end());
  const auto rank = static_cast<std::size_t>(std::ceil(0.99 * static_cast<double>(ms.size())));
  return ms[std::max<std::size_t>(rank, 1) - 1];
}

std::vector<Attempt> started_within(const std::vector<Attempt>& attempts, Clock::time_point from,
                                    Clock::time_point to) {
  std::vector<Attempt> out;
  for (const auto& a : attempts)
    if (a.start >= from && a.start < to) out.push_back(a);
  return out;
}

std::vector<Attempt> ended_within(const std::vector<Attempt>& attempts, Clock::time_point from, Clock::time_point to) {
  std::vector<Attempt> out;
  for (const auto& a : attempts)
    if (a.end >= from && a.end < to) out.push_back(a);
  return out;
}

std::string errors_seen(const std::vector<Attempt>& attempts) {
  std::map<std::string, int> by_kind;
  for (const auto& a : attempts)
    if (a.status != 201) ++by_kind[a.status == 0 ? a.failure : std::to_string(a.status)];
  if (by_kind.empty()) return "no errors";
  std::vector<std::pair<int, std::string>> sorted;
  for (const auto& [kind, n] : by_kind) sorted.emplace_back(-n, kind);
  std::sort(sorted.begin(), sorted.end());
  std::string out;
  for (const auto& [n, kind] : sorted) out += (out.empty() ? "" : ", ") + std::to_string(-n) + " × " + kind;
  return out;
}

std::optional<Clock::time_point> first_success_after(const std::vector<Attempt>& attempts, Clock::time_point from) {
  std::optional<Clock::time_point> first;
  for (const auto& a : attempts)
    if (a.status == 201 && a.end >= from && (!first || a.end < *first)) first = a.end;
  return first;
}

std::string ms_text(double ms) {
  char buf[32];
  if (ms >= 1000)
    std::snprintf(buf, sizeof buf, "%.1f s", ms / 1000);
  else
    std::snprintf(buf, sizeof buf, "%.0f ms", ms);
  return buf;
}

std::string markdown_table(const std::vector<TableRow>& rows) {
  std::string out = "| fault | acknowledged | lost | duplicated | client-visible | recovery time |\n";
  out += "| --- | --- | --- | --- | --- | --- |\n";
  for (const auto& r : rows)
    out += "| " + r.fault + " | " + r.acknowledged + " | " + r.lost + " | " + r.duplicated + " | " + r.client_visible +
           " | " + r.recovery + " |\n";
  return out;
}

}  // namespace ow::chaos
