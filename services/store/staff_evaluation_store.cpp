// SQL for the quarterly staff evaluation.
#include "services/store/staff_evaluation_store.hpp"
#include "services/store/pg_types.hpp"

namespace ow::store {

#define OW_IN_PERIOD(col) col " >= $2::timestamptz AND " col " < $3::timestamptz"

const std::vector<Statement>& staff_evaluation_statements() {
  static const std::vector<Statement> list = {
      {"staff_evaluation_figures",
       "SELECT c.hall_code, coalesce(c.window_code, ''), c.clerk_id, coalesce(u.display_name, ''), "
       " count(*) FILTER (WHERE " OW_IN_PERIOD(
           "c.accepted_at") "), "
                            " count(*) FILTER (WHERE " OW_IN_PERIOD(
                                "c.concluded_at") "), "
                                                  " count(*) FILTER (WHERE " OW_IN_PERIOD(
                                                      "c.concluded_at") " AND c.met_committed), "
                                                                        " count(*) FILTER (WHERE " OW_IN_PERIOD(
                                                                            "c.ended_at") "), "
                                                                                          " count(*) FILTER (WHERE " OW_IN_PERIOD(
                                                                                              "c.ended_at") " AND c.visits <= 1), "
                                                                                                            " count(e.case_id) FILTER (WHERE " OW_IN_PERIOD(
                                                                                                                "e.rated_at") "), "
                                                                                                                              " count(e.case_id) FILTER (WHERE " OW_IN_PERIOD(
                                                                                                                                  "e.rated_at") " AND e.score >= 3), "
                                                                                                                                                " coalesce(sum(e.score) FILTER (WHERE " OW_IN_PERIOD(
                                                                                                                                                    "e.rated_at") "), 0), "
                                                                                                                                                                  " count(f.case_id) FILTER (WHERE " OW_IN_PERIOD(
                                                                                                                                                                      "f.opened_at") "), "
                                                                                                                                                                                     " count(f.case_id) FILTER (WHERE " OW_IN_PERIOD(
                                                                                                                                                                                         "f.opened_at") " AND f.callback_at IS NOT NULL "
                                                                                                                                                                                                        "   AND f.rectification_at IS NOT NULL) "
                                                                                                                                                                                                        "FROM cases c LEFT JOIN users u ON u.id = c.clerk_id LEFT JOIN evaluations e ON e.case_id = c.id "
                                                                                                                                                                                                        "LEFT JOIN followups f ON f.case_id = c.id WHERE c.region_code LIKE $1 || '%' AND c.hall_code IS NOT NULL "
                                                                                                                                                                                                        "GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3"},
      {"staff_evaluation_surveyed",
       "SELECT c.hall_code, coalesce(c.window_code, ''), c.clerk_id, count(*), count(*) FILTER (WHERE a.trips <= 1) "
       "FROM callback_attempts a JOIN callback_entries e ON e.id = a.entry_id JOIN cases c ON c.id = e.case_id "
       "WHERE a.outcome = 'reached' AND c.region_code LIKE $1 || '%' AND c.hall_code IS NOT NULL AND " OW_IN_PERIOD(
           "a.at") " GROUP BY 1, 2, 3"},
  };
  return list;
}

namespace staff_evaluation {

std::vector<StaffFigures> figures(Tx& tx, const std::string& region_prefix, const std::string& from,
                                  const std::string& to) {
  std::vector<StaffFigures> out;
  for (const auto& r : tx.exec_prepared("staff_evaluation_figures", region_prefix, from, to)) {
    StaffFigures f;
    f.hall_code = r[0].as<std::string>();
    f.window_code = r[1].as<std::string>();
    if (!r[2].is_null()) f.clerk_id = r[2].as<std::int64_t>();
    f.clerk_name = r[3].as<std::string>();
    std::int64_t* fields[] = {&f.accepted, &f.concluded,         &f.concluded_on_time, &f.ended,     &f.ended_one_visit,
                              &f.ratings,  &f.ratings_satisfied, &f.score_sum,         &f.followups, &f.followups_done};
    for (std::size_t i = 0; i < std::size(fields); ++i) *fields[i] = r[4 + static_cast<int>(i)].as<std::int64_t>();
    out.push_back(f);
  }
  for (const auto& r : tx.exec_prepared("staff_evaluation_surveyed", region_prefix, from, to))
    for (auto& f : out)
      if (f.hall_code == r[0].as<std::string>() && f.window_code == r[1].as<std::string>() &&
          f.clerk_id == (r[2].is_null() ? std::nullopt : std::optional(r[2].as<std::int64_t>()))) {
        f.surveyed = r[3].as<std::int64_t>();
        f.surveyed_one_visit = r[4].as<std::int64_t>();
      }
  return out;
}

}  // namespace staff_evaluation
}  // namespace ow::store
