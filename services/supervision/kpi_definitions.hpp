// What each KPI counts, in one place: the API returns it as `definitions` beside the figures, and README's
// "KPI definitions" table says the same (a test holds them together). Written for the people who read the
// figures: numerator, denominator, which date puts a case in the period, and what counts as a trip.
#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <vector>

namespace ow::supervision {

struct KpiDefinition {
  std::string key;  // the figure's field in GET /api/v1/stats
  std::string name, numerator, denominator, period;
};

const std::vector<KpiDefinition>& kpi_definitions();
// What counts as a trip (跑一次), for 实现率.
const std::string& visit_rule();
// {"<key>": {name, numerator, denominator, period}, …, "visits": visit_rule()}
boost::json::object definitions_json();

}  // namespace ow::supervision
