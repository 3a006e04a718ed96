// SQL of the reform's measures (KPIs) and of evaluations: one aggregate query over cases in a region (and
// optionally those with a step of one department) for a period, and the applicant's rating of a case.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "services/store/statements.hpp"
#include "services/store/transaction.hpp"

namespace ow::store {

const std::vector<Statement>& kpi_statements();

struct KpiCounts {
  std::int64_t accepted = 0, accepted_online = 0, concluded = 0, concluded_met_committed = 0,
               concluded_met_statutory = 0, concluded_same_day = 0, concluded_at_most_one_visit = 0, open = 0,
               due_today = 0, in_warning = 0, overdue = 0, ratings = 0, ratings_satisfied = 0,
               accepted_one_card = 0;  // nothing presented on paper but the ID card (一证通办)
  // Applications that ended in the period, whatever the outcome, and those that took at most one trip.
  std::int64_t ended = 0, ended_at_most_one_visit = 0, ended_refused = 0, ended_not_permitted = 0, ended_withdrawn = 0;
};

struct Evaluation {
  int score = 0;
  std::string comment;
  bool revised = false;
};

struct FollowupRow {
  std::int64_t case_id = 0;
  std::string number, region_code, opened_at, callback_due_at, rectification_due_at;
  std::optional<std::string> callback_at, callback_by, callback_note, rectification_at, rectification_by,
      rectification_report;
  int score = 0;                  // the rating's; 0 when a callback answer opened it
  std::string source = "rating";  // "rating" (好差评) or "survey" (a dissatisfied callback answer)
};

namespace kpi {
// from/to: ISO instants (period [from, to)); now: for "open", "due today", "overdue"; today: the CST date.
KpiCounts counts(Tx& tx, const std::string& region_prefix, const std::optional<std::string>& department,
                 const std::string& from, const std::string& to, const std::string& now, const std::string& today);
std::optional<Evaluation> evaluation(Tx& tx, std::int64_t case_id);
void rate(Tx& tx, std::int64_t case_id, int score, const std::string& comment, const std::string& at);
void revise(Tx& tx, std::int64_t case_id, int score, const std::string& comment, const std::string& at);
// How current the data a report reads is: from a replica (replaying the primary's WAL), how many seconds
// behind the primary it may be (0 when it has replayed all it received and is still streaming; else the
// age of the last transaction it replayed); from the primary, 0.
struct Freshness {
  bool replica = false;
  double staleness_seconds = 0;
};
Freshness freshness(Tx& tx);
// The districts (case region codes) and departments with cases in scope, for the weekly report's rows.
std::vector<std::string> districts(Tx& tx, const std::string& region_prefix);
std::vector<std::string> departments(Tx& tx, const std::string& region_prefix);
struct OverdueCase {
  std::string number, bundle_code, region_code, state, committed_due_at;
};
// Cases accepted before `to` whose committed limit was missed: concluded late in [from, to) or still open
// past their due instant at `to`.
std::vector<OverdueCase> overdue_cases(Tx& tx, const std::string& region_prefix, const std::string& from,
                                       const std::string& to);
// Opens the follow-up of a case unless it has one; true when opened now. source: "rating" or "survey".
bool open_followup(Tx& tx, std::int64_t case_id, const std::string& at, const std::string& callback_due,
                   const std::string& rectification_due, const std::string& source = "rating");
std::vector<FollowupRow> followups(Tx& tx, const std::string& region_prefix, bool open_only);
std::optional<FollowupRow> followup(Tx& tx, const std::string& number);
// part: "callback" or "rectification"; false when it was already recorded.
bool close_followup_part(Tx& tx, std::int64_t case_id, const std::string& part, const std::string& by,
                         const std::string& text, const std::string& at);
}  // namespace kpi

}  // namespace ow::store
