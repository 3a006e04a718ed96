// SQL for applicants' sessions and case ownership — named statements only, always with parameters.
#include "services/store/applicant_store.hpp"

#include "services/store/pg_types.hpp"

namespace ow::store {
namespace {

pqxx::binarystring bytes(const std::string& s) { return pqxx::binarystring(s); }

}  // namespace

const std::vector<Statement>& applicant_statements() {
  static const std::vector<Statement> list = {
      {"applicant_session_create",
       "INSERT INTO applicant_sessions (token_hash, subject, kind, holder_index, company_index, identity, identity_key,"
       " kiosk, expires_at) VALUES ($1, $2, $3, $4, $5, '', 0, $6, now() + make_interval(mins => $7)) RETURNING id"},
      {"applicant_session_seal", "UPDATE applicant_sessions SET identity = $2, identity_key = $3 WHERE id = $1"},
      {"applicant_session",
       "SELECT id, subject, kind, holder_index, company_index, identity, identity_key, kiosk FROM applicant_sessions"
       " WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > now()"},
      {"applicant_session_revoke",
       "UPDATE applicant_sessions SET revoked_at = now() WHERE token_hash = $1 AND revoked_at IS NULL"},
      {"applicant_owns_case",
       "SELECT 1 FROM cases WHERE number = $1 AND (holder_index = $2 OR ($3 <> '' AND holder_index = $3))"},
  };
  return list;
}

namespace applicants {

std::int64_t create_session(Tx& tx, const std::string& token_hash, const ApplicantSessionRow& row, int ttl_minutes) {
  return tx
      .exec_prepared1("applicant_session_create", bytes(token_hash), row.subject, row.kind, row.holder_index,
                      row.company_index, row.kiosk, ttl_minutes)[0]
      .as<std::int64_t>();
}

void seal_identity(Tx& tx, std::int64_t id, const std::string& sealed, int key) {
  tx.exec_prepared0("applicant_session_seal", id, sealed, key);
}

std::optional<ApplicantSessionRow> session(Tx& tx, const std::string& token_hash) {
  auto r = tx.exec_prepared("applicant_session", bytes(token_hash));
  if (r.empty()) return std::nullopt;
  const auto& x = r[0];
  return ApplicantSessionRow{x[0].as<std::int64_t>(), x[1].as<std::string>(), x[2].as<std::string>(),
                             x[3].as<std::string>(),  x[4].as<std::string>(), x[5].as<std::string>(),
                             x[6].as<int>(),          x[7].as<bool>()};
}

void revoke_session(Tx& tx, const std::string& token_hash) {
  tx.exec_prepared("applicant_session_revoke", bytes(token_hash));
}

bool owns_case(Tx& tx, const std::string& number, const std::string& holder_index, const std::string& company_index) {
  return !tx.exec_prepared("applicant_owns_case", number, holder_index, company_index).empty();
}

}  // namespace applicants
}  // namespace ow::store
