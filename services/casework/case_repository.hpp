// Casework's door to storage. A CaseTransaction locks, reads and writes whole cases (CaseFile) and keeps the
// idempotency records that belong with them; a CaseRepository runs one. The PostgreSQL implementation is
// pg_case_repository.hpp; unit tests use an in-memory fake, so no service needs a database to be tested.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "services/casework/case_file.hpp"
#include "services/store/transaction.hpp"
#include "workflow/calendar/instant.hpp"
#include "workflow/flow/decision.hpp"

namespace ow::casework {

// An answer kept for a repeated request (Idempotency-Key) or a department event sent again (by its id).
struct KeptAnswer {
  int status = 0;
  std::string body;
  std::optional<std::string> request_hash;  // SHA-256 of the body it answered (department events)
};

class CaseTransaction {
 public:
  virtual ~CaseTransaction() = default;

  // The case locked until the transaction ends (FOR NO KEY UPDATE); nothing when it does not exist.
  virtual std::optional<CaseFile> lock(const CaseKey& key) = 0;
  // The case as it stands, without a lock.
  virtual std::optional<CaseFile> read(const CaseKey& key) = 0;
  // Several cases locked in id order (so two transactions locking overlapping sets cannot deadlock); those
  // that exist, by id. The PostgreSQL transaction locks and reads them in two statements.
  virtual std::map<std::int64_t, CaseFile> lock_all(std::vector<std::int64_t> ids);
  // From now until the transaction ends, the writes that can wait (a case's version bump when only its tasks
  // changed, task rows, audit rows) are gathered and sent together — before anything is read again, and
  // before the commit. For transactions that decide on many cases (the dispatcher's settles). The in-memory
  // fake writes at once.
  virtual void gather_writes() {}
  // Writes everything the decision changes on a locked case, or inserts it when file.row.id is 0: the case
  // row, its tasks, audit entries, outbox messages, the timekeeper's clock checks, the query code of a newly
  // accepted case, task work, delivery and extension days. `file` is then what is stored.
  virtual void write(CaseFile& file, const flow::Decision& d, calendar::Instant now) = 0;
  // The case's audit log, oldest first.
  virtual std::vector<store::AuditRow> audit(std::int64_t case_id) = 0;
  // The next number of the day for a region (counts from 1 per region and day).
  virtual int next_sequence(const std::string& region6, const std::string& day) = 0;

  // Idempotency-Key: the answer kept for (actor, key) when the same request came before; throws
  // store::IdempotencyKeyReused when the key came with another body.
  virtual std::optional<KeptAnswer> replay(const std::string& actor, const std::string& key,
                                           const std::string& request_hash) = 0;
  virtual void keep(const std::string& actor, const std::string& key, const std::string& request_hash,
                    const KeptAnswer& answer) = 0;
  // A department event already applied (by the department's event id), and recording one.
  virtual std::optional<KeptAnswer> department_event(const std::string& department, const std::string& id) = 0;
  virtual void keep_department_event(const std::string& department, const std::string& id,
                                     const KeptAnswer& answer) = 0;

  // The store transaction underneath, for store work beside the case in the same transaction (views, extension
  // requests). The in-memory fake has none. Audit rows are written only through write(): audit() of a case this
  // transaction inserted answers from what write() wrote, without reading the database.
  virtual store::Tx& store() = 0;
};

class CaseRepository {
 public:
  virtual ~CaseRepository() = default;
  // Runs fn in one transaction and commits. fn may run again after a serialization failure, so it makes no
  // network call: look-ups happen before.
  virtual void transact(const std::function<void(CaseTransaction&)>& fn) = 0;

  template <class F>
  auto in_transaction(F&& fn) -> std::invoke_result_t<F&, CaseTransaction&> {
    using Result = std::invoke_result_t<F&, CaseTransaction&>;
    if constexpr (std::is_void_v<Result>) {
      transact([&](CaseTransaction& tx) { fn(tx); });
    } else {
      std::optional<Result> result;
      transact([&](CaseTransaction& tx) { result.emplace(fn(tx)); });
      return std::move(*result);
    }
  }
};

}  // namespace ow::casework
