// SQL for cases, tasks, audit and outbox.
#include "services/store/case_store.hpp"
#include "services/store/pg_types.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <tuple>

#include "services/platform/trace_context.hpp"
#include "services/store/case_personal_data.hpp"
#include "services/store/errors.hpp"
#include "services/store/sql_text.hpp"
#include "services/store/supervision_store.hpp"
#include "services/store/vault.hpp"

namespace ow::store {
namespace {

namespace json = boost::json;

#define OW_TASK_COLUMNS \
  "t.id, t.case_id, t.step, t.department_code, t.push, t.after_steps::text, t.budget_minutes, t.state, t.clock::text," \
  " t.special_procedure, " OW_SQL_CST("t.due_at") ", t.version, t.assignee_id, t.result::text, t.opinion,"  \
  " t.supplement::text"
#define OW_CASE_COLUMNS \
  "id, number, bundle_code, catalog_version, state, channel, region_code, hall_code, window_code, clerk_id,"          \
  " applicant::text, phone, attributes::text, materials::text, decision::text, deferred::text, skipped_steps::text," \
  " committed_clock::text, statutory_clock::text, " OW_SQL_CST("committed_due_at") ", " OW_SQL_CST("statutory_due_at") ","    \
  " visits, version, " OW_SQL_CST("created_at") ", " OW_SQL_CST("accepted_at") ", delivery::text, " OW_SQL_CST("concluded_at") ","    \
  " met_committed, met_statutory, applicant_sealed, phone_sealed, pii_key, " OW_SQL_CST("ended_at") ","  \
  " commitments::text, ended_state"

template <class T>
std::optional<T> opt(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return f.as<T>();
}

CaseRow to_case(const pqxx::row& r) {
  CaseRow c;
  c.id = r[0].as<std::int64_t>();
  c.number = r[1].as<std::string>();
  c.bundle_code = r[2].as<std::string>();
  c.catalog_version = r[3].as<int>();
  c.state = r[4].as<std::string>();
  c.channel = r[5].as<std::string>();
  c.region_code = r[6].as<std::string>();
  c.hall_code = opt<std::string>(r[7]);
  c.window_code = opt<std::string>(r[8]);
  c.clerk_id = opt<std::int64_t>(r[9]);
  if (!r[29].is_null()) {  // sealed (key 0: written by a benchmark with sealing off)
    std::tie(c.applicant, c.phone) = open_personal_data(*vault_for(r[31].as<int>()), c.number, r[31].as<int>(),
                                                        r[29].as<std::string>(), r[30].as<std::string>());
  } else if (!r[10].is_null()) {  // sealed by neither: written before migration 015, not yet resealed
    c.applicant = r[10].as<std::string>();
    c.phone = r[11].as<std::string>();
  } else {  // its retention period is over: purged
    c.applicant = R"({"kind":"purged","name":""})";
  }
  c.attributes = r[12].as<std::string>();
  c.materials = r[13].as<std::string>();
  c.decision = r[14].as<std::string>();
  c.deferred = r[15].as<std::string>();
  c.skipped_steps = r[16].as<std::string>();
  c.committed_clock = opt<std::string>(r[17]);
  c.statutory_clock = opt<std::string>(r[18]);
  c.committed_due_at = opt<std::string>(r[19]);
  c.statutory_due_at = opt<std::string>(r[20]);
  c.visits = r[21].as<int>();
  c.version = r[22].as<int>();
  c.created_at = r[23].as<std::string>();
  c.accepted_at = opt<std::string>(r[24]);
  c.delivery = opt<std::string>(r[25]);
  c.concluded_at = opt<std::string>(r[26]);
  c.met_committed = opt<bool>(r[27]);
  c.met_statutory = opt<bool>(r[28]);
  c.ended_at = opt<std::string>(r[32]);
  c.commitments = r[33].as<std::string>();
  c.ended_state = opt<std::string>(r[34]);
  return c;
}

TaskRow to_task(const pqxx::row& r) {
  TaskRow t;
  t.id = r[0].as<std::int64_t>();
  t.case_id = r[1].as<std::int64_t>();
  t.step = r[2].as<std::string>();
  t.department_code = r[3].as<std::string>();
  t.push = r[4].as<bool>();
  t.after_steps = r[5].as<std::string>();
  t.budget_minutes = r[6].as<int>();
  t.state = r[7].as<std::string>();
  t.clock = opt<std::string>(r[8]);
  t.special_procedure = opt<std::string>(r[9]);
  t.due_at = opt<std::string>(r[10]);
  t.version = r[11].as<int>();
  t.assignee_id = opt<std::int64_t>(r[12]);
  t.result = opt<std::string>(r[13]);
  t.opinion = opt<std::string>(r[14]);
  t.supplement = opt<std::string>(r[15]);
  return t;
}

}  // namespace

const std::vector<Statement>& case_statements() {
  // A decision's clock checks, outbox messages and audit rows in one round trip (issue 23), each as
  // clock_checks_sync, outbox_insert_many and audit_insert_many write them ($1, $2: the clocks and now as
  // clock_checks_sync takes them). The audit rows come back as audit_of_case reads them (not read back).
  static const std::string decision_rows_sql =
      "WITH " + clock_sync_with_items() +
      ", o AS (INSERT INTO outbox (case_id, step, department_code, kind, traceparent)"
      " SELECT $3, e.v->>0, e.v->>1, e.v->>2, NULLIF($6, '')"
      " FROM jsonb_array_elements($5::jsonb) WITH ORDINALITY AS e(v, n) ORDER BY e.n)"
      " INSERT INTO case_audit (case_id, entity, event, from_state, to_state, actor, at, detail)"
      " SELECT $3, e.v->>0, e.v->>1, e.v->>2, e.v->>3, e.v->>4, (e.v->>5)::timestamptz, e.v->>6"
      " FROM jsonb_array_elements($4::jsonb) WITH ORDINALITY AS e(v, n) ORDER BY e.n"
      " RETURNING id, entity, event, from_state, to_state, actor, " OW_SQL_CST("at") ", detail";
  static const std::vector<Statement> list = {
      {"case_next_sequence",
       "INSERT INTO case_sequences (region_code, day, last) VALUES ($1, $2::date, 1)"
       " ON CONFLICT (region_code, day) DO UPDATE SET last = case_sequences.last + 1 RETURNING last"},
      // The case row and, when the case is accepted at once, its query code (sql/011) in one round trip
      // ($28 NULL: none). The code's foreign key is checked at the end of the statement, when the case is in.
      {"case_insert",
       "WITH c AS (INSERT INTO cases (number, bundle_code, catalog_version, state, channel, region_code, hall_code, window_code,"
       " clerk_id, applicant_sealed, phone_sealed, attributes, materials, decision, deferred, skipped_steps,"
       " committed_clock, statutory_clock, committed_due_at, statutory_due_at, visits, accepted_at, pii_key,"
       " holder_index, phone_index, ended_at, commitments)"
       " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13::jsonb, $14::jsonb, $15::jsonb,"
       " $16::jsonb, $17::jsonb, $18::jsonb, $19::timestamptz, $20::timestamptz, $21, $22::timestamptz, $23,"
       " NULLIF($24, ''), NULLIF($25, ''), $26::timestamptz, $27::jsonb) RETURNING " OW_CASE_COLUMNS "),"
       " q AS (INSERT INTO case_query_codes (case_id, code) SELECT id, $28 FROM c WHERE $28::text IS NOT NULL"
       " ON CONFLICT (case_id) DO NOTHING)"
       " SELECT * FROM c"},
      // A decision that changed only the case's tasks (e.g. a push delivered): the case's version still
      // counts the change, without rewriting its row's JSON from the parameters.
      {"case_touch", "UPDATE cases SET version = version + 1, updated_at = now() WHERE id = $1"},
      {"case_update",
       "UPDATE cases SET state = $2, decision = $3::jsonb, deferred = $4::jsonb, skipped_steps = $5::jsonb,"
       " committed_clock = $6::jsonb, statutory_clock = $7::jsonb, committed_due_at = $8::timestamptz,"
       " statutory_due_at = $9::timestamptz, visits = $10, materials = $11::jsonb,"
       " accepted_at = COALESCE(accepted_at, $12::timestamptz), ended_at = COALESCE(ended_at, $13::timestamptz),"
       // A submission gets its hall and window at the pre-review decision (window_desk.cpp), once.
       " hall_code = COALESCE(hall_code, $14), window_code = COALESCE(window_code, $15),"
       " commitments = $16::jsonb,"
       " version = version + 1, updated_at = now() WHERE id = $1"},
      // NO KEY UPDATE: commands on one case still take turns, while rows that only reference the case (an alert,
      // a task) are written beside them without waiting (their foreign-key check takes KEY SHARE).
      {"case_for_update", "SELECT " OW_CASE_COLUMNS " FROM cases WHERE number = $1 FOR NO KEY UPDATE"},
      {"case_by_number", "SELECT " OW_CASE_COLUMNS " FROM cases WHERE number = $1"},
      {"case_licence_documents_missing",
       "SELECT id, number FROM cases WHERE materials @> '[{\"licence_document\": \"not_obtained\"}]'"
       " AND state <> 'Archived' AND id > $1 ORDER BY id LIMIT $2"},
      {"case_materials_set", "UPDATE cases SET materials = $2::jsonb WHERE id = $1"},
      {"case_list", "SELECT " OW_CASE_COLUMNS " FROM cases WHERE region_code LIKE $1 || '%'"
                    " AND ($2::text IS NULL OR hall_code = $2) AND ($3::text IS NULL OR window_code = $3)"
                    " AND ($4::date IS NULL OR (created_at AT TIME ZONE 'Asia/Shanghai')::date = $4::date)"
                    " AND ($5::text IS NULL OR state = $5) AND id < $6 ORDER BY id DESC LIMIT $7"},
      {"task_insert_many",
       "INSERT INTO tasks AS t (case_id, step, department_code, push, after_steps, budget_minutes, state, clock,"
       " special_procedure, due_at, supplement)"
       " SELECT (e.v->>'case_id')::bigint, e.v->>'step', e.v->>'department_code', (e.v->>'push')::boolean,"
       " (e.v->>'after_steps')::jsonb, (e.v->>'budget_minutes')::integer, e.v->>'state', (e.v->>'clock')::jsonb,"
       " e.v->>'special_procedure', (e.v->>'due_at')::timestamptz, (e.v->>'supplement')::jsonb"
       " FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS e(v, n) ORDER BY e.n RETURNING " OW_TASK_COLUMNS},
      {"task_update",
       "UPDATE tasks SET state = $3, clock = $4::jsonb, special_procedure = $5, due_at = $6::timestamptz, supplement = $7::jsonb,"
       " version = version + 1, updated_at = now() WHERE case_id = $1 AND step = $2"},
      {"tasks_of_case", "SELECT " OW_TASK_COLUMNS " FROM tasks t WHERE t.case_id = $1 ORDER BY t.id"},
      {"task_by_id", "SELECT " OW_TASK_COLUMNS " FROM tasks t WHERE t.id = $1"},
      {"case_by_id", "SELECT " OW_CASE_COLUMNS " FROM cases WHERE id = $1"},
      {"cases_by_ids", "SELECT " OW_CASE_COLUMNS " FROM cases WHERE id = ANY ($1::bigint[])"},
      {"tasks_of_cases",
       "SELECT " OW_TASK_COLUMNS " FROM tasks t WHERE t.case_id = ANY ($1::bigint[]) ORDER BY t.case_id, t.id"},
      {"case_for_update_by_id", "SELECT " OW_CASE_COLUMNS " FROM cases WHERE id = $1 FOR NO KEY UPDATE"},
      // Several cases locked in id order (any two transactions locking overlapping sets cannot deadlock).
      {"cases_for_update_by_ids",
       "SELECT " OW_CASE_COLUMNS " FROM cases WHERE id = ANY ($1::bigint[]) ORDER BY id FOR NO KEY UPDATE"},
      {"task_set_work",
       "UPDATE tasks SET assignee_id = $3, result = COALESCE($4::jsonb, result), opinion = COALESCE($5, opinion),"
       " updated_at = now() WHERE case_id = $1 AND step = $2"},
      {"task_inbox",
       "SELECT " OW_TASK_COLUMNS
       ", c.number, c.bundle_code, c.state, c.region_code, c.catalog_version, count(*) OVER ()"
       " FROM tasks t JOIN cases c ON c.id = t.case_id"
       " WHERE t.department_code = $1 AND c.region_code LIKE $2 || '%'"
       " AND (($3::text IS NULL AND t.state IN ('Dispatched', 'Received', 'SupplementRequested')) OR t.state = $3)"
       " AND ($4::timestamptz IS NULL OR t.due_at < $4::timestamptz) AND ($5::text IS NULL OR c.bundle_code = $5)"
       " ORDER BY t.due_at NULLS LAST, t.id LIMIT $6 OFFSET $7"},
      {"case_set_delivery",
       "UPDATE cases SET delivery = $2::jsonb, concluded_at = $5::timestamptz, met_committed = $3, met_statutory = $4 WHERE id = $1"},
      {"case_open_ids",
       "SELECT id FROM cases WHERE state IN ('Accepted', 'InProgress', 'Suspended', 'ResultReady') ORDER BY id"},
      {"case_add_extension", "UPDATE cases SET extension_days = extension_days + $2 WHERE id = $1"},
      {"case_extension_days", "SELECT extension_days FROM cases WHERE id = $1"},
      {"audit_insert_many",
       "INSERT INTO case_audit (case_id, entity, event, from_state, to_state, actor, at, detail)"
       " SELECT $1, e.v->>0, e.v->>1, e.v->>2, e.v->>3, e.v->>4, (e.v->>5)::timestamptz, e.v->>6"
       " FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS e(v, n) ORDER BY e.n"},
      {"decision_rows_insert", decision_rows_sql.c_str()},
      {"audit_of_case", "SELECT entity, event, from_state, to_state, actor, " OW_SQL_CST(
                            "at") ", detail FROM case_audit WHERE case_id = $1 ORDER BY id"},
      {"outbox_insert_many",
       "INSERT INTO outbox (case_id, step, department_code, kind, traceparent)"
       " SELECT $1, e.v->>0, e.v->>1, e.v->>2, NULLIF($3, '')"
       " FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS e(v, n) ORDER BY e.n"},
      {"outbox_count", "SELECT count(*) FROM outbox WHERE case_id = $1"},
      {"cases_of_holder", "SELECT " OW_CASE_COLUMNS " FROM cases WHERE region_code LIKE $1 || '%'"
                          " AND (holder_index = $2 OR phone_index = $3) ORDER BY id DESC LIMIT $4"},
  };
  return list;
}

namespace cases {

int next_sequence(Tx& tx, const std::string& region, const std::string& day) {
  return tx.exec_prepared1("case_next_sequence", region, day)[0].as<int>();
}

int next_sequence(Single& one, const std::string& region, const std::string& day) {
  return one.exec_prepared1("case_next_sequence", region, day)[0].as<int>();
}

CaseRow insert(Tx& tx, const CaseRow& c, const std::optional<std::string>& query_code) {
  const auto sealed = seal_personal_data(*vault(), c.number, c.applicant, c.phone);
  return to_case(tx.exec_prepared1(
      "case_insert", c.number, c.bundle_code, c.catalog_version, c.state, c.channel, c.region_code, c.hall_code,
      c.window_code, c.clerk_id, sealed.applicant, sealed.phone, c.attributes, c.materials, c.decision, c.deferred,
      c.skipped_steps, c.committed_clock, c.statutory_clock, c.committed_due_at, c.statutory_due_at, c.visits,
      c.accepted_at, sealed.key, sealed.holder_index, sealed.phone_index, c.ended_at, c.commitments, query_code));
}

namespace {
// JSON text compared by value: the stored text is PostgreSQL's rendering of jsonb (its own spacing and key
// order), the new one the codec's. Text that does not parse compares as written.
bool same_json(const std::string& a, const std::string& b) {
  if (a == b) return true;
  boost::system::error_code ea, eb;
  const auto x = json::parse(a, ea);
  const auto y = json::parse(b, eb);
  return !ea && !eb && x == y;
}
bool same_json(const std::optional<std::string>& a, const std::optional<std::string>& b) {
  return a.has_value() == b.has_value() && (!a || same_json(*a, *b));
}
}  // namespace

bool unchanged(const CaseRow& stored, const CaseRow& row) {
  const auto plain = [](const CaseRow& r) {
    return std::tie(r.id, r.state, r.committed_due_at, r.statutory_due_at, r.visits, r.accepted_at, r.ended_at,
                    r.hall_code, r.window_code);
  };
  return plain(stored) == plain(row) && same_json(stored.decision, row.decision) &&
         same_json(stored.deferred, row.deferred) && same_json(stored.skipped_steps, row.skipped_steps) &&
         same_json(stored.committed_clock, row.committed_clock) &&
         same_json(stored.statutory_clock, row.statutory_clock) && same_json(stored.materials, row.materials) &&
         same_json(stored.commitments, row.commitments);
}

void touch(Tx& tx, std::int64_t case_id) { tx.exec_prepared0("case_touch", case_id); }

void update(Tx& tx, const CaseRow& c) {
  tx.exec_prepared0("case_update", c.id, c.state, c.decision, c.deferred, c.skipped_steps, c.committed_clock,
                    c.statutory_clock, c.committed_due_at, c.statutory_due_at, c.visits, c.materials, c.accepted_at,
                    c.ended_at, c.hall_code, c.window_code, c.commitments);
}

std::optional<CaseRow> for_update(Tx& tx, const std::string& number) {
  auto r = tx.exec_prepared("case_for_update", number);
  if (r.empty()) return std::nullopt;
  return to_case(r[0]);
}

std::vector<std::pair<std::int64_t, std::string>> licence_documents_missing(Tx& tx, std::int64_t after, int limit) {
  std::vector<std::pair<std::int64_t, std::string>> out;
  for (const auto& r : tx.exec_prepared("case_licence_documents_missing", after, limit))
    out.emplace_back(r[0].as<std::int64_t>(), r[1].as<std::string>());
  return out;
}

void set_materials(Tx& tx, std::int64_t case_id, const std::string& materials_json) {
  tx.exec_prepared0("case_materials_set", case_id, materials_json);
}

std::optional<CaseRow> by_number(Tx& tx, const std::string& number) {
  auto r = tx.exec_prepared("case_by_number", number);
  if (r.empty()) return std::nullopt;
  return to_case(r[0]);
}

std::vector<CaseRow> list(Tx& tx, const CaseListFilter& f) {
  std::vector<CaseRow> out;
  for (const auto& r :
       tx.exec_prepared("case_list", f.region_prefix, f.hall_code, f.window_code, f.day, f.state, f.before_id, f.limit))
    out.push_back(to_case(r));
  return out;
}

std::vector<TaskRow> tasks(Tx& tx, std::int64_t case_id) {
  std::vector<TaskRow> out;
  for (const auto& r : tx.exec_prepared("tasks_of_case", case_id)) out.push_back(to_task(r));
  return out;
}

std::vector<TaskRow> insert_tasks(Tx& tx, const std::vector<TaskRow>& tasks) {
  if (tasks.empty()) return {};
  auto or_null = [](const std::optional<std::string>& v) { return v ? json::value(*v) : json::value(nullptr); };
  json::array rows;
  for (const auto& t : tasks)
    rows.push_back(json::object{{"case_id", t.case_id},
                                {"step", t.step},
                                {"department_code", t.department_code},
                                {"push", t.push},
                                {"after_steps", t.after_steps},
                                {"budget_minutes", t.budget_minutes},
                                {"state", t.state},
                                {"clock", or_null(t.clock)},
                                {"special_procedure", or_null(t.special_procedure)},
                                {"due_at", or_null(t.due_at)},
                                {"supplement", or_null(t.supplement)}});
  std::vector<TaskRow> out;
  for (const auto& r : tx.exec_prepared("task_insert_many", json::serialize(rows))) out.push_back(to_task(r));
  std::sort(out.begin(), out.end(), [](const TaskRow& a, const TaskRow& b) { return a.id < b.id; });
  return out;
}

void update_task(Tx& tx, const TaskRow& t) {
  tx.exec_prepared0("task_update", t.case_id, t.step, t.state, t.clock, t.special_procedure, t.due_at, t.supplement);
}

std::optional<TaskRow> task_by_id(Tx& tx, std::int64_t task_id) {
  auto r = tx.exec_prepared("task_by_id", task_id);
  if (r.empty()) return std::nullopt;
  return to_task(r[0]);
}

std::optional<CaseRow> by_id(Tx& tx, std::int64_t case_id) {
  auto r = tx.exec_prepared("case_by_id", case_id);
  if (r.empty()) return std::nullopt;
  return to_case(r[0]);
}

std::vector<CaseRow> by_ids(Tx& tx, const std::vector<std::int64_t>& ids) {
  std::vector<CaseRow> out;
  for (const auto& r : tx.exec_prepared("cases_by_ids", id_array_literal(ids))) out.push_back(to_case(r));
  return out;
}

std::vector<TaskRow> tasks_of_cases(Tx& tx, const std::vector<std::int64_t>& case_ids) {
  std::vector<TaskRow> out;
  for (const auto& r : tx.exec_prepared("tasks_of_cases", id_array_literal(case_ids))) out.push_back(to_task(r));
  return out;
}

std::vector<CaseRow> for_update_by_ids(Tx& tx, const std::vector<std::int64_t>& ids) {
  std::vector<CaseRow> out;
  for (const auto& r : tx.exec_prepared("cases_for_update_by_ids", id_array_literal(ids))) out.push_back(to_case(r));
  return out;
}

std::optional<CaseRow> for_update_by_id(Tx& tx, std::int64_t case_id) {
  auto r = tx.exec_prepared("case_for_update_by_id", case_id);
  if (r.empty()) return std::nullopt;
  return to_case(r[0]);
}

void set_task_work(Tx& tx, std::int64_t case_id, const std::string& step, std::optional<std::int64_t> assignee,
                   std::optional<std::string> result, std::optional<std::string> opinion) {
  tx.exec_prepared0("task_set_work", case_id, step, assignee, result, opinion);
}

InboxPage inbox(Tx& tx, const InboxFilter& f) {
  InboxPage out;
  for (const auto& r : tx.exec_prepared("task_inbox", f.department, f.region_prefix, f.state, f.due_before, f.bundle,
                                        f.limit, f.offset)) {
    out.rows.push_back({to_task(r), r[16].as<std::string>(), r[17].as<std::string>(), r[18].as<std::string>(),
                        r[19].as<std::string>(), r[20].as<int>()});
    out.total = r[21].as<std::int64_t>();
  }
  return out;
}

void set_delivery(Tx& tx, std::int64_t case_id, const std::string& delivery_json, bool met_committed,
                  bool met_statutory, const std::string& concluded_at) {
  tx.exec_prepared0("case_set_delivery", case_id, delivery_json, met_committed, met_statutory, concluded_at);
}

std::vector<std::int64_t> open_case_ids(Tx& tx) {
  std::vector<std::int64_t> out;
  for (const auto& r : tx.exec_prepared("case_open_ids")) out.push_back(r[0].as<std::int64_t>());
  return out;
}

void add_extension(Tx& tx, std::int64_t case_id, int days) { tx.exec_prepared0("case_add_extension", case_id, days); }

int extension_days(Tx& tx, std::int64_t case_id) {
  return tx.exec_prepared1("case_extension_days", case_id)[0].as<int>();
}

namespace {
// A decision's rows as the insert statements take them: JSON arrays, and the writing request's trace (it reaches
// the department with the push, trace_context.hpp).
std::string audit_json(const std::vector<AuditRow>& rows) {
  json::array list;
  for (const auto& a : rows)
    list.push_back(json::array{a.entity, a.event, a.from_state, a.to_state, a.actor, a.at, a.detail});
  return json::serialize(list);
}
std::string outbox_json(const std::vector<OutboxMessage>& messages) {
  json::array list;
  for (const auto& m : messages) list.push_back(json::array{m.step, m.department, m.kind});
  return json::serialize(list);
}
std::string trace_header() {
  const platform::TraceContext* trace = platform::current_trace();
  return trace ? trace->header() : std::string();
}
// An audit row as audit_of_case and decision_rows_insert return it, from column `at` on.
AuditRow to_audit(const pqxx::row& r, int at = 0) {
  return {r[at].as<std::string>(),     r[at + 1].as<std::string>(), r[at + 2].as<std::string>(),
          r[at + 3].as<std::string>(), r[at + 4].as<std::string>(), r[at + 5].as<std::string>(),
          r[at + 6].as<std::string>()};
}
}  // namespace

void add_audit(Tx& tx, std::int64_t case_id, const std::vector<AuditRow>& rows) {
  if (rows.empty()) return;
  tx.exec_prepared0("audit_insert_many", case_id, audit_json(rows));
}

std::vector<AuditRow> audit(Tx& tx, std::int64_t case_id) {
  std::vector<AuditRow> out;
  for (const auto& r : tx.exec_prepared("audit_of_case", case_id)) out.push_back(to_audit(r));
  return out;
}

void add_outbox(Tx& tx, std::int64_t case_id, const std::vector<OutboxMessage>& messages) {
  if (messages.empty()) return;
  tx.exec_prepared0("outbox_insert_many", case_id, outbox_json(messages), trace_header());
}

std::vector<AuditRow> add_decision_rows(Tx& tx, std::int64_t case_id, const std::vector<AuditRow>& audit,
                                        const std::vector<OutboxMessage>& messages, const std::string& clocks_json,
                                        const std::string& now) {
  if (audit.empty() && messages.empty() && clocks_json == "[]") return {};
  std::vector<std::pair<std::int64_t, AuditRow>> stored;
  for (const auto& r : tx.exec_prepared("decision_rows_insert", clocks_json, now, case_id, audit_json(audit),
                                        outbox_json(messages), trace_header()))
    stored.emplace_back(r[0].as<std::int64_t>(), to_audit(r, 1));
  std::sort(stored.begin(), stored.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<AuditRow> out;
  for (auto& [id, row] : stored) out.push_back(std::move(row));
  return out;
}

int outbox_count(Tx& tx, std::int64_t case_id) { return tx.exec_prepared1("outbox_count", case_id)[0].as<int>(); }

std::vector<CaseRow> of_holder(Tx& tx, const std::string& region_prefix, const std::string& holder_index,
                               const std::string& phone_index, int limit) {
  std::vector<CaseRow> out;
  for (const auto& r : tx.exec_prepared("cases_of_holder", region_prefix, holder_index, phone_index, limit))
    out.push_back(to_case(r));
  return out;
}

}  // namespace cases

}  // namespace ow::store
