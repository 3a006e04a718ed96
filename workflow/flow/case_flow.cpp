// The flow's rules, one command at a time.
#include "workflow/flow/case_flow.hpp"

#include <algorithm>

#include "workflow/catalog/route.hpp"
#include "workflow/flow/intake_rules.hpp"

namespace ow::flow {

using machines::CaseEvent;
using machines::CaseMachine;
using machines::CaseState;
using machines::TaskEvent;
using machines::TaskMachine;
using machines::TaskState;

TaskRecord* CaseRecord::task(const std::string& step) {
  for (auto& t : tasks)
    if (t.step == step) return &t;
  return nullptr;
}
const TaskRecord* CaseRecord::task(const std::string& step) const { return const_cast<CaseRecord*>(this)->task(step); }

FlowRefused::FlowRefused(std::string e, std::string s, std::string ev, std::vector<std::string> a)
    : std::runtime_error(e + " in state " + s + " does not accept " + ev),
      entity(std::move(e)),
      state(std::move(s)),
      event(std::move(ev)),
      accepted(std::move(a)) {}

namespace {
constexpr std::string_view kVerificationPrefix = "verify.";
}

std::string verification_step(const std::string& step) { return std::string(kVerificationPrefix) + step; }
std::string verified_step(const std::string& task_step) {
  return task_step.starts_with(kVerificationPrefix) ? task_step.substr(kVerificationPrefix.size()) : std::string();
}

const char* command_name(const Command& c) {
  static const char* names[] = {"submit_online",
                                "accept",
                                "request_supplement",
                                "refuse",
                                "task_transition",
                                "request_task_supplement",
                                "supplement_provided",
                                "special_procedure",
                                "withdraw",
                                "deliver",
                                "archive",
                                "extend",
                                "note",
                                "deferred_received",
                                "claim",
                                "release",
                                "transfer",
                                "verify_commitment"};
  return names[c.index()];
}

namespace {

// Applies machine events to the record and writes the matching audit entries, clock changes and messages.
class Builder {
 public:
  Builder(const FlowContext& ctx, const CaseRecord& current, std::string actor, calendar::Instant now)
      : ctx_(ctx), actor_(std::move(actor)), now_(now) {
    d_.after = current;
  }

  Decision finish() { return std::move(d_); }
  CaseRecord& c() { return d_.after; }

  void case_event(CaseEvent e, const std::string& detail = {}) {
    CaseMachine m(c().state);
    const std::string from = machines::name(m.state());
    if (!m.process(e)) {
      std::vector<std::string> accepted;
      for (auto a : m.accepted_events()) accepted.emplace_back(machines::name(a));
      throw FlowRefused("case", from, machines::name(e), accepted);
    }
    c().state = m.state();
    d_.audit.push_back({"case", machines::name(e), from, machines::name(m.state()), actor_, now_, detail});
  }

  void task_event(TaskRecord& t, TaskEvent e, const std::string& detail = {}) {
    TaskMachine m(t.state);
    const std::string from = machines::name(m.state());
    if (!m.process(e)) {
      std::vector<std::string> accepted;
      for (auto a : m.accepted_events()) accepted.emplace_back(machines::name(a));
      throw FlowRefused("task " + t.step, from, machines::name(e), accepted);
    }
    t.state = m.state();
    d_.audit.push_back({t.step, machines::name(e), from, machines::name(m.state()), actor_, now_, detail});
  }

  TaskRecord& require_task(const std::string& step) {
    TaskRecord* t = c().task(step);
    if (!t) throw FlowInvalid("case " + c().number + " has no task for step '" + step + "'");
    return *t;
  }

  void document(const std::string& kind) { d_.documents.push_back(kind); }
  void work(const std::string& step, const std::optional<TaskWork>& w) {
    if (w) d_.work[step] = *w;
  }
  void deliver(const Deliver& cmd) { d_.delivery = Delivery{cmd.method, cmd.tracking_number, cmd.by, now_}; }
  void extend_days(int days) { d_.extension_days += days; }
  // An audit entry that is not a state change ("note:" events are skipped by the replay).
  void note(const std::string& entity, const std::string& what, const std::string& state, const std::string& detail) {
    d_.audit.push_back({entity, "note:" + what, state, state, actor_, now_, detail});
  }
  void extend_clock(std::optional<calendar::Clock>& clock, const std::string& name, std::int64_t seconds,
                    const std::string& reason) {
    if (!clock || clock->stopped_at) return;
    clock->extension_seconds += seconds;
    d_.clocks.push_back({name, "extend", reason});
  }
  void outbox(const TaskRecord& t, const std::string& kind) { d_.outbox.push_back({t.step, t.department, kind}); }

  void stop_clock(std::optional<calendar::Clock>& clock, const std::string& name) {
    if (!clock || clock->stopped_at) return;
    for (auto& p : clock->pauses)
      if (!p.end) p.end = now_;
    clock->stopped_at = now_;
    d_.clocks.push_back({name, "stop", ""});
  }
  void pause_clock(std::optional<calendar::Clock>& clock, const std::string& name, const std::string& reason) {
    if (!clock || clock->stopped_at) return;
    for (const auto& p : clock->pauses)
      if (!p.end) return;  // already paused
    clock->pauses.push_back({now_, std::nullopt, reason, actor_});
    d_.clocks.push_back({name, "pause", reason});
  }
  void resume_clock(std::optional<calendar::Clock>& clock, const std::string& name) {
    if (!clock) return;
    for (auto& p : clock->pauses)
      if (!p.end && p.reason != kLimitNotStarted) {
        p.end = now_;
        d_.clocks.push_back({name, "resume", p.reason});
      }
  }

  // Creates the tasks of the active steps (on acceptance).
  void create_tasks() {
    const auto active = active_steps(ctx_.bundle, c().attributes);
    const auto budgets = catalog::step_budgets(ctx_.catalog, ctx_.bundle, ctx_.minutes_per_day);
    for (const auto& s : ctx_.bundle.steps) {
      if (std::find(active.begin(), active.end(), s.id) == active.end()) {
        c().skipped_steps.push_back(s.id);
        continue;
      }
      TaskRecord t;
      t.step = s.id;
      t.department = s.department;
      t.push = ctx_.catalog.departments.at(s.department).transport == catalog::Transport::push;
      for (const auto& p : s.after)
        if (std::find(active.begin(), active.end(), p) != active.end()) t.after.push_back(p);
      t.budget_minutes = budgets.at(s.id);
      c().tasks.push_back(t);
      d_.audit.push_back({s.id, "create", "", machines::name(TaskState::Waiting), actor_, now_, t.department});
    }
  }

  // A committed limit that starts after a step (catalog::LimitStart) waits, as an open pause, from acceptance
  // until that step is approved; then it starts afresh at that instant, counted like an acceptance.
  void await_limit_start() {
    if (!ctx_.bundle.limit_starts || !c().committed) return;
    c().committed->pauses.push_back({now_, std::nullopt, kLimitNotStarted, actor_});
    d_.clocks.push_back({"case.committed", "pause", kLimitNotStarted});
  }
  void start_limit_when_due() {
    const auto& start = ctx_.bundle.limit_starts;
    if (!start || !c().committed || c().committed->stopped_at) return;
    const TaskRecord* t = c().task(start->after_step);
    if (!t || t->state != TaskState::Approved) return;
    const auto& pauses = c().committed->pauses;
    if (std::none_of(pauses.begin(), pauses.end(),
                     [](const calendar::Pause& p) { return !p.end && p.reason == kLimitNotStarted; }))
      return;
    c().committed = calendar::Clock{ctx_.bundle.committed, now_, 0, {}, std::nullopt, std::nullopt};
    d_.clocks.push_back({"case.committed", "start", start->name});
    // Started while the case is suspended (a special procedure still open): it starts paused, like the
    // statutory clock.
    if (c().statutory)
      for (const auto& p : c().statutory->pauses)
        if (!p.end) pause_clock(c().committed, "case.committed", p.reason);
  }

  // Readies and dispatches every waiting task whose predecessors are all approved.
  void advance() {
    start_limit_when_due();
    for (auto& t : c().tasks) {
      if (t.state != TaskState::Waiting) continue;
      const bool ready = std::all_of(t.after.begin(), t.after.end(), [&](const std::string& p) {
        const TaskRecord* pt = c().task(p);
        return pt && pt->state == TaskState::Approved;
      });
      if (!ready) continue;
      task_event(t, TaskEvent::become_ready);
      const Commitment* verifying = commitment_of(verified_step(t.step));
      t.clock = calendar::Clock{
          verifying ? verifying->verify_within
                    : calendar::Limit{calendar::Limit::Kind::working_minutes,
                                      static_cast<int>(std::max<std::int64_t>(t.budget_minutes, 1))},
          now_,
          0,
          {},
          std::nullopt,
          std::nullopt};
      d_.clocks.push_back({"task:" + t.step, "start", ""});
      if (t.push) {
        task_event(t, TaskEvent::dispatch);
        outbox(t, "dispatch");
      } else {
        task_event(t, TaskEvent::dispatched, "inbox");
      }
    }
  }

  Commitment* commitment_of(const std::string& step) {
    if (step.empty()) return nullptr;
    for (auto& m : c().commitments)
      if (m.step == step) return &m;
    return nullptr;
  }

  // 告知承诺: once the step its commitment stood in for is approved, the department verifies it (核查) in an inbox
  // task of its own that waits for that step; advance() readies it on the commitment's own clock.
  void add_verification(const TaskRecord& approved) {
    const Commitment* m = commitment_of(approved.step);
    if (!m || c().task(verification_step(approved.step))) return;
    TaskRecord t;
    t.step = verification_step(approved.step);
    t.department = approved.department;
    t.push = false;  // worked in the platform's inbox, whatever the department's transport
    t.after = {approved.step};
    t.budget_minutes = std::int64_t{m->verify_within.amount} * ctx_.minutes_per_day;
    c().tasks.push_back(t);
    d_.audit.push_back({t.step, "create", "", machines::name(TaskState::Waiting), actor_, now_, t.department});
  }

  // Cancels every open task; pushed ones get a cancel message.
  void cancel_open_tasks(const std::string& why) {
    for (auto& t : c().tasks) {
      if (machines::is_final(t.state)) continue;
      const bool reached_department = t.push && t.state != TaskState::Waiting && t.state != TaskState::Ready;
      task_event(t, TaskEvent::cancel, why);
      stop_clock(t.clock, "task:" + t.step);
      if (reached_department) outbox(t, "cancel");
    }
  }

  void stop_case_clocks() {
    stop_clock(c().committed, "case.committed");
    stop_clock(c().statutory, "case.statutory");
  }

  // The case is suspended exactly while some task waits for a supplement or is in a special procedure.
  void sync_suspension(const std::string& reason) {
    const bool pause = std::any_of(c().tasks.begin(), c().tasks.end(), [](const TaskRecord& t) {
      return t.state == TaskState::SupplementRequested || t.special_procedure.has_value();
    });
    if (pause && c().state == CaseState::InProgress) {
      case_event(CaseEvent::suspend, reason);
      pause_clock(c().committed, "case.committed", reason);
      pause_clock(c().statutory, "case.statutory", reason);
    } else if (!pause && c().state == CaseState::Suspended) {
      case_event(CaseEvent::resume);
      resume_clock(c().committed, "case.committed");
      resume_clock(c().statutory, "case.statutory");
    }
  }

  calendar::Instant now() const { return now_; }
  const FlowContext& ctx() const { return ctx_; }

 private:
  const FlowContext& ctx_;
  std::string actor_;
  calendar::Instant now_;
  Decision d_;
};

std::string joined(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ",") + s;
  return out;
}

void on(Builder& b, const SubmitOnline& cmd) {
  b.case_event(CaseEvent::submit_online);
  if (cmd.applicant_present) ++b.c().visits;
}

void on(Builder& b, const Accept& cmd) {
  b.case_event(CaseEvent::accept, cmd.deferred.empty() ? "" : "deferral");
  auto& c = b.c();
  c.deferred = cmd.deferred;
  c.commitments = cmd.commitments;
  for (const auto& m : cmd.commitments)
    b.note("case", "commitment", machines::name(c.state), m.item + "：" + joined(m.replaces));
  if (cmd.applicant_present) ++c.visits;
  c.committed = calendar::Clock{b.ctx().bundle.committed, b.now(), 0, {}, std::nullopt, std::nullopt};
  c.statutory = calendar::Clock{case_statutory_limit(b.ctx().catalog, b.ctx().bundle, b.ctx().minutes_per_day),
                                b.now(),
                                0,
                                {},
                                std::nullopt,
                                std::nullopt};
  b.await_limit_start();
  b.document("receipt");
  if (!cmd.deferred.empty()) b.document("deferral_notice");
  b.create_tasks();
  b.case_event(CaseEvent::start_processing);
  b.advance();
}

void on(Builder& b, const RequestSupplementAtIntake& cmd) {
  if (cmd.missing.empty()) throw FlowInvalid("a supplement notice lists at least one material");
  b.case_event(CaseEvent::request_supplement, joined(cmd.missing));
  if (cmd.applicant_present) ++b.c().visits;
  b.document("supplement_notice");
}

void on(Builder& b, const Refuse& cmd) {
  if (cmd.reason.empty() || cmd.legal_basis.empty()) throw FlowInvalid("a refusal needs a reason and a legal basis");
  b.case_event(CaseEvent::refuse, cmd.reason);
  if (cmd.applicant_present) ++b.c().visits;
  b.document("refusal_notice");
}

void transition(Builder& b, TaskRecord& t, const TaskTransition& cmd);

void on(Builder& b, const TaskTransition& cmd) {
  TaskRecord& t = b.require_task(cmd.step);
  if (cmd.confirms_dispatch && t.state == TaskState::Dispatching) {
    if (cmd.event != TaskEvent::receive)
      throw FlowRefused("task " + t.step, "Dispatching", machines::name(cmd.event), {"received"});
    b.task_event(t, TaskEvent::dispatched, "callback");
  }
  transition(b, t, cmd);
  b.work(cmd.step, cmd.work);  // by name: an approval may add a 核查 task, and `t` then no longer refers to it
}

// A 核查 task ends only with its verdict (VerifyCommitment): no approval, rejection, 补正 or special procedure.
void not_a_verification(const TaskRecord& t, const char* what) {
  if (!verified_step(t.step).empty())
    throw FlowInvalid(std::string("a 核查 task ends with its verification (confirmed or false), not ") + what);
}

void transition(Builder& b, TaskRecord& t, const TaskTransition& cmd) {
  switch (cmd.event) {
    case TaskEvent::approve: {
      not_a_verification(t, "an approval");
      b.task_event(t, TaskEvent::approve, cmd.opinion);
      b.stop_clock(t.clock, "task:" + t.step);
      b.add_verification(t);
      b.advance();
      // 核查 tasks follow the result; they do not hold it back.
      const bool all = std::all_of(b.c().tasks.begin(), b.c().tasks.end(), [](const TaskRecord& x) {
        return x.state == TaskState::Approved || !verified_step(x.step).empty();
      });
      if (all) {
        b.case_event(CaseEvent::all_approved);
        b.stop_case_clocks();
        b.document("result_ready_notice");
      }
      return;
    }
    case TaskEvent::reject:
      not_a_verification(t, "a rejection");
      if (cmd.opinion.empty()) throw FlowInvalid("a rejection needs a reason");
      b.task_event(t, TaskEvent::reject, cmd.opinion);
      b.stop_clock(t.clock, "task:" + t.step);
      b.cancel_open_tasks("step " + t.step + " rejected");
      b.case_event(CaseEvent::department_refused, t.step);
      b.stop_case_clocks();
      b.document("not_permitted_notice");
      return;
    case TaskEvent::redispatch:
      b.task_event(t, TaskEvent::redispatch, cmd.opinion);
      b.outbox(t, "dispatch");
      return;
    case TaskEvent::dispatched:
    case TaskEvent::dispatch_failed:
    case TaskEvent::receive: b.task_event(t, cmd.event, cmd.opinion); return;
    default: throw FlowInvalid(std::string("use the dedicated command for ") + machines::name(cmd.event));
  }
}

void on(Builder& b, const RequestTaskSupplement& cmd) {
  if (cmd.materials.empty()) throw FlowInvalid("a supplement request names the materials");
  if (cmd.reason.empty()) throw FlowInvalid("a supplement request says why");
  if (cmd.due && *cmd.due < calendar::cst_date(b.now())) throw FlowInvalid("the supplement's due date has passed");
  TaskRecord& t = b.require_task(cmd.step);
  not_a_verification(t, "a supplement request");
  b.task_event(t, TaskEvent::request_supplement, joined(cmd.materials) + "；" + cmd.reason);
  t.supplement = SupplementRequest{cmd.materials, cmd.reason, b.now(), cmd.due};
  b.pause_clock(t.clock, "task:" + t.step, "supplement");
  b.sync_suspension("supplement");
  b.document("supplement_notice");
  b.work(t.step, cmd.work);
}

void on(Builder& b, const SupplementProvided& cmd) {
  TaskRecord& t = b.require_task(cmd.step);
  b.task_event(t, TaskEvent::supplement_provided);
  t.supplement.reset();
  if (!t.special_procedure) b.resume_clock(t.clock, "task:" + t.step);
  if (cmd.applicant_present) ++b.c().visits;
  b.sync_suspension("supplement");
}

void on(Builder& b, const SpecialProcedure& cmd) {
  TaskRecord& t = b.require_task(cmd.step);
  b.work(t.step, cmd.work);
  if (cmd.start) {
    not_a_verification(t, "a special procedure");
    if (t.state != TaskState::Received)
      throw FlowRefused("task " + t.step, machines::name(t.state), "special_procedure_start", {});
    if (t.special_procedure)
      throw FlowRefused("task " + t.step, "special_procedure:" + *t.special_procedure, "special_procedure_start",
                        {"special_procedure_end"});
    if (cmd.kind.empty() || cmd.reason.empty()) throw FlowInvalid("a special procedure needs its kind and reason");
    t.special_procedure = cmd.kind;
    b.note(t.step, "special_procedure_start", machines::name(t.state), cmd.kind + ": " + cmd.reason);
    b.pause_clock(t.clock, "task:" + t.step, cmd.kind);
    b.sync_suspension(cmd.kind);
    b.document("special_procedure_notice");
  } else {
    if (!t.special_procedure)
      throw FlowRefused("task " + t.step, machines::name(t.state), "special_procedure_end",
                        {"special_procedure_start"});
    b.note(t.step, "special_procedure_end", machines::name(t.state), *t.special_procedure);
    t.special_procedure.reset();
    if (t.state != TaskState::SupplementRequested) b.resume_clock(t.clock, "task:" + t.step);
    b.sync_suspension("");
  }
}

void on(Builder& b, const Withdraw& cmd) {
  b.case_event(CaseEvent::withdraw, cmd.reason);
  b.cancel_open_tasks("case withdrawn");
  b.stop_case_clocks();
}

// 即办: a result handed over at the window in the visit that brought the application — the applicant's only
// visit so far, the same day, within this long of acceptance — is not a second trip.
constexpr calendar::Instant kSameVisitSeconds = 2 * 3600;

bool same_visit_as_acceptance(const CaseRecord& c, const Deliver& cmd, calendar::Instant now) {
  if (cmd.method != "window" || c.visits != 1 || !c.committed) return false;
  const calendar::Instant accepted = c.committed->started_at;
  return now >= accepted && now - accepted <= kSameVisitSeconds &&
         calendar::cst_date(now) == calendar::cst_date(accepted);
}

void on(Builder& b, const Deliver& cmd) {
  const bool same_visit = same_visit_as_acceptance(b.c(), cmd, b.now());
  b.case_event(CaseEvent::deliver);
  if (cmd.applicant_present && !same_visit) ++b.c().visits;
  b.deliver(cmd);
}

void on(Builder& b, const Archive& cmd) { b.case_event(CaseEvent::archive, cmd.package); }

void on(Builder& b, const Extend& cmd) {
  if (cmd.working_days < 1) throw FlowInvalid("an extension is at least one working day");
  if (cmd.approved_by.empty() || cmd.reason.empty())
    throw FlowInvalid("an extension needs its reason and the approving supervisor");
  const auto state = b.c().state;
  if (state != CaseState::InProgress && state != CaseState::Suspended)
    throw FlowRefused("case", machines::name(state), "extend", {});
  const std::int64_t seconds = std::int64_t{cmd.working_days} * b.ctx().minutes_per_day * 60;
  b.extend_clock(b.c().committed, "case.committed", seconds, cmd.reason);
  b.extend_clock(b.c().statutory, "case.statutory", seconds, cmd.reason);
  if (!cmd.step.empty()) {
    TaskRecord& t = b.require_task(cmd.step);
    b.extend_clock(t.clock, "task:" + t.step, seconds, cmd.reason);
  }
  b.note(cmd.step.empty() ? "case" : cmd.step, "extend", machines::name(state),
         std::to_string(cmd.working_days) + "wd approved by " + cmd.approved_by + ": " + cmd.reason);
  b.document("extension_notice");
  b.extend_days(cmd.working_days);
}

void on(Builder& b, const Note& cmd) {
  TaskRecord& t = b.require_task(cmd.step);
  b.note(t.step, cmd.what, machines::name(t.state), cmd.detail);
}

void on(Builder& b, const Claim& cmd) {
  TaskRecord& t = b.require_task(cmd.step);
  if (t.state == TaskState::Dispatched)
    b.task_event(t, TaskEvent::receive, "claim");
  else if (t.state != TaskState::Received && t.state != TaskState::SupplementRequested)
    throw FlowRefused("task " + t.step, machines::name(t.state), "claim", {});
  b.note(t.step, "claim", machines::name(t.state), cmd.login);
  b.work(t.step, TaskWork{cmd.user, std::nullopt, std::nullopt});
}

void on(Builder& b, const Release& cmd) {
  TaskRecord& t = b.require_task(cmd.step);
  b.note(t.step, "release", machines::name(t.state), cmd.login);
  b.work(t.step, TaskWork{});
}

void on(Builder& b, const Transfer& cmd) {
  TaskRecord& t = b.require_task(cmd.step);
  b.note(t.step, "transfer", machines::name(t.state), cmd.detail);
  b.work(t.step, TaskWork{cmd.to_user, std::nullopt, std::nullopt});
}

void on(Builder& b, const DeferredReceived& cmd) {
  CaseRecord& c = b.c();
  auto it = std::find_if(c.deferred.begin(), c.deferred.end(),
                         [&](const DeferredMaterial& d) { return d.material == cmd.material; });
  if (it == c.deferred.end()) throw FlowInvalid("'" + cmd.material + "' was not deferred at acceptance");
  const auto state = c.state;
  if (it->received || (state != CaseState::Accepted && state != CaseState::InProgress &&
                       state != CaseState::Suspended && state != CaseState::ResultReady))
    throw FlowRefused("case", it->received ? "material_received" : machines::name(state), "deferred_received", {});
  it->received = true;
  if (cmd.applicant_present) ++c.visits;
  b.note("case", "deferred_received", machines::name(state), cmd.material);
}

// 核查: only the holder's verdict on a received 核查 task. Found false, the result is revoked.
void on(Builder& b, const VerifyCommitment& cmd) {
  TaskRecord& t = b.require_task(cmd.step);
  Commitment* m = b.commitment_of(verified_step(t.step));
  if (!m) throw FlowInvalid("'" + cmd.step + "' is not the 核查 of a commitment");
  if (t.state != TaskState::Received) throw FlowRefused("task " + t.step, machines::name(t.state), "verify", {});
  b.work(t.step, cmd.work);
  if (cmd.truthful) {
    b.task_event(t, TaskEvent::approve, "核查属实");
    b.stop_clock(t.clock, "task:" + t.step);
    m->outcome = "confirmed";
    return;
  }
  if (cmd.reason.empty()) throw FlowInvalid("a commitment found false needs the reason");
  b.task_event(t, TaskEvent::reject, "承诺不实：" + cmd.reason);
  b.stop_clock(t.clock, "task:" + t.step);
  m->outcome = "false";
  m->reason = cmd.reason;
  b.cancel_open_tasks("commitment found false");
  b.case_event(CaseEvent::revoke, cmd.reason);
  b.stop_case_clocks();
  b.document("revocation_notice");
}

}  // namespace

Decision apply(const FlowContext& ctx, const CaseRecord& current, const Command& command, const std::string& actor,
               calendar::Instant now) {
  Builder b(ctx, current, actor, now);
  std::visit([&](const auto& cmd) { on(b, cmd); }, command);
  return b.finish();
}

}  // namespace ow::flow
