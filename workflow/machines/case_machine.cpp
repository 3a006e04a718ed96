// The Case machine in Boost.MSM's functor front end. The transition table below is the machine's
// documentation. Restore: the initial pseudo-state `Restoring` has one guarded row per state, taken by the
// `Restore` event when the guard matches the stored state. Entry actions only record the current state.
#include "workflow/machines/case_machine.hpp"

#include <boost/mpl/vector/vector50.hpp>
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

const char* const kStateNames[] = {"New",       "Submitted",    "AwaitingSupplement", "Refused",
                                   "Accepted",  "InProgress",   "Suspended",          "ResultReady",
                                   "Concluded", "NotPermitted", "Withdrawn",          "Archived",
                                   "Revoked"};
const char* const kEventNames[] = {
    "submit_online", "accept",       "request_supplement", "refuse",   "start_processing", "suspend",
    "resume",        "all_approved", "department_refused", "withdraw", "deliver",          "archive",
    "revoke"};

// Events.
struct Restore {};
template <CaseEvent E>
struct Ev {};
using SubmitOnline = Ev<CaseEvent::submit_online>;
using Accept = Ev<CaseEvent::accept>;
using RequestSupplement = Ev<CaseEvent::request_supplement>;
using Refuse = Ev<CaseEvent::refuse>;
using StartProcessing = Ev<CaseEvent::start_processing>;
using Suspend = Ev<CaseEvent::suspend>;
using Resume = Ev<CaseEvent::resume>;
using AllApproved = Ev<CaseEvent::all_approved>;
using DepartmentRefused = Ev<CaseEvent::department_refused>;
using Withdraw = Ev<CaseEvent::withdraw>;
using Deliver = Ev<CaseEvent::deliver>;
using Archive = Ev<CaseEvent::archive>;
using Revoke = Ev<CaseEvent::revoke>;

struct CaseDef : msm::front::state_machine_def<CaseDef> {
  typedef int no_message_queue;
  CaseState current = CaseState::New;
  CaseState restore_to = CaseState::New;

  struct Restoring : msm::front::state<> {};
  template <CaseState S>
  struct St : msm::front::state<> {
    template <class Event, class Fsm>
    void on_entry(const Event&, Fsm& fsm) {
      fsm.current = S;
    }
  };
  using New = St<CaseState::New>;
  using Submitted = St<CaseState::Submitted>;
  using AwaitingSupplement = St<CaseState::AwaitingSupplement>;
  using Refused = St<CaseState::Refused>;
  using Accepted = St<CaseState::Accepted>;
  using InProgress = St<CaseState::InProgress>;
  using Suspended = St<CaseState::Suspended>;
  using ResultReady = St<CaseState::ResultReady>;
  using Concluded = St<CaseState::Concluded>;
  using NotPermitted = St<CaseState::NotPermitted>;
  using Withdrawn = St<CaseState::Withdrawn>;
  using Archived = St<CaseState::Archived>;
  using Revoked = St<CaseState::Revoked>;

  template <CaseState S>
  struct Is {
    template <class Event, class Fsm, class Source, class Target>
    bool operator()(const Event&, Fsm& fsm, Source&, Target&) const {
      return fsm.restore_to == S;
    }
  };

  typedef Restoring initial_state;

  // clang-format off
  struct transition_table : mpl::vector46<
    //   Source               Event              Target               Action  Guard
    Row< New,                 SubmitOnline,      Submitted,           none,   none >,
    Row< New,                 Accept,            Accepted,            none,   none >,
    Row< New,                 RequestSupplement, AwaitingSupplement,  none,   none >,
    Row< New,                 Refuse,            Refused,             none,   none >,
    Row< Submitted,           Accept,            Accepted,            none,   none >,
    Row< Submitted,           RequestSupplement, AwaitingSupplement,  none,   none >,
    Row< Submitted,           Refuse,            Refused,             none,   none >,
    Row< Submitted,           Withdraw,          Withdrawn,           none,   none >,
    Row< AwaitingSupplement,  Accept,            Accepted,            none,   none >,
    Row< AwaitingSupplement,  SubmitOnline,      Submitted,           none,   none >,  // answered online: pre-review again
    Row< AwaitingSupplement,  RequestSupplement, AwaitingSupplement,  none,   none >,
    Row< AwaitingSupplement,  Refuse,            Refused,             none,   none >,
    Row< AwaitingSupplement,  Withdraw,          Withdrawn,           none,   none >,
    Row< Accepted,            StartProcessing,   InProgress,          none,   none >,
    Row< Accepted,            Withdraw,          Withdrawn,           none,   none >,
    Row< InProgress,          Suspend,           Suspended,           none,   none >,
    Row< InProgress,          AllApproved,       ResultReady,         none,   none >,
    Row< InProgress,          DepartmentRefused, NotPermitted,        none,   none >,
    Row< InProgress,          Withdraw,          Withdrawn,           none,   none >,
    Row< Suspended,           Suspend,           Suspended,           none,   none >,
    Row< Suspended,           Resume,            InProgress,          none,   none >,
    Row< Suspended,           DepartmentRefused, NotPermitted,        none,   none >,
    Row< Suspended,           Withdraw,          Withdrawn,           none,   none >,
    Row< ResultReady,         Deliver,           Concluded,           none,   none >,
    Row< Concluded,           Archive,           Archived,            none,   none >,
    Row< Refused,             Archive,           Archived,            none,   none >,
    Row< NotPermitted,        Archive,           Archived,            none,   none >,
    Row< Withdrawn,           Archive,           Archived,            none,   none >,
    // 告知承诺 found false at its 核查: the result is revoked, whether or not it has been handed over yet.
    Row< InProgress,          Revoke,            Revoked,             none,   none >,
    Row< Suspended,           Revoke,            Revoked,             none,   none >,
    Row< ResultReady,         Revoke,            Revoked,             none,   none >,
    Row< Concluded,           Revoke,            Revoked,             none,   none >,
    Row< Revoked,             Archive,           Archived,            none,   none >,
    // Restoring from a stored name: exactly one guard matches.
    Row< Restoring,           Restore,           New,                 none,   Is<CaseState::New> >,
    Row< Restoring,           Restore,           Submitted,           none,   Is<CaseState::Submitted> >,
    Row< Restoring,           Restore,           AwaitingSupplement,  none,   Is<CaseState::AwaitingSupplement> >,
    Row< Restoring,           Restore,           Refused,             none,   Is<CaseState::Refused> >,
    Row< Restoring,           Restore,           Accepted,            none,   Is<CaseState::Accepted> >,
    Row< Restoring,           Restore,           InProgress,          none,   Is<CaseState::InProgress> >,
    Row< Restoring,           Restore,           Suspended,           none,   Is<CaseState::Suspended> >,
    Row< Restoring,           Restore,           ResultReady,         none,   Is<CaseState::ResultReady> >,
    Row< Restoring,           Restore,           Concluded,           none,   Is<CaseState::Concluded> >,
    Row< Restoring,           Restore,           NotPermitted,        none,   Is<CaseState::NotPermitted> >,
    Row< Restoring,           Restore,           Withdrawn,           none,   Is<CaseState::Withdrawn> >,
    Row< Restoring,           Restore,           Archived,            none,   Is<CaseState::Archived> >,
    Row< Restoring,           Restore,           Revoked,             none,   Is<CaseState::Revoked> >
  > {};
  // clang-format on

  // A refused event is reported by process()'s return value, never by an assert.
  template <class Fsm, class Event>
  void no_transition(const Event&, Fsm&, int) {}
  template <class Fsm, class Event>
  void exception_caught(const Event&, Fsm&, std::exception&) {}
};

using CaseFsm = msm::back::state_machine<CaseDef>;

bool dispatch(CaseFsm& fsm, CaseEvent e) {
  switch (e) {
    case CaseEvent::submit_online: return plumbing::fire<SubmitOnline>(fsm);
    case CaseEvent::accept: return plumbing::fire<Accept>(fsm);
    case CaseEvent::request_supplement: return plumbing::fire<RequestSupplement>(fsm);
    case CaseEvent::refuse: return plumbing::fire<Refuse>(fsm);
    case CaseEvent::start_processing: return plumbing::fire<StartProcessing>(fsm);
    case CaseEvent::suspend: return plumbing::fire<Suspend>(fsm);
    case CaseEvent::resume: return plumbing::fire<Resume>(fsm);
    case CaseEvent::all_approved: return plumbing::fire<AllApproved>(fsm);
    case CaseEvent::department_refused: return plumbing::fire<DepartmentRefused>(fsm);
    case CaseEvent::withdraw: return plumbing::fire<Withdraw>(fsm);
    case CaseEvent::deliver: return plumbing::fire<Deliver>(fsm);
    case CaseEvent::archive: return plumbing::fire<Archive>(fsm);
    case CaseEvent::revoke: return plumbing::fire<Revoke>(fsm);
  }
  return false;
}

}  // namespace

struct CaseMachine::Impl {
  CaseFsm fsm;
};

const char* name(CaseState s) { return kStateNames[static_cast<int>(s)]; }
const char* name(CaseEvent e) { return kEventNames[static_cast<int>(e)]; }

std::optional<CaseState> case_state_named(std::string_view text) {
  return plumbing::named<CaseState>(text, kStateNames);
}

std::optional<CaseEvent> case_event_named(std::string_view text) {
  return plumbing::named<CaseEvent>(text, kEventNames);
}

const std::vector<CaseEvent>& all_case_events() {
  static const std::vector<CaseEvent> all = plumbing::all_values<CaseEvent, std::size(kEventNames)>();
  return all;
}

CaseMachine::CaseMachine(CaseState state) : impl_(plumbing::restored<Impl, Restore>(state, "case")) {}

CaseMachine::~CaseMachine() { delete impl_; }
// Copies restore from the state name rather than copying the back-end.
CaseMachine::CaseMachine(const CaseMachine& other) : CaseMachine(other.state()) {}
CaseMachine& CaseMachine::operator=(const CaseMachine& other) {
  if (this != &other) {
    CaseMachine fresh(other.state());
    std::swap(impl_, fresh.impl_);
  }
  return *this;
}

CaseState CaseMachine::state() const { return impl_->fsm.current; }

bool CaseMachine::process(CaseEvent e) { return dispatch(impl_->fsm, e); }

std::vector<CaseEvent> CaseMachine::accepted_events() const {
  return plumbing::accepted_events<CaseFsm, Restore>(state(), all_case_events(),
                                                     [](CaseFsm& fsm, CaseEvent e) { return dispatch(fsm, e); });
}

}  // namespace ow::machines
