// Cases, tasks, audit and outbox in PostgreSQL: named statements and typed rows.
// JSON columns travel as text; instants as ISO 8601 text in China Standard Time. The applicant and phone
// are sealed on the way in and opened on the way out (case_personal_data.hpp): CaseRow holds them plain.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "services/store/statements.hpp"
#include "services/store/transaction.hpp"

namespace ow::store {

struct CaseRow {
  std::int64_t id = 0;
  std::string number, bundle_code;
  int catalog_version = 0;
  std::string state, channel, region_code;
  std::optional<std::string> hall_code, window_code;
  std::optional<std::int64_t> clerk_id;
  std::string applicant, phone, attributes, materials, decision, deferred, skipped_steps;  // JSON text
  std::optional<std::string> committed_clock, statutory_clock;                             // JSON text
  std::optional<std::string> committed_due_at, statutory_due_at;                           // ISO text
  int visits = 0, version = 1;
  std::string created_at;
  std::optional<std::string> accepted_at;
  std::optional<std::string> delivery, concluded_at;  // delivery: JSON text
  std::optional<std::string> ended_at;                // ISO: when it reached a final state (any outcome)
  std::optional<std::string> ended_state;             // that final state (kept when the case is then Archived)
  std::optional<bool> met_committed, met_statutory;
  std::string commitments = "[]";  // JSON text: 告知承诺 (casework's commitment_codec)
};

struct TaskRow {
  std::int64_t id = 0, case_id = 0;
  std::string step, department_code;
  bool push = false;
  std::string after_steps;  // JSON text
  int budget_minutes = 0;
  std::string state;
  std::optional<std::string> clock, special_procedure, due_at;
  int version = 1;
  std::optional<std::int64_t> assignee_id;
  std::optional<std::string> result, opinion;  // result: JSON text
  std::optional<std::string> supplement;       // JSON text: the open 补正 request (casework's record_codec)
};

// A task in an approver's inbox: the task and the case facts the list shows.
struct InboxRow {
  TaskRow task;
  std::string number, bundle_code, case_state, region_code;
  int catalog_version = 0;  // the version the case was accepted under: its names
};

struct InboxFilter {
  std::string department, region_prefix;
  std::optional<std::string> state, due_before, bundle;
  int limit = 100, offset = 0;
};

// One page of an inbox and how many tasks the filter finds in all.
struct InboxPage {
  std::vector<InboxRow> rows;
  std::int64_t total = 0;
};

struct AuditRow {
  std::string entity, event, from_state, to_state, actor, at, detail;
};

struct CaseListFilter {
  std::string region_prefix;  // scope: case region codes starting with this
  std::optional<std::string> hall_code, window_code, day, state;
  std::int64_t before_id = INT64_MAX;  // cursor
  int limit = 50;
};

const std::vector<Statement>& case_statements();

namespace cases {
int next_sequence(Tx& tx, const std::string& region, const std::string& day);
// Drawn by one statement that commits by itself (the counter row is locked only for that statement).
int next_sequence(Single& one, const std::string& region, const std::string& day);
// Inserts the case (personal data sealed) and returns it as stored (id, version, created_at filled in);
// with a query code, the case's code too, in the same statement (as query_codes::issue would).
CaseRow insert(Tx& tx, const CaseRow& c, const std::optional<std::string>& query_code = std::nullopt);
void update(Tx& tx, const CaseRow& c);  // state, JSON, clocks, dues, visits; bumps version
// Whether `row` leaves every column update() writes as `stored` holds it (as read from the database; JSON
// compared by value, since PostgreSQL re-spaces jsonb).
bool unchanged(const CaseRow& stored, const CaseRow& row);
void touch(Tx& tx, std::int64_t case_id);  // only the version bump (a decision that changed only tasks)
std::optional<CaseRow> for_update(Tx& tx, const std::string& number);
std::optional<CaseRow> by_number(Tx& tx, const std::string& number);
// Cases not archived with an e-licence material whose document the library did not give (licence_document
// not_obtained), id above `after`, by id: (id, number). Partial index sql/191.
std::vector<std::pair<std::int64_t, std::string>> licence_documents_missing(Tx& tx, std::int64_t after, int limit);
// The case's recorded materials, rewritten (the case is locked by the caller).
void set_materials(Tx& tx, std::int64_t case_id, const std::string& materials_json);
std::vector<CaseRow> list(Tx& tx, const CaseListFilter& f);

std::vector<TaskRow> tasks(Tx& tx, std::int64_t case_id);
// Several cases at once (the dispatcher's round), and their tasks ordered by case, then id.
std::vector<CaseRow> by_ids(Tx& tx, const std::vector<std::int64_t>& ids);
std::vector<TaskRow> tasks_of_cases(Tx& tx, const std::vector<std::int64_t>& case_ids);
// Ids of cases whose clocks may still run (accepted and not finished).
std::vector<std::int64_t> open_case_ids(Tx& tx);
// Inserts the tasks in one statement; returns them as stored, in order (ids filled in).
std::vector<TaskRow> insert_tasks(Tx& tx, const std::vector<TaskRow>& tasks);
void update_task(Tx& tx, const TaskRow& t);

std::optional<TaskRow> task_by_id(Tx& tx, std::int64_t task_id);
std::optional<CaseRow> by_id(Tx& tx, std::int64_t case_id);
std::optional<CaseRow> for_update_by_id(Tx& tx, std::int64_t case_id);
// Several cases locked (FOR NO KEY UPDATE) in id order; those that exist, by id.
std::vector<CaseRow> for_update_by_ids(Tx& tx, const std::vector<std::int64_t>& ids);
void set_task_work(Tx& tx, std::int64_t case_id, const std::string& step, std::optional<std::int64_t> assignee,
                   std::optional<std::string> result, std::optional<std::string> opinion);
InboxPage inbox(Tx& tx, const InboxFilter& f);
void set_delivery(Tx& tx, std::int64_t case_id, const std::string& delivery_json, bool met_committed,
                  bool met_statutory, const std::string& concluded_at);  // concluded_at: the platform's clock, ISO
void add_extension(Tx& tx, std::int64_t case_id, int days);
int extension_days(Tx& tx, std::int64_t case_id);

// Appends audit rows in one statement, in order (the hash chain's trigger links them one by one).
void add_audit(Tx& tx, std::int64_t case_id, const std::vector<AuditRow>& rows);
std::vector<AuditRow> audit(Tx& tx, std::int64_t case_id);
struct OutboxMessage {
  std::string step, department, kind;
};
// Queues messages for departments in one statement (each row wakes the dispatchers: NOTIFY ow_outbox).
void add_outbox(Tx& tx, std::int64_t case_id, const std::vector<OutboxMessage>& messages);
// A decision's rows after its case and tasks in one statement (one round trip): add_audit, add_outbox and
// supervision::sync_clocks (`clocks_json` from supervision::clocks_json, "[]": none; `now` as it takes it).
// Returns the audit rows as stored, in id order: what audit() would read of them.
std::vector<AuditRow> add_decision_rows(Tx& tx, std::int64_t case_id, const std::vector<AuditRow>& audit,
                                        const std::vector<OutboxMessage>& messages, const std::string& clocks_json,
                                        const std::string& now);
int outbox_count(Tx& tx, std::int64_t case_id);
// Cases in scope whose holder (ID number or credit code) or contact phone has the given blind index (an empty
// index matches nothing), newest first.
std::vector<CaseRow> of_holder(Tx& tx, const std::string& region_prefix, const std::string& holder_index,
                               const std::string& phone_index, int limit);
}  // namespace cases

}  // namespace ow::store
