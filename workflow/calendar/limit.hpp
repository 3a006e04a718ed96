// Time limits in the catalog's syntax: `Nwd` working days, `Nd` natural days, `Nwh` working hours; `0wd` is
// 即办 (due the same working day). `Nwm` (working minutes) is internal: a task's budget, its share of the
// case's committed limit, is counted in working minutes from the moment the task becomes ready.
#pragma once

#include <string>
#include <string_view>

namespace ow::calendar {

struct Limit {
  enum class Kind { working_days, natural_days, working_hours, working_minutes };
  Kind kind = Kind::working_days;
  int amount = 0;

  bool immediate() const { return kind == Kind::working_days && amount == 0; }
  std::string to_string() const;
  friend bool operator==(const Limit&, const Limit&) = default;
};

// Throws ParseError on anything but the four forms with 0 <= N <= 3650 (0 only for wd; wm up to 10^7).
Limit parse_limit(std::string_view text);

}  // namespace ow::calendar
