// Clock arithmetic on a one-dimensional axis: working seconds for wd/wh limits, elapsed seconds for natural
// days. The start position and budget come from the limit rules; pauses are merged on the axis and shift
// the point at which the budget is used up.
#include "workflow/calendar/clock.hpp"

#include <algorithm>

namespace ow::calendar {

const char* to_string(ClockStatus s) {
  switch (s) {
    case ClockStatus::running: return "running";
    case ClockStatus::paused: return "paused";
    case ClockStatus::warning: return "warning";
    case ClockStatus::overdue: return "overdue";
    case ClockStatus::stopped: return "stopped";
  }
  return "running";
}

struct ClockMath::Axis {
  bool natural = false;
  std::int64_t start = 0;                                                    // position where consumption begins
  std::int64_t budget = 0;                                                   // without extension
  std::vector<std::pair<std::int64_t, std::optional<std::int64_t>>> pauses;  // merged, positions >= start
};

ClockMath::Axis ClockMath::axis(const Clock& c) const {
  Axis a;
  const Date accepted = cst_date(c.started_at);
  const auto per_day = time_.seconds_per_day();
  switch (c.limit.kind) {
    case Limit::Kind::working_days:
      if (c.limit.amount == 0 && time_.calendar().is_workday(accepted) &&
          cst_second_of_day(c.started_at) < time_.hours().closing()) {
        a.start = time_.ordinal(c.started_at);
        a.budget = time_.ordinal_after_day(accepted) - a.start;
      } else {
        a.start = time_.ordinal_after_day(accepted);
        a.budget = (c.limit.amount == 0 ? 1 : c.limit.amount) * per_day;
      }
      break;
    case Limit::Kind::working_hours:
    case Limit::Kind::working_minutes:
      a.start = time_.ordinal(c.started_at);
      a.budget = std::int64_t{c.limit.amount} * (c.limit.kind == Limit::Kind::working_hours ? 3600 : 60);
      break;
    case Limit::Kind::natural_days: {
      a.natural = true;
      a.start = c.started_at;
      const Date due = time_.calendar().workday_on_or_after(accepted + c.limit.amount);
      a.budget = time_.closing_of(due) - c.started_at;
      break;
    }
  }
  auto pos = [&](Instant t) { return std::max(a.natural ? t : time_.ordinal(t), a.start); };
  std::vector<std::pair<std::int64_t, std::optional<std::int64_t>>> raw;
  for (const auto& p : c.pauses) {
    std::optional<std::int64_t> end;
    if (p.end) end = std::max(pos(*p.end), pos(p.start));
    raw.emplace_back(pos(p.start), end);
  }
  std::sort(raw.begin(), raw.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
  for (const auto& r : raw) {
    if (!a.pauses.empty()) {
      auto& last = a.pauses.back();
      if (!last.second) continue;  // an open pause swallows everything after it
      if (r.first <= *last.second) {
        last.second = r.second ? std::optional(std::max(*last.second, *r.second)) : std::nullopt;
        continue;
      }
    }
    a.pauses.push_back(r);
  }
  return a;
}

std::int64_t ClockMath::budget(const Clock& c) const { return axis(c).budget + c.extension_seconds; }

std::optional<Instant> ClockMath::instant_after_consuming(const Clock& c, std::int64_t amount) const {
  const Axis a = axis(c);
  for (const auto& p : c.pauses)
    if (!p.end) return std::nullopt;
  std::int64_t w = a.start + amount;
  for (const auto& [from, to] : a.pauses) {
    if (from >= w) break;
    w += *to - from;
  }
  if (!a.natural) return time_.instant_at(w);
  return w;
}

std::optional<Instant> ClockMath::due_at(const Clock& c) const {
  auto raw = instant_after_consuming(c, budget(c));
  if (!raw || c.limit.kind != Limit::Kind::natural_days) return raw;
  // Natural days end at the close of business, on a working day (民法典 第二百零三条).
  Date d = cst_date(*raw);
  if (cst_second_of_day(*raw) > time_.hours().closing()) ++d;
  return time_.closing_of(time_.calendar().workday_on_or_after(d));
}

std::optional<Instant> ClockMath::warn_at(const Clock& c) const {
  const std::int64_t total = budget(c);
  const std::int64_t day = c.limit.kind == Limit::Kind::natural_days ? kSecondsPerDay : time_.seconds_per_day();
  std::int64_t margin = c.warn_remaining_seconds ? *c.warn_remaining_seconds : (total > day ? day : total / 2);
  margin = std::clamp<std::int64_t>(margin, 0, total);
  return instant_after_consuming(c, total - margin);
}

ClockReading ClockMath::read(const Clock& c, Instant now) const {
  const Axis a = axis(c);
  ClockReading r;
  r.budget = a.budget + c.extension_seconds;
  r.due_at = due_at(c);
  r.warn_at = warn_at(c);
  const Instant until = c.stopped_at ? std::min(*c.stopped_at, now) : now;
  const std::int64_t here = std::max(a.natural ? until : time_.ordinal(until), a.start);
  std::int64_t paused = 0;
  bool open_pause_now = false;
  for (const auto& [from, to] : a.pauses) {
    if (from >= here) break;
    const std::int64_t end = to ? std::min(*to, here) : here;
    paused += end - from;
    if (!to) open_pause_now = true;
  }
  for (const auto& p : c.pauses)
    if (!p.end && p.start <= until) open_pause_now = true;
  r.consumed = here - a.start - paused;
  r.remaining = r.budget - r.consumed;
  if (c.stopped_at && *c.stopped_at <= now)
    r.status = ClockStatus::stopped;
  else if (open_pause_now)
    r.status = ClockStatus::paused;
  else if (r.due_at && now >= *r.due_at)
    r.status = ClockStatus::overdue;
  else if (r.warn_at && now >= *r.warn_at)
    r.status = ClockStatus::warning;
  else
    r.status = ClockStatus::running;
  return r;
}

}  // namespace ow::calendar
