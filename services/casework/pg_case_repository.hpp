// The CaseRepository over PostgreSQL: cases locked FOR NO KEY UPDATE through the store's named statements, decisions
// written by decision_writer, idempotency and department-event records in the same transaction.
#pragma once

#include "services/casework/case_repository.hpp"
#include "services/store/pg_pool.hpp"
#include "workflow/calendar/clock.hpp"

namespace ow::casework {

class PgCaseRepository : public CaseRepository {
 public:
  PgCaseRepository(store::PgPool& pool, const calendar::ClockMath& math) : pool_(pool), math_(math) {}
  void transact(const std::function<void(CaseTransaction&)>& fn) override;

 private:
  store::PgPool& pool_;
  const calendar::ClockMath& math_;
};

// A CaseTransaction over a store transaction the caller already holds (for services that mix case work with
// other store work in one transaction).
std::unique_ptr<CaseTransaction> case_transaction(store::Tx& tx, const calendar::ClockMath& math);

}  // namespace ow::casework
