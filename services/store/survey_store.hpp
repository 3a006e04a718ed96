// SQL of callbacks and surveys (issue 18): the sampling frame's rows (applications ended in a period, with
// their contact opened from the vault and the newest correction in force), contact corrections (sealed), the
// weekly callback draws, their entries and each call's answer.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "services/store/statements.hpp"
#include "services/store/transaction.hpp"
#include "services/store/vault.hpp"

namespace ow::store {

const std::vector<Statement>& survey_statements();

struct ContactCorrection {
  std::string name, phone, at, by, reason;
};

struct FrameRow {
  std::int64_t case_id = 0;
  std::string number, bundle_code, channel, region_code, state, created_at, ended_at;
  std::optional<std::string> hall_code, accepted_at;
  std::string applicant_json, phone;  // as recorded at intake (opened); applicant "{}" once purged
  std::string applicant_key;          // the blind index of the ID number or credit code ("" when none)
  std::optional<ContactCorrection> correction;
};

struct PopulationUnit {
  std::int64_t case_id = 0;
  std::string number, region_code, bundle_code;
};

struct DrawRow {
  std::int64_t id = 0;
  std::string region_prefix, week, week_monday, seed, caller_login, drawn_by, drawn_at;
  int sample_size = 0, minimum = 0, population = 0;
};

struct EntryRow {
  std::int64_t id = 0, draw_id = 0, case_id = 0;
  int position = 0, stratum_population = 0, stratum_sample = 0, attempts = 0;
  std::string number, district, bundle_code, status, week, caller_login;
  std::optional<std::string> last_attempt_at;
};

struct AttemptRow {
  std::int64_t entry_id = 0;
  std::string at, caller_login, outcome, comment, problems_json;
  std::optional<int> trips;
  std::optional<std::string> satisfaction;
};

// A sampled application with the answer that settled it (reached: trips and satisfaction).
struct AnswerRow {
  std::int64_t draw_id = 0;
  std::string district, bundle_code, status;
  int stratum_population = 0, stratum_sample = 0;
  std::optional<int> trips;
  std::optional<std::string> satisfaction;
};

namespace survey {
// Applications within region_prefix that ended in [from, to) (ISO instants), by end instant and number.
std::vector<FrameRow> frame(Tx& tx, const std::string& region_prefix, const std::string& from, const std::string& to);
// The same rows for given cases (the callback list).
std::vector<FrameRow> frame_of_cases(Tx& tx, const std::vector<std::int64_t>& case_ids);

struct CaseRef {
  std::int64_t id = 0;
  std::string region_code;
  bool ended = false;
};
std::optional<CaseRef> case_ref(Tx& tx, const std::string& number);
// Seals {name, phone} bound to the case number and records the correction.
void correct_contact(Tx& tx, std::int64_t case_id, const std::string& number, std::int64_t actor_id,
                     const std::string& actor_login, const std::string& reason, const std::string& name,
                     const std::string& phone, const std::string& at);
// Re-seals up to `limit` contact corrections not on the vault's current key (skipping rows locked by others);
// returns how many. Erased corrections (retention) are left alone.
int reseal_corrections(Tx& tx, const Vault& vault, int limit);
// Contact corrections still sealed with a key older than `key`.
std::int64_t corrections_behind(Tx& tx, int key);

// Applications within region_prefix that ended in [from, to), ordered by district, bundle and number.
std::vector<PopulationUnit> population(Tx& tx, const std::string& region_prefix, const std::string& from,
                                       const std::string& to);
std::int64_t insert_draw(Tx& tx, const DrawRow& d);
void insert_entry(Tx& tx, std::int64_t draw_id, std::int64_t case_id, int position, const std::string& district,
                  const std::string& bundle_code, int stratum_population, int stratum_sample);
std::optional<DrawRow> draw(Tx& tx, std::int64_t id);
// Draws whose region lies within region_prefix, newest first; week: "2026-W48" or all.
std::vector<DrawRow> draws(Tx& tx, const std::string& region_prefix, const std::optional<std::string>& week);
std::vector<EntryRow> entries_of_draw(Tx& tx, std::int64_t draw_id);
// The caller's entries: open ones (pending, retry) or all; oldest draw first.
std::vector<EntryRow> entries_of_caller(Tx& tx, const std::string& caller_login, bool open_only);
// One entry, locked.
std::optional<EntryRow> entry_for_update(Tx& tx, std::int64_t id);
std::vector<AttemptRow> attempts(Tx& tx, std::int64_t entry_id);
void record_attempt(Tx& tx, const AttemptRow& a, const std::string& new_status);
// Entries of draws within region_prefix whose week's Monday lies in [from_monday, to_monday) (dates).
std::vector<AnswerRow> answers(Tx& tx, const std::string& region_prefix, const std::string& from_monday,
                               const std::string& to_monday);
// Calls made in [from, to) on cases within region_prefix, oldest first, with the case number.
struct CallRow {
  AttemptRow attempt;
  std::string number, district, bundle_code;
  bool followup_opened = false;  // a follow-up of source "survey" opened by this call
};
std::vector<CallRow> calls(Tx& tx, const std::string& region_prefix, const std::string& from, const std::string& to);
}  // namespace survey

}  // namespace ow::store
