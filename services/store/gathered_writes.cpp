// SQL of gathered case writes: rows passed as one jsonb array (or bigint[]) per statement.
#include "services/store/gathered_writes.hpp"
#include "services/store/pg_types.hpp"

#include <algorithm>
#include <boost/json.hpp>

#include "services/store/sql_text.hpp"

namespace ow::store {

namespace json = boost::json;

const std::vector<Statement>& gathered_write_statements() {
  static const std::vector<Statement> list = {
      // A case named twice (two answers of one case in the batch) is bumped twice, as two updates would.
      {"cases_touch_many",
       "UPDATE cases c SET version = c.version + x.n, updated_at = now()"
       " FROM (SELECT id, count(*)::int AS n FROM unnest($1::bigint[]) AS id GROUP BY id) x"
       " WHERE c.id = ANY ($1::bigint[]) AND c.id = x.id"},
      {"tasks_update_many",
       "UPDATE tasks t SET state = x.state, clock = x.clock::jsonb, special_procedure = x.special_procedure,"
       " due_at = x.due_at::timestamptz, supplement = x.supplement::jsonb, version = t.version + 1, updated_at = now()"
       " FROM jsonb_to_recordset($1::jsonb) AS x(case_id bigint, step text, state text, clock text,"
       " special_procedure text, due_at text, supplement text)"
       // (the cases again as an array: an index condition on tasks, not a hash of every task)
       " WHERE t.case_id = ANY ($2::bigint[]) AND t.case_id = x.case_id AND t.step = x.step"},
      {"audit_insert_cases",
       "INSERT INTO case_audit (case_id, entity, event, from_state, to_state, actor, at, detail)"
       " SELECT (e.v->>0)::bigint, e.v->>1, e.v->>2, e.v->>3, e.v->>4, e.v->>5, (e.v->>6)::timestamptz, e.v->>7"
       " FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS e(v, n) ORDER BY e.n"},
  };
  return list;
}

namespace {
json::value text_or_null(const std::optional<std::string>& s) { return s ? json::value(*s) : json::value(nullptr); }
}  // namespace

void GatheredWrites::touch(std::int64_t case_id) { touched_.push_back(case_id); }

bool GatheredWrites::task(const TaskRow& t) {
  const bool waiting = std::any_of(tasks_.begin(), tasks_.end(),
                                   [&](const TaskRow& w) { return w.case_id == t.case_id && w.step == t.step; });
  if (waiting) return false;
  tasks_.push_back(t);
  return true;
}

void GatheredWrites::audit(std::int64_t case_id, const std::vector<AuditRow>& rows) {
  for (const auto& a : rows) audit_.emplace_back(case_id, a);
}

void GatheredWrites::send(Tx& tx) {
  if (!touched_.empty()) tx.exec_prepared0("cases_touch_many", id_array_literal(touched_));
  if (!tasks_.empty()) {
    json::array rows;
    std::vector<std::int64_t> cases;
    for (const auto& t : tasks_) cases.push_back(t.case_id);
    for (const auto& t : tasks_)
      rows.push_back(json::object{{"case_id", t.case_id},
                                  {"step", t.step},
                                  {"state", t.state},
                                  {"clock", text_or_null(t.clock)},
                                  {"special_procedure", text_or_null(t.special_procedure)},
                                  {"due_at", text_or_null(t.due_at)},
                                  {"supplement", text_or_null(t.supplement)}});
    tx.exec_prepared0("tasks_update_many", json::serialize(rows), id_array_literal(cases));
  }
  if (!audit_.empty()) {
    json::array rows;
    for (const auto& [id, a] : audit_)
      rows.push_back(
          json::array{std::to_string(id), a.entity, a.event, a.from_state, a.to_state, a.actor, a.at, a.detail});
    tx.exec_prepared0("audit_insert_cases", json::serialize(rows));
  }
  touched_.clear();
  tasks_.clear();
  audit_.clear();
}

}  // namespace ow::store
