// The SQL behind the chaos test's checks.
#include "tests/chaos/chaos_checks.hpp"

#include <boost/json.hpp>
#include <pqxx/pqxx>

#include "services/store/case_store.hpp"
#include "services/store/idempotency_store.hpp"
#include "services/store/vault.hpp"

namespace ow::chaos {

std::vector<StoredCase> stored_cases(const std::string& db_url) {
  pqxx::connection c(db_url);
  pqxx::read_transaction tx(c);
  // Which key made which case: the kept 201 answers are sealed; this process holds the same key file.
  std::map<std::string, std::string> key_of_number;
  for (const auto& r :
       tx.exec("SELECT actor, key, response_sealed, pii_key FROM idempotency_keys WHERE status = 201")) {
    const auto actor = r[0].as<std::string>(), key = r[1].as<std::string>();
    const int key_id = r[3].as<int>();
    const std::string body = store::vault_for(key_id)->open({key_id, r[2].as<std::string>()},
                                                            store::idempotency::sealed_response_context(actor, key));
    key_of_number[std::string(boost::json::parse(body).at("number").as_string())] = key;
  }
  std::vector<StoredCase> out;
  for (const auto& r : tx.exec("SELECT number, extract(epoch FROM created_at) * 1000 FROM cases ORDER BY id")) {
    const auto number = r[0].as<std::string>();
    const auto it = key_of_number.find(number);
    out.push_back({number, it == key_of_number.end() ? std::string() : it->second, r[1].as<double>()});
  }
  return out;
}

std::string Settling::text() const {
  return std::to_string(outbox_open) + " outbox rows open, " + std::to_string(tasks_in_motion) +
         " tasks still moving (Ready/Dispatching/Dispatched/Received), " + std::to_string(callbacks_pending) +
         " department callbacks pending";
}

Settling settling(const std::string& db_url, long callbacks_pending) {
  pqxx::connection c(db_url);
  pqxx::read_transaction tx(c);
  Settling s;
  s.outbox_open = tx.exec1("SELECT count(*) FROM outbox WHERE done_at IS NULL")[0].as<long>();
  s.tasks_in_motion =
      tx.exec1("SELECT count(*) FROM tasks WHERE state IN ('Ready', 'Dispatching', 'Dispatched', 'Received')")[0]
          .as<long>();
  s.callbacks_pending = callbacks_pending;
  return s;
}

TaskOutcomes task_outcomes(const std::string& db_url) {
  pqxx::connection c(db_url);
  pqxx::read_transaction tx(c);
  TaskOutcomes out;
  for (const auto& r : tx.exec("SELECT department_code, state, count(*) FROM tasks GROUP BY 1, 2")) {
    const auto dept = r[0].as<std::string>(), state = r[1].as<std::string>();
    const long n = r[2].as<long>();
    out.states[state] += n;
    if (state == "Dispatched" || state == "Received" || state == "Approved" || state == "Rejected" ||
        state == "SupplementRequested")
      out.delivered[dept] += n;
  }
  for (const auto& r :
       tx.exec("SELECT c.number, t.step, t.department_code, coalesce(o.last_error, ''), "
               "coalesce(extract(epoch FROM o.done_at) * 1000, 0), "
               "EXISTS (SELECT 1 FROM alerts a WHERE a.case_id = t.case_id AND a.clock = 'task:' || t.step "
               "        AND a.kind = 'dispatch_failed') "
               "FROM tasks t JOIN cases c ON c.id = t.case_id "
               "LEFT JOIN LATERAL (SELECT last_error, done_at FROM outbox WHERE case_id = t.case_id AND step = t.step "
               "                   AND kind = 'dispatch' ORDER BY id DESC LIMIT 1) o ON true "
               "WHERE t.state = 'DispatchFailed' ORDER BY c.number, t.step"))
    out.failed.push_back({r[0].as<std::string>(), r[1].as<std::string>(), r[2].as<std::string>(),
                          r[3].as<std::string>(), r[4].as<double>(), r[5].as<bool>()});
  out.waiting_without_blocker =
      tx.exec1(
            "SELECT count(*) FROM tasks t WHERE t.state = 'Waiting' AND NOT EXISTS "
            "(SELECT 1 FROM tasks f WHERE f.case_id = t.case_id AND f.state = 'DispatchFailed')")[0]
          .as<long>();
  out.cases_without_five_tasks =
      tx.exec1("SELECT count(*) FROM cases c WHERE (SELECT count(*) FROM tasks t WHERE t.case_id = c.id) <> 5")[0]
          .as<long>();
  return out;
}

std::vector<std::int64_t> alert_ids(const std::string& db_url) {
  pqxx::connection c(db_url);
  pqxx::read_transaction tx(c);
  std::vector<std::int64_t> ids;
  for (const auto& r : tx.exec("SELECT id FROM alerts ORDER BY id")) ids.push_back(r[0].as<std::int64_t>());
  return ids;
}

std::string outbox_rows_text(const std::string& db_url, const std::vector<std::int64_t>& ids) {
  if (ids.empty()) return {};
  std::string list, out;
  for (auto id : ids) list += (list.empty() ? "" : ",") + std::to_string(id);
  pqxx::connection c(db_url);
  pqxx::read_transaction tx(c);
  for (const auto& r :
       tx.exec("SELECT o.id, o.department_code, o.step, o.attempts, o.failed, coalesce(o.last_error, ''), t.state "
               "FROM outbox o JOIN tasks t ON t.case_id = o.case_id AND t.step = o.step WHERE o.id IN (" +
               list + ") ORDER BY o.id"))
    out += "    outbox " + r[0].as<std::string>() + ": " + r[1].as<std::string>() + " " + r[2].as<std::string>() +
           ", attempts " + r[3].as<std::string>() + ", failed " + r[4].as<std::string>() + ", last error '" +
           r[5].as<std::string>() + "', task now " + r[6].as<std::string>() + "\n";
  return out;
}

std::optional<double> first_done(const std::string& db_url, const std::vector<std::int64_t>& ids) {
  if (ids.empty()) return std::nullopt;
  std::string list;
  for (auto id : ids) list += (list.empty() ? "" : ",") + std::to_string(id);
  pqxx::connection c(db_url);
  pqxx::read_transaction tx(c);
  const auto r = tx.exec1("SELECT min(extract(epoch FROM done_at) * 1000) FROM outbox WHERE id IN (" + list + ")");
  if (r[0].is_null()) return std::nullopt;
  return r[0].as<double>();
}

std::optional<double> first_delivery_after(const std::string& db_url, const std::string& department, double after_ms) {
  pqxx::connection c(db_url);
  pqxx::read_transaction tx(c);
  const auto r = tx.exec_params1(
      "SELECT min(extract(epoch FROM done_at) * 1000) FROM outbox WHERE NOT failed AND done_at IS NOT NULL "
      "AND extract(epoch FROM done_at) * 1000 >= $1 AND ($2 = '' OR department_code = $2)",
      after_ms, department);
  if (r[0].is_null()) return std::nullopt;
  return r[0].as<double>();
}

}  // namespace ow::chaos
