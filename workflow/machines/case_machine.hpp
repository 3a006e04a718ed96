// The Case state machine (办件), behind a plain class: nothing outside case_machine.cpp includes Boost.MSM.
// States are stored by their stable names; a machine is restored from a stored name. `New` is the state of a
// case before its first decision and is never stored.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ow::machines {

enum class CaseState {
  New,
  Submitted,
  AwaitingSupplement,
  Refused,
  Accepted,
  InProgress,
  Suspended,
  ResultReady,
  Concluded,
  NotPermitted,
  Withdrawn,
  Archived,
  Revoked  // 已撤销: a commitment (告知承诺) found false at its 核查
};

enum class CaseEvent {
  submit_online,
  accept,
  request_supplement,
  refuse,
  start_processing,
  suspend,
  resume,
  all_approved,
  department_refused,
  withdraw,
  deliver,
  archive,
  revoke
};

const char* name(CaseState s);
const char* name(CaseEvent e);
std::optional<CaseState> case_state_named(std::string_view text);
std::optional<CaseEvent> case_event_named(std::string_view text);
const std::vector<CaseEvent>& all_case_events();

class CaseMachine {
 public:
  explicit CaseMachine(CaseState state = CaseState::New);
  ~CaseMachine();
  CaseMachine(const CaseMachine&);
  CaseMachine& operator=(const CaseMachine&);

  CaseState state() const;
  // Moves and returns true, or returns false and stays when the state does not accept the event.
  bool process(CaseEvent e);
  // The events this state accepts (asked of the machine itself, not of a second table).
  std::vector<CaseEvent> accepted_events() const;

 private:
  struct Impl;
  Impl* impl_;
};

}  // namespace ow::machines
