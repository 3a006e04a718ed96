// Office hours of a working day: one or more [open, close) periods, default 09:00–12:00 and 13:30–17:30
// (420 working minutes). Seconds here are seconds of the CST day.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ow::calendar {

class OfficeHours {
 public:
  struct Period {
    std::int32_t open;   // second of day
    std::int32_t close;  // second of day, > open
  };

  OfficeHours();  // 09:00-12:00,13:30-17:30
  // Periods in order and not overlapping; throws std::invalid_argument otherwise.
  explicit OfficeHours(std::vector<Period> periods);
  // "09:00-12:00,13:30-17:30"; throws ParseError on bad text.
  static OfficeHours parse(std::string_view text);
  std::string to_string() const;

  std::int32_t seconds_per_day() const { return per_day_; }
  std::int32_t opening() const { return periods_.front().open; }
  std::int32_t closing() const { return periods_.back().close; }
  // Working seconds of a working day in [00:00, second).
  std::int32_t worked_before(std::int32_t second) const;
  // The earliest second of the day at which `worked` working seconds have passed (0 <= worked <= seconds_per_day).
  std::int32_t second_at(std::int32_t worked) const;

 private:
  std::vector<Period> periods_;
  std::int32_t per_day_ = 0;
};

}  // namespace ow::calendar
