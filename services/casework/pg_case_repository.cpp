// Cases in PostgreSQL, as whole files.
#include "services/casework/pg_case_repository.hpp"

#include <map>
#include <memory>

#include "services/casework/decision_writer.hpp"
#include "services/casework/record_codec.hpp"
#include "services/store/case_store.hpp"
#include "services/store/idempotency_store.hpp"
#include "services/store/dispatch_store.hpp"
#include "services/store/gathered_writes.hpp"

namespace ow::casework {
namespace {

class PgCaseTransaction : public CaseTransaction {
 public:
  // `pool`: where case numbers are drawn aside (none: inside this transaction). `owned`: the repository's own
  // transaction, which sends gathered writes before it commits (only those may gather).
  PgCaseTransaction(store::Tx& tx, const calendar::ClockMath& math, store::PgPool* pool = nullptr, bool owned = false)
      : tx_(tx), math_(math), pool_(pool), owned_(owned) {}

  std::optional<CaseFile> lock(const CaseKey& key) override { return load(key, true); }
  std::optional<CaseFile> read(const CaseKey& key) override { return load(key, false); }

  std::map<std::int64_t, CaseFile> lock_all(std::vector<std::int64_t> ids) override {
    send_gathered();
    std::map<std::int64_t, CaseFile> out;
    if (ids.empty()) return out;
    std::map<std::int64_t, std::vector<store::TaskRow>> tasks;
    auto rows = store::cases::for_update_by_ids(tx_, ids);
    ids.clear();
    for (const auto& r : rows) ids.push_back(r.id);
    for (auto& t : store::cases::tasks_of_cases(tx_, ids)) tasks[t.case_id].push_back(std::move(t));  // under the locks
    for (auto& r : rows) {
      const auto id = r.id;
      stored_[id] = r;
      CaseFile f{std::move(r), {}, {}, std::nullopt};
      f.tasks = std::move(tasks[id]);
      f.record = record_from_rows(f.row, f.tasks);
      out.emplace(id, std::move(f));
    }
    return out;
  }

  void gather_writes() override {
    if (owned_ && !gathered_) gathered_.emplace();
  }
  // Sends what was gathered (before anything is read, and before the commit).
  void send_gathered() {
    if (gathered_ && !gathered_->empty()) gathered_->send(tx_);
  }

  void write(CaseFile& file, const flow::Decision& d, calendar::Instant now) override {
    const bool inserted = file.row.id == 0;
    // The case row in memory follows the record; a new one comes back as the database stored it.
    const auto stored = inserted ? stored_.end() : stored_.find(file.row.id);
    auto written = write_decision(
        tx_, file.row, file.record, d, math_, now,
        {stored == stored_.end() ? nullptr : &stored->second, gathered_ && !inserted ? &*gathered_ : nullptr});
    auto& created = written.tasks;
    // A case this transaction inserted has no audit rows but those written here (no other transaction sees it
    // before the commit): audit() answers from them instead of reading them back. After a later decision on it
    // in the same transaction, audit() reads the database again.
    if (inserted)
      fresh_audit_[file.row.id] = std::move(written.audit);
    else
      fresh_audit_.erase(file.row.id);
    stored_[file.row.id] = file.row;  // what the database now holds
    if (inserted && (d.delivery || d.extension_days > 0)) file.row = *store::cases::by_id(tx_, file.row.id);
    // The task rows as written: a new case's come back from their insert; otherwise read back only when the
    // database gave new tasks their ids.
    if (inserted && d.work.empty())
      file.tasks = std::move(created);
    else if (inserted || !update_task_rows(file.tasks, file.record, d, file.row.id, math_))
      send_gathered(), file.tasks = store::cases::tasks(tx_, file.row.id);
    file.record = d.after;
  }

  std::vector<store::AuditRow> audit(std::int64_t case_id) override {
    if (auto it = fresh_audit_.find(case_id); it != fresh_audit_.end()) return it->second;
    send_gathered();
    return store::cases::audit(tx_, case_id);
  }

  // Drawn by one statement of its own on the pool's side connection, committed when it ends (autocommit: one
  // round trip, no BEGIN/COMMIT): the region's daily counter row is locked for that statement, not for the
  // whole intake (issue 23). A number drawn by an intake that then rolls back is not
  // used again: numbers are unique and increase in the order they are drawn, with gaps (README).
  int next_sequence(const std::string& region6, const std::string& day) override {
    if (!pool_) return store::cases::next_sequence(tx_, region6, day);
    return pool_->single_aside([&](store::Single& one) { return store::cases::next_sequence(one, region6, day); });
  }

  std::optional<KeptAnswer> replay(const std::string& actor, const std::string& key, const std::string& hash) override {
    send_gathered();
    auto stored = store::idempotency::find_same(tx_, actor, key, hash);
    if (!stored) return std::nullopt;
    return KeptAnswer{stored->status, stored->response, stored->request_hash};
  }
  void keep(const std::string& actor, const std::string& key, const std::string& hash, const KeptAnswer& a) override {
    store::idempotency::put(tx_, actor, key, hash, a.status, a.body);
  }
  std::optional<KeptAnswer> department_event(const std::string& department, const std::string& id) override {
    send_gathered();
    auto seen = store::dispatch::event(tx_, department, id);
    if (!seen) return std::nullopt;
    return KeptAnswer{seen->status, seen->response, seen->body_sha256};
  }
  void keep_department_event(const std::string& department, const std::string& id, const KeptAnswer& a) override {
    store::dispatch::record_event(tx_, department, id, a.status, a.body, a.request_hash.value_or(""));
  }

  // Whoever works on the store beside the cases sees every write so far.
  store::Tx& store() override {
    send_gathered();
    return tx_;
  }

 private:
  std::optional<CaseFile> load(const CaseKey& key, bool for_update) {
    send_gathered();
    std::optional<store::CaseRow> row;
    std::optional<std::int64_t> focus;
    switch (key.by) {
      case CaseKey::By::number:
        row = for_update ? store::cases::for_update(tx_, key.number) : store::cases::by_number(tx_, key.number);
        break;
      case CaseKey::By::id:
        row = for_update ? store::cases::for_update_by_id(tx_, key.id) : store::cases::by_id(tx_, key.id);
        break;
      case CaseKey::By::task: {
        const auto t = store::cases::task_by_id(tx_, key.id);
        if (!t) return std::nullopt;
        row = for_update ? store::cases::for_update_by_id(tx_, t->case_id) : store::cases::by_id(tx_, t->case_id);
        focus = key.id;
        break;
      }
    }
    if (!row) return std::nullopt;
    stored_[row->id] = *row;
    CaseFile f{std::move(*row), {}, {}, focus};
    f.tasks = store::cases::tasks(tx_, f.row.id);  // read under the lock
    f.record = record_from_rows(f.row, f.tasks);
    return f;
  }

  store::Tx& tx_;
  const calendar::ClockMath& math_;
  store::PgPool* pool_;
  bool owned_;
  std::optional<store::GatheredWrites> gathered_;
  // Each case's row as the database holds it in this transaction (as read, then as written): whether a
  // decision changes the case's own columns is judged against it.
  std::map<std::int64_t, store::CaseRow> stored_;
  std::map<std::int64_t, std::vector<store::AuditRow>> fresh_audit_;  // of the cases this transaction inserted
};

}  // namespace

void PgCaseRepository::transact(const std::function<void(CaseTransaction&)>& fn) {
  pool_.transact([&](store::Tx& tx) {
    PgCaseTransaction t(tx, math_, &pool_, true);
    fn(t);
    t.send_gathered();
  });
}

std::unique_ptr<CaseTransaction> case_transaction(store::Tx& tx, const calendar::ClockMath& math) {
  return std::make_unique<PgCaseTransaction>(tx, math);
}

}  // namespace ow::casework
