// The admin's records in PostgreSQL: the audit of account, key, catalog and calendar changes (admin_audit) and the
// holiday files uploaded through the API (calendar_uploads, sql/150).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "services/store/statements.hpp"
#include "services/store/transaction.hpp"

namespace ow::store {

const std::vector<Statement>& admin_statements();

struct AdminAuditRow {
  std::int64_t id = 0;
  std::string at, actor, action, target, detail;  // detail: JSON text
};

struct CalendarUploadRow {
  std::int64_t id = 0;
  std::vector<int> years;
  std::string content, uploaded_at, uploaded_by;
};

namespace admin_audit {
// `detail` is a JSON object's text; never a password or a key.
void record(Tx& tx, const std::string& actor, const std::string& action, const std::string& target,
            const std::string& detail = "{}");
// The newest `limit` rows.
std::vector<AdminAuditRow> recent(Tx& tx, int limit);
}  // namespace admin_audit

namespace calendar_uploads {
std::int64_t add(Tx& tx, const std::vector<int>& years, const std::string& content, const std::string& uploaded_by);
// Every upload, oldest first (later ones override earlier ones year by year).
std::vector<CalendarUploadRow> all(Tx& tx);
// The newest upload's id, 0 when there is none (instances compare it to know when to re-read).
std::int64_t latest_id(Tx& tx);
}  // namespace calendar_uploads

}  // namespace ow::store
