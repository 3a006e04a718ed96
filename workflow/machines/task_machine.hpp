// The Task state machine (分办任务), behind a plain class: nothing outside task_machine.cpp includes
// Boost.MSM. An inbox department's task goes Ready → Dispatched directly (no push) and Dispatched →
// Received when an approver claims it.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace ow::machines {

enum class TaskState {
  Waiting,
  Ready,
  Dispatching,
  Dispatched,
  Received,
  Approved,
  Rejected,
  SupplementRequested,
  DispatchFailed,
  Cancelled
};

enum class TaskEvent {
  become_ready,
  dispatch,
  dispatched,
  dispatch_failed,
  redispatch,
  receive,
  approve,
  reject,
  request_supplement,
  supplement_provided,
  cancel
};

const char* name(TaskState s);
const char* name(TaskEvent e);
std::optional<TaskState> task_state_named(std::string_view text);
std::optional<TaskEvent> task_event_named(std::string_view text);
const std::vector<TaskEvent>& all_task_events();
// Approved, Rejected and Cancelled are final.
bool is_final(TaskState s);

class TaskMachine {
 public:
  explicit TaskMachine(TaskState state = TaskState::Waiting);
  ~TaskMachine();
  TaskMachine(const TaskMachine&);
  TaskMachine& operator=(const TaskMachine&);

  TaskState state() const;
  bool process(TaskEvent e);
  std::vector<TaskEvent> accepted_events() const;

 private:
  struct Impl;
  Impl* impl_;
};

}  // namespace ow::machines
