// Applicants' sessions and their cases in PostgreSQL (sql/075): named statements and typed calls for the
// applicant routes (services/acceptance/applicant_*).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "services/store/statements.hpp"
#include "services/store/transaction.hpp"

namespace ow::store {

const std::vector<Statement>& applicant_statements();

struct ApplicantSessionRow {
  std::int64_t id = 0;
  std::string subject, kind, holder_index, company_index;
  std::string identity;  // sealed
  int identity_key = 0;
  bool kiosk = false;
};

namespace applicants {

// A new session; returns its id. The identity is sealed by the caller under "applicant_sessions.identity:<id>",
// so the row is inserted first and its identity written after (seal_identity).
std::int64_t create_session(Tx& tx, const std::string& token_hash, const ApplicantSessionRow& row, int ttl_minutes);
void seal_identity(Tx& tx, std::int64_t id, const std::string& sealed, int key);
// The live session (not expired, not revoked) behind a token hash.
std::optional<ApplicantSessionRow> session(Tx& tx, const std::string& token_hash);
void revoke_session(Tx& tx, const std::string& token_hash);
// The case is the applicant's: its holder index is theirs or their company's.
bool owns_case(Tx& tx, const std::string& number, const std::string& holder_index, const std::string& company_index);

}  // namespace applicants
}  // namespace ow::store
