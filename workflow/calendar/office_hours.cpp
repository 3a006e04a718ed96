// Office hours: conversion between the second of a working day and working seconds elapsed in it.
#include "workflow/calendar/office_hours.hpp"

#include <cstdio>
#include <stdexcept>

#include "workflow/calendar/instant.hpp"

namespace ow::calendar {
namespace {

std::int32_t parse_hhmm(std::string_view s) {
  if (s.size() != 5 || s[2] != ':') throw ParseError("expected HH:MM, got '" + std::string(s) + "'");
  for (std::size_t i : {0u, 1u, 3u, 4u})
    if (s[i] < '0' || s[i] > '9') throw ParseError("expected HH:MM, got '" + std::string(s) + "'");
  int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
  if (h > 24 || m > 59 || (h == 24 && m != 0)) throw ParseError("no such time of day: '" + std::string(s) + "'");
  return h * 3600 + m * 60;
}

}  // namespace

OfficeHours::OfficeHours() : OfficeHours({{9 * 3600, 12 * 3600}, {13 * 3600 + 1800, 17 * 3600 + 1800}}) {}

OfficeHours::OfficeHours(std::vector<Period> periods) : periods_(std::move(periods)) {
  if (periods_.empty()) throw std::invalid_argument("office hours need at least one period");
  std::int32_t previous_close = 0;
  for (const auto& p : periods_) {
    if (p.open < previous_close || p.close <= p.open || p.close > 86400)
      throw std::invalid_argument("office hours must be in order, not overlapping, each with close after open");
    previous_close = p.close;
    per_day_ += p.close - p.open;
  }
}

OfficeHours OfficeHours::parse(std::string_view text) {
  std::vector<Period> periods;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t comma = text.find(',', pos);
    std::string_view part = text.substr(pos, comma == std::string_view::npos ? std::string_view::npos : comma - pos);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
    std::size_t dash = part.find('-');
    if (dash == std::string_view::npos) throw ParseError("expected office hours like 09:00-12:00,13:30-17:30");
    periods.push_back({parse_hhmm(part.substr(0, dash)), parse_hhmm(part.substr(dash + 1))});
    if (comma == std::string_view::npos) break;
    pos = comma + 1;
  }
  try {
    return OfficeHours(std::move(periods));
  } catch (const std::invalid_argument& e) {
    throw ParseError(e.what());
  }
}

std::string OfficeHours::to_string() const {
  std::string out;
  char buf[32];
  for (const auto& p : periods_) {
    std::snprintf(buf, sizeof buf, "%s%02d:%02d-%02d:%02d", out.empty() ? "" : ",", p.open / 3600, (p.open / 60) % 60,
                  p.close / 3600, (p.close / 60) % 60);
    out += buf;
  }
  return out;
}

std::int32_t OfficeHours::worked_before(std::int32_t second) const {
  std::int32_t worked = 0;
  for (const auto& p : periods_) {
    if (second <= p.open) break;
    worked += (second < p.close ? second : p.close) - p.open;
  }
  return worked;
}

std::int32_t OfficeHours::second_at(std::int32_t worked) const {
  for (const auto& p : periods_) {
    std::int32_t length = p.close - p.open;
    if (worked <= length) return p.open + worked;
    worked -= length;
  }
  return closing();
}

}  // namespace ow::calendar
