// SQL for the admin's audit rows and the uploaded holiday files — named statements only, always with parameters.
#include "services/store/admin_store.hpp"

#include "services/store/pg_types.hpp"

namespace ow::store {
namespace {

constexpr const char* kCst = "'YYYY-MM-DD\"T\"HH24:MI:SS\"+08:00\"'";

std::string years_literal(const std::vector<int>& years) {
  std::string out = "{";
  for (std::size_t i = 0; i < years.size(); ++i) out += (i ? "," : "") + std::to_string(years[i]);
  return out + "}";
}

std::vector<int> parse_years(const std::string& literal) {  // {2027,2028}
  std::vector<int> out;
  std::string digits;
  for (char c : literal + ",") {
    if (c >= '0' && c <= '9') {
      digits += c;
    } else if (!digits.empty()) {
      out.push_back(std::stoi(digits));
      digits.clear();
    }
  }
  return out;
}

}  // namespace

const std::vector<Statement>& admin_statements() {
  static const std::string recent = std::string("SELECT id, to_char(at AT TIME ZONE 'Asia/Shanghai', ") + kCst +
                                    "), actor, action, target, detail::text FROM admin_audit ORDER BY id DESC LIMIT $1";
  static const std::string uploads = std::string("SELECT id, years::text, content, to_char(uploaded_at AT TIME ZONE "
                                                 "'Asia/Shanghai', ") +
                                     kCst + "), uploaded_by FROM calendar_uploads ORDER BY id";
  static const std::vector<Statement> list = {
      {"admin_audit_record",
       "INSERT INTO admin_audit (actor, action, target, detail) VALUES ($1, $2, $3, $4::jsonb)"},
      {"admin_audit_recent", recent.c_str()},
      {"calendar_upload_add",
       "INSERT INTO calendar_uploads (years, content, uploaded_by) VALUES ($1::integer[], $2, $3) RETURNING id"},
      {"calendar_upload_all", uploads.c_str()},
      {"calendar_upload_latest", "SELECT coalesce(max(id), 0) FROM calendar_uploads"},
  };
  return list;
}

namespace admin_audit {

void record(Tx& tx, const std::string& actor, const std::string& action, const std::string& target,
            const std::string& detail) {
  tx.exec_prepared0("admin_audit_record", actor, action, target, detail);
}

std::vector<AdminAuditRow> recent(Tx& tx, int limit) {
  std::vector<AdminAuditRow> out;
  for (const auto& r : tx.exec_prepared("admin_audit_recent", limit))
    out.push_back({r[0].as<std::int64_t>(), r[1].as<std::string>(), r[2].as<std::string>(), r[3].as<std::string>(),
                   r[4].as<std::string>(), r[5].as<std::string>()});
  return out;
}

}  // namespace admin_audit

namespace calendar_uploads {

std::int64_t add(Tx& tx, const std::vector<int>& years, const std::string& content, const std::string& uploaded_by) {
  return tx.exec_prepared1("calendar_upload_add", years_literal(years), content, uploaded_by)[0].as<std::int64_t>();
}

std::vector<CalendarUploadRow> all(Tx& tx) {
  std::vector<CalendarUploadRow> out;
  for (const auto& r : tx.exec_prepared("calendar_upload_all"))
    out.push_back({r[0].as<std::int64_t>(), parse_years(r[1].as<std::string>()), r[2].as<std::string>(),
                   r[3].as<std::string>(), r[4].as<std::string>()});
  return out;
}

std::int64_t latest_id(Tx& tx) { return tx.exec_prepared1("calendar_upload_latest")[0].as<std::int64_t>(); }

}  // namespace calendar_uploads
}  // namespace ow::store
