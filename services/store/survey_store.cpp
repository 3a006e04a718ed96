// SQL for callbacks and surveys.
#include "services/store/survey_store.hpp"
#include "services/store/pg_types.hpp"

#include <boost/json.hpp>

#include "services/store/case_personal_data.hpp"
#include "services/store/sql_text.hpp"
#include "services/store/vault.hpp"

namespace ow::store {
namespace {

#define OW_FRAME_SELECT \
  "SELECT c.id, c.number, c.bundle_code, c.hall_code, c.channel, c.region_code, c.state, " OW_SQL_CST(               \
      "c.created_at") ", " OW_SQL_CST("c.accepted_at") ", " OW_SQL_CST("c.ended_at") ","                            \
                                                                                   " c.pii_key, c.applicant::text, " \
                                                                                   "c.phone, c.applicant_sealed, "   \
                                                                                   "c.phone_sealed, c.holder_index," \
                                                                                   " k.contact_sealed, k.pii_key, " OW_SQL_CST("k.at") ", k.actor_login, k.reason FROM cases c LEFT JOIN LATERAL (SELECT * FROM contact_corrections x" \
  " WHERE x.case_id = c.id ORDER BY x.id DESC LIMIT 1) k ON true "

#define OW_ENTRY_SELECT \
  "SELECT e.id, e.draw_id, e.case_id, e.position, e.stratum_population, e.stratum_sample,"                        \
  " (SELECT count(*) FROM callback_attempts a WHERE a.entry_id = e.id), c.number, e.district, e.bundle_code,"     \
  " e.status, d.week, d.caller_login, (SELECT " OW_SQL_CST("max(a.at)") " FROM callback_attempts a WHERE a.entry_id = e.id)" \
  " FROM callback_entries e JOIN callback_draws d ON d.id = e.draw_id JOIN cases c ON c.id = e.case_id "

#define OW_DRAW_COLUMNS \
  "id, region_prefix, week, week_monday::text, seed, caller_login, drawn_by, " OW_SQL_CST("drawn_at") ", sample_size," \
  " minimum, population"

template <class T>
std::optional<T> opt(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return f.as<T>();
}

std::string context(const std::string& number) { return "contact_corrections:" + number; }

FrameRow to_frame_row(const pqxx::row& r) {
  FrameRow f;
  f.case_id = r[0].as<std::int64_t>();
  f.number = r[1].as<std::string>();
  f.bundle_code = r[2].as<std::string>();
  f.hall_code = opt<std::string>(r[3]);
  f.channel = r[4].as<std::string>();
  f.region_code = r[5].as<std::string>();
  f.state = r[6].as<std::string>();
  f.created_at = r[7].as<std::string>();
  f.accepted_at = opt<std::string>(r[8]);
  f.ended_at = r[9].is_null() ? std::string() : r[9].as<std::string>();
  const int key = r[10].as<int>();
  if (!r[13].is_null()) {
    std::tie(f.applicant_json, f.phone) =
        open_personal_data(*vault_for(key), f.number, key, r[13].as<std::string>(), r[14].as<std::string>());
  } else if (!r[11].is_null()) {  // written before sealing (migration 015) and not yet resealed
    f.applicant_json = r[11].as<std::string>();
    f.phone = r[12].is_null() ? std::string() : r[12].as<std::string>();
  } else {  // purged after its retention period
    f.applicant_json = "{}";
  }
  f.applicant_key = r[15].is_null() ? std::string() : r[15].as<std::string>();
  if (!r[16].is_null()) {
    const int ckey = r[17].as<int>();
    const auto contact = boost::json::parse(vault_for(ckey)->open({ckey, r[16].as<std::string>()}, context(f.number)));
    f.correction =
        ContactCorrection{std::string(contact.at("name").as_string()), std::string(contact.at("phone").as_string()),
                          r[18].as<std::string>(), r[19].as<std::string>(), r[20].as<std::string>()};
  }
  return f;
}

EntryRow to_entry(const pqxx::row& r) {
  EntryRow e;
  e.id = r[0].as<std::int64_t>();
  e.draw_id = r[1].as<std::int64_t>();
  e.case_id = r[2].as<std::int64_t>();
  e.position = r[3].as<int>();
  e.stratum_population = r[4].as<int>();
  e.stratum_sample = r[5].as<int>();
  e.attempts = r[6].as<int>();
  e.number = r[7].as<std::string>();
  e.district = r[8].as<std::string>();
  e.bundle_code = r[9].as<std::string>();
  e.status = r[10].as<std::string>();
  e.week = r[11].as<std::string>();
  e.caller_login = r[12].as<std::string>();
  e.last_attempt_at = opt<std::string>(r[13]);
  return e;
}

DrawRow to_draw(const pqxx::row& r) {
  return {r[0].as<std::int64_t>(), r[1].as<std::string>(), r[2].as<std::string>(), r[3].as<std::string>(),
          r[4].as<std::string>(),  r[5].as<std::string>(), r[6].as<std::string>(), r[7].as<std::string>(),
          r[8].as<int>(),          r[9].as<int>(),         r[10].as<int>()};
}

AttemptRow to_attempt(const pqxx::row& r) {
  return {r[0].as<std::int64_t>(), r[1].as<std::string>(), r[2].as<std::string>(), r[3].as<std::string>(),
          r[4].as<std::string>(),  r[5].as<std::string>(), opt<int>(r[6]),         opt<std::string>(r[7])};
}

#define OW_ATTEMPT_COLUMNS \
  "a.entry_id, " OW_SQL_CST("a.at") ", a.caller_login, a.outcome, a.comment, a.problems::text, a.trips, a.satisfaction"

}  // namespace

const std::vector<Statement>& survey_statements() {
  static const std::vector<Statement> list = {
      {"survey_frame", OW_FRAME_SELECT "WHERE c.region_code LIKE $1 || '%' AND c.ended_at >= $2::timestamptz"
                                       " AND c.ended_at < $3::timestamptz ORDER BY c.ended_at, c.number"},
      {"survey_frame_of_cases", OW_FRAME_SELECT "WHERE c.id = ANY($1::bigint[]) ORDER BY c.number"},
      {"survey_case_ref", "SELECT id, region_code, ended_at IS NOT NULL FROM cases WHERE number = $1"},
      {"survey_correct",
       "INSERT INTO contact_corrections (case_id, at, actor_id, actor_login, reason, contact_sealed, pii_key)"
       " VALUES ($1, $2::timestamptz, $3, $4, $5, $6, $7)"},
      {"survey_reseal_corrections_batch",
       "SELECT x.id, c.number, x.contact_sealed, x.pii_key FROM contact_corrections x JOIN cases c ON c.id = x.case_id"
       " WHERE x.pii_key < $1 AND x.contact_sealed IS NOT NULL ORDER BY x.pii_key, x.id LIMIT $2"
       " FOR NO KEY UPDATE OF x SKIP LOCKED"},
      {"survey_reseal_correction", "UPDATE contact_corrections SET contact_sealed = $2, pii_key = $3 WHERE id = $1"},
      {"survey_corrections_behind",
       "SELECT count(*) FROM contact_corrections WHERE pii_key < $1 AND contact_sealed IS NOT NULL"},
      {"survey_population",
       "SELECT id, number, region_code, bundle_code FROM cases WHERE region_code LIKE $1 || '%'"
       " AND ended_at >= $2::timestamptz AND ended_at < $3::timestamptz ORDER BY region_code, bundle_code, number"},
      {"survey_draw_insert",
       "INSERT INTO callback_draws (region_prefix, week, week_monday, sample_size, minimum, seed, population,"
       " caller_login, drawn_by, drawn_at) VALUES ($1, $2, $3::date, $4, $5, $6, $7, $8, $9, $10::timestamptz) RETURNING id"},
      {"survey_entry_insert",
       "INSERT INTO callback_entries (draw_id, case_id, position, district, bundle_code, stratum_population,"
       " stratum_sample) VALUES ($1, $2, $3, $4, $5, $6, $7)"},
      {"survey_draw", "SELECT " OW_DRAW_COLUMNS " FROM callback_draws WHERE id = $1"},
      {"survey_draws", "SELECT " OW_DRAW_COLUMNS " FROM callback_draws WHERE region_prefix LIKE $1 || '%'"
                       " AND ($2::text IS NULL OR week = $2) ORDER BY id DESC LIMIT 200"},
      {"survey_entries_of_draw", OW_ENTRY_SELECT "WHERE e.draw_id = $1 ORDER BY e.position"},
      {"survey_entries_of_caller",
       OW_ENTRY_SELECT "WHERE d.caller_login = $1 AND (NOT $2 OR e.status IN ('pending', 'retry'))"
                       " ORDER BY e.draw_id, e.position LIMIT 500"},
      {"survey_entry_lock", "SELECT 1 FROM callback_entries WHERE id = $1 FOR UPDATE"},
      {"survey_entry", OW_ENTRY_SELECT "WHERE e.id = $1"},
      {"survey_attempts", "SELECT " OW_ATTEMPT_COLUMNS " FROM callback_attempts a WHERE a.entry_id = $1 ORDER BY a.id"},
      {"survey_attempt_insert",
       "INSERT INTO callback_attempts (entry_id, at, caller_login, outcome, comment, problems, trips, satisfaction)"
       " VALUES ($1, $2::timestamptz, $3, $4, $5, $6::jsonb, $7, $8)"},
      {"survey_entry_status", "UPDATE callback_entries SET status = $2 WHERE id = $1"},
      {"survey_answers",
       "SELECT e.draw_id, e.district, e.bundle_code, e.status, e.stratum_population, e.stratum_sample,"
       " a.trips, a.satisfaction FROM callback_entries e JOIN callback_draws d ON d.id = e.draw_id"
       " LEFT JOIN callback_attempts a ON a.entry_id = e.id AND a.outcome = 'reached'"
       " WHERE d.region_prefix LIKE $1 || '%' AND d.week_monday >= $2::date AND d.week_monday < $3::date"
       " ORDER BY e.draw_id, e.position"},
      {"survey_calls",
       "SELECT " OW_ATTEMPT_COLUMNS ", c.number, e.district, e.bundle_code, EXISTS (SELECT 1 FROM followups f"
       " WHERE f.case_id = e.case_id AND f.source = 'survey' AND f.opened_at = a.at)"
       " FROM callback_attempts a JOIN callback_entries e ON e.id = a.entry_id JOIN cases c ON c.id = e.case_id"
       " WHERE c.region_code LIKE $1 || '%' AND a.at >= $2::timestamptz AND a.at < $3::timestamptz ORDER BY a.at, a.id"},
  };
  return list;
}

namespace survey {

std::vector<FrameRow> frame(Tx& tx, const std::string& region_prefix, const std::string& from, const std::string& to) {
  std::vector<FrameRow> out;
  for (const auto& r : tx.exec_prepared("survey_frame", region_prefix, from, to)) out.push_back(to_frame_row(r));
  return out;
}

std::vector<FrameRow> frame_of_cases(Tx& tx, const std::vector<std::int64_t>& case_ids) {
  std::vector<std::string> ids;
  for (auto id : case_ids) ids.push_back(std::to_string(id));
  std::vector<FrameRow> out;
  for (const auto& r : tx.exec_prepared("survey_frame_of_cases", text_array_literal(ids)))
    out.push_back(to_frame_row(r));
  return out;
}

std::optional<CaseRef> case_ref(Tx& tx, const std::string& number) {
  auto r = tx.exec_prepared("survey_case_ref", number);
  if (r.empty()) return std::nullopt;
  return CaseRef{r[0][0].as<std::int64_t>(), r[0][1].as<std::string>(), r[0][2].as<bool>()};
}

void correct_contact(Tx& tx, std::int64_t case_id, const std::string& number, std::int64_t actor_id,
                     const std::string& actor_login, const std::string& reason, const std::string& name,
                     const std::string& phone, const std::string& at) {
  const auto sealed =
      vault()->seal(boost::json::serialize(boost::json::object{{"name", name}, {"phone", phone}}), context(number));
  tx.exec_prepared0("survey_correct", case_id, at, actor_id, actor_login, reason, sealed.text, sealed.key_id);
}

int reseal_corrections(Tx& tx, const Vault& vault, int limit) {
  int done = 0;
  for (const auto& r : tx.exec_prepared("survey_reseal_corrections_batch", vault.current_key(), limit)) {
    const auto bound = context(r[1].as<std::string>());
    const auto sealed = vault.seal(vault.open({r[3].as<int>(), r[2].as<std::string>()}, bound), bound);
    tx.exec_prepared0("survey_reseal_correction", r[0].as<std::int64_t>(), sealed.text, sealed.key_id);
    ++done;
  }
  return done;
}

std::int64_t corrections_behind(Tx& tx, int key) {
  return tx.exec_prepared1("survey_corrections_behind", key)[0].as<std::int64_t>();
}

std::vector<PopulationUnit> population(Tx& tx, const std::string& region_prefix, const std::string& from,
                                       const std::string& to) {
  std::vector<PopulationUnit> out;
  for (const auto& r : tx.exec_prepared("survey_population", region_prefix, from, to))
    out.push_back({r[0].as<std::int64_t>(), r[1].as<std::string>(), r[2].as<std::string>(), r[3].as<std::string>()});
  return out;
}

std::int64_t insert_draw(Tx& tx, const DrawRow& d) {
  return tx
      .exec_prepared1("survey_draw_insert", d.region_prefix, d.week, d.week_monday, d.sample_size, d.minimum, d.seed,
                      d.population, d.caller_login, d.drawn_by, d.drawn_at)[0]
      .as<std::int64_t>();
}

void insert_entry(Tx& tx, std::int64_t draw_id, std::int64_t case_id, int position, const std::string& district,
                  const std::string& bundle_code, int stratum_population, int stratum_sample) {
  tx.exec_prepared0("survey_entry_insert", draw_id, case_id, position, district, bundle_code, stratum_population,
                    stratum_sample);
}

std::optional<DrawRow> draw(Tx& tx, std::int64_t id) {
  auto r = tx.exec_prepared("survey_draw", id);
  if (r.empty()) return std::nullopt;
  return to_draw(r[0]);
}

std::vector<DrawRow> draws(Tx& tx, const std::string& region_prefix, const std::optional<std::string>& week) {
  std::vector<DrawRow> out;
  for (const auto& r : tx.exec_prepared("survey_draws", region_prefix, week)) out.push_back(to_draw(r));
  return out;
}

std::vector<EntryRow> entries_of_draw(Tx& tx, std::int64_t draw_id) {
  std::vector<EntryRow> out;
  for (const auto& r : tx.exec_prepared("survey_entries_of_draw", draw_id)) out.push_back(to_entry(r));
  return out;
}

std::vector<EntryRow> entries_of_caller(Tx& tx, const std::string& caller_login, bool open_only) {
  std::vector<EntryRow> out;
  for (const auto& r : tx.exec_prepared("survey_entries_of_caller", caller_login, open_only))
    out.push_back(to_entry(r));
  return out;
}

std::optional<EntryRow> entry_for_update(Tx& tx, std::int64_t id) {
  if (tx.exec_prepared("survey_entry_lock", id).empty()) return std::nullopt;
  return to_entry(tx.exec_prepared1("survey_entry", id));
}

std::vector<AttemptRow> attempts(Tx& tx, std::int64_t entry_id) {
  std::vector<AttemptRow> out;
  for (const auto& r : tx.exec_prepared("survey_attempts", entry_id)) out.push_back(to_attempt(r));
  return out;
}

void record_attempt(Tx& tx, const AttemptRow& a, const std::string& new_status) {
  tx.exec_prepared0("survey_attempt_insert", a.entry_id, a.at, a.caller_login, a.outcome, a.comment, a.problems_json,
                    a.trips, a.satisfaction);
  tx.exec_prepared0("survey_entry_status", a.entry_id, new_status);
}

std::vector<AnswerRow> answers(Tx& tx, const std::string& region_prefix, const std::string& from_monday,
                               const std::string& to_monday) {
  std::vector<AnswerRow> out;
  for (const auto& r : tx.exec_prepared("survey_answers", region_prefix, from_monday, to_monday))
    out.push_back({r[0].as<std::int64_t>(), r[1].as<std::string>(), r[2].as<std::string>(), r[3].as<std::string>(),
                   r[4].as<int>(), r[5].as<int>(), opt<int>(r[6]), opt<std::string>(r[7])});
  return out;
}

std::vector<CallRow> calls(Tx& tx, const std::string& region_prefix, const std::string& from, const std::string& to) {
  std::vector<CallRow> out;
  for (const auto& r : tx.exec_prepared("survey_calls", region_prefix, from, to))
    out.push_back(
        {to_attempt(r), r[8].as<std::string>(), r[9].as<std::string>(), r[10].as<std::string>(), r[11].as<bool>()});
  return out;
}

}  // namespace survey
}  // namespace ow::store
