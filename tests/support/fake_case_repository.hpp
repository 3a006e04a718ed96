// An in-memory CaseRepository for unit tests of the runner and the role services' commands: cases, tasks,
// audit, outbox, idempotency and department-event records in maps, written through the real record codec.
// A transaction works on a copy and keeps it only when it returns, so a refusal leaves nothing behind; it
// records whether a transaction is open, so a test can tell that a network look-up ran outside one.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "services/casework/case_repository.hpp"
#include "workflow/calendar/clock.hpp"

namespace ow::testing {

class FakeCaseRepository : public casework::CaseRepository {
 public:
  struct State {
    std::map<std::int64_t, casework::CaseFile> cases;
    std::map<std::int64_t, std::vector<store::AuditRow>> audit;
    std::vector<flow::OutboxMessage> outbox;
    std::map<std::int64_t, int> extension_days;
    std::map<std::string, casework::KeptAnswer> kept;    // actor + key
    std::map<std::string, casework::KeptAnswer> events;  // department + event id
    std::map<std::string, int> sequences;
    std::int64_t next_case_id = 1, next_task_id = 1;
  };

  explicit FakeCaseRepository(const calendar::ClockMath& math) : math_(math) {}

  void transact(const std::function<void(casework::CaseTransaction&)>& fn) override;

  bool transaction_open() const { return open_; }
  const State& state() const { return state_; }
  const casework::CaseFile* find(const std::string& number) const;
  int commits = 0, rollbacks = 0;

 private:
  const calendar::ClockMath& math_;
  State state_;
  bool open_ = false;
};

}  // namespace ow::testing
