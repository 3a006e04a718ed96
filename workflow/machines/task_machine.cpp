// The Task machine in Boost.MSM's functor front end; restore as in case_machine.cpp.
#include "workflow/machines/task_machine.hpp"

#include <boost/mpl/vector/vector30.hpp>
#include <boost/msm/back/state_machine.hpp>
#include <boost/msm/front/functor_row.hpp>
#include <boost/msm/front/state_machine_def.hpp>
#include <iterator>
#include <stdexcept>
#include <utility>

#include "workflow/machines/machine_plumbing.hpp"

namespace ow::machines {
namespace {

namespace msm = boost::msm;
namespace mpl = boost::mpl;
using msm::front::none;
using msm::front::Row;

const char* const kStateNames[] = {"Waiting",  "Ready",    "Dispatching",         "Dispatched",     "Received",
                                   "Approved", "Rejected", "SupplementRequested", "DispatchFailed", "Cancelled"};
const char* const kEventNames[] = {
    "become_ready", "dispatch", "dispatched",         "dispatch_failed",     "redispatch", "receive",
    "approve",      "reject",   "request_supplement", "supplement_provided", "cancel"};

struct Restore {};
template <TaskEvent E>
struct Ev {};
using BecomeReady = Ev<TaskEvent::become_ready>;
using Dispatch = Ev<TaskEvent::dispatch>;
using Dispatched_ = Ev<TaskEvent::dispatched>;
using DispatchFailed_ = Ev<TaskEvent::dispatch_failed>;
using Redispatch = Ev<TaskEvent::redispatch>;
using Receive = Ev<TaskEvent::receive>;
using Approve = Ev<TaskEvent::approve>;
using Reject = Ev<TaskEvent::reject>;
using RequestSupplement = Ev<TaskEvent::request_supplement>;
using SupplementProvided = Ev<TaskEvent::supplement_provided>;
using Cancel = Ev<TaskEvent::cancel>;

struct TaskDef : msm::front::state_machine_def<TaskDef> {
  typedef int no_message_queue;
  TaskState current = TaskState::Waiting;
  TaskState restore_to = TaskState::Waiting;

  struct Restoring : msm::front::state<> {};
  template <TaskState S>
  struct St : msm::front::state<> {
    template <class Event, class Fsm>
    void on_entry(const Event&, Fsm& fsm) {
      fsm.current = S;
    }
  };
  using Waiting = St<TaskState::Waiting>;
  using Ready = St<TaskState::Ready>;
  using Dispatching = St<TaskState::Dispatching>;
  using Dispatched = St<TaskState::Dispatched>;
  using Received = St<TaskState::Received>;
  using Approved = St<TaskState::Approved>;
  using Rejected = St<TaskState::Rejected>;
  using SupplementRequested = St<TaskState::SupplementRequested>;
  using DispatchFailed = St<TaskState::DispatchFailed>;
  using Cancelled = St<TaskState::Cancelled>;

  template <TaskState S>
  struct Is {
    template <class Event, class Fsm, class Source, class Target>
    bool operator()(const Event&, Fsm& fsm, Source&, Target&) const {
      return fsm.restore_to == S;
    }
  };

  typedef Restoring initial_state;

  // clang-format off
  struct transition_table : mpl::vector28<
    //   Source               Event               Target               Action  Guard
    Row< Waiting,             BecomeReady,        Ready,               none,   none >,
    Row< Ready,               Dispatch,           Dispatching,         none,   none >,
    Row< Ready,               Dispatched_,        Dispatched,          none,   none >,  // inbox: no push
    Row< Dispatching,         Dispatched_,        Dispatched,          none,   none >,
    Row< Dispatching,         DispatchFailed_,    DispatchFailed,      none,   none >,
    Row< DispatchFailed,      Redispatch,         Dispatching,         none,   none >,
    Row< Dispatched,          Receive,            Received,            none,   none >,
    Row< Received,            Approve,            Approved,            none,   none >,
    Row< Received,            Reject,             Rejected,            none,   none >,
    Row< Received,            RequestSupplement,  SupplementRequested, none,   none >,
    Row< SupplementRequested, SupplementProvided, Received,            none,   none >,
    Row< Waiting,             Cancel,             Cancelled,           none,   none >,
    Row< Ready,               Cancel,             Cancelled,           none,   none >,
    Row< Dispatching,         Cancel,             Cancelled,           none,   none >,
    Row< Dispatched,          Cancel,             Cancelled,           none,   none >,
    Row< Received,            Cancel,             Cancelled,           none,   none >,
    Row< SupplementRequested, Cancel,             Cancelled,           none,   none >,
    Row< DispatchFailed,      Cancel,             Cancelled,           none,   none >,
    // Restoring from a stored name.
    Row< Restoring,           Restore,            Waiting,             none,   Is<TaskState::Waiting> >,
    Row< Restoring,           Restore,            Ready,               none,   Is<TaskState::Ready> >,
    Row< Restoring,           Restore,            Dispatching,         none,   Is<TaskState::Dispatching> >,
    Row< Restoring,           Restore,            Dispatched,          none,   Is<TaskState::Dispatched> >,
    Row< Restoring,           Restore,            Received,            none,   Is<TaskState::Received> >,
    Row< Restoring,           Restore,            Approved,            none,   Is<TaskState::Approved> >,
    Row< Restoring,           Restore,            Rejected,            none,   Is<TaskState::Rejected> >,
    Row< Restoring,           Restore,            SupplementRequested, none,   Is<TaskState::SupplementRequested> >,
    Row< Restoring,           Restore,            DispatchFailed,      none,   Is<TaskState::DispatchFailed> >,
    Row< Restoring,           Restore,            Cancelled,           none,   Is<TaskState::Cancelled> >
  > {};
  // clang-format on

  template <class Fsm, class Event>
  void no_transition(const Event&, Fsm&, int) {}
  template <class Fsm, class Event>
  void exception_caught(const Event&, Fsm&, std::exception&) {}
};

using TaskFsm = msm::back::state_machine<TaskDef>;

bool dispatch_event(TaskFsm& fsm, TaskEvent e) {
  switch (e) {
    case TaskEvent::become_ready: return plumbing::fire<BecomeReady>(fsm);
    case TaskEvent::dispatch: return plumbing::fire<Dispatch>(fsm);
    case TaskEvent::dispatched: return plumbing::fire<Dispatched_>(fsm);
    case TaskEvent::dispatch_failed: return plumbing::fire<DispatchFailed_>(fsm);
    case TaskEvent::redispatch: return plumbing::fire<Redispatch>(fsm);
    case TaskEvent::receive: return plumbing::fire<Receive>(fsm);
    case TaskEvent::approve: return plumbing::fire<Approve>(fsm);
    case TaskEvent::reject: return plumbing::fire<Reject>(fsm);
    case TaskEvent::request_supplement: return plumbing::fire<RequestSupplement>(fsm);
    case TaskEvent::supplement_provided: return plumbing::fire<SupplementProvided>(fsm);
    case TaskEvent::cancel: return plumbing::fire<Cancel>(fsm);
  }
  return false;
}

}  // namespace

struct TaskMachine::Impl {
  TaskFsm fsm;
};

const char* name(TaskState s) { return kStateNames[static_cast<int>(s)]; }
const char* name(TaskEvent e) { return kEventNames[static_cast<int>(e)]; }

std::optional<TaskState> task_state_named(std::string_view text) {
  return plumbing::named<TaskState>(text, kStateNames);
}

std::optional<TaskEvent> task_event_named(std::string_view text) {
  return plumbing::named<TaskEvent>(text, kEventNames);
}

const std::vector<TaskEvent>& all_task_events() {
  static const std::vector<TaskEvent> all = plumbing::all_values<TaskEvent, std::size(kEventNames)>();
  return all;
}

bool is_final(TaskState s) { return s == TaskState::Approved || s == TaskState::Rejected || s == TaskState::Cancelled; }

TaskMachine::TaskMachine(TaskState state) : impl_(plumbing::restored<Impl, Restore>(state, "task")) {}

TaskMachine::~TaskMachine() { delete impl_; }
// Copies restore from the state name rather than copying the back-end.
TaskMachine::TaskMachine(const TaskMachine& other) : TaskMachine(other.state()) {}
TaskMachine& TaskMachine::operator=(const TaskMachine& other) {
  if (this != &other) {
    TaskMachine fresh(other.state());
    std::swap(impl_, fresh.impl_);
  }
  return *this;
}

TaskState TaskMachine::state() const { return impl_->fsm.current; }
bool TaskMachine::process(TaskEvent e) { return dispatch_event(impl_->fsm, e); }

std::vector<TaskEvent> TaskMachine::accepted_events() const {
  return plumbing::accepted_events<TaskFsm, Restore>(state(), all_task_events(),
                                                     [](TaskFsm& fsm, TaskEvent e) { return dispatch_event(fsm, e); });
}

}  // namespace ow::machines
