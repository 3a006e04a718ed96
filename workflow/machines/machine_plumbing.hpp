// What both machines (case_machine.cpp, task_machine.cpp) do around their Boost.MSM back-ends, written once:
// names ↔ enums, firing an event, restoring a back-end to a stored state through the `Restore` pseudo-event,
// and probing which events a state accepts. Included only by the two machines' sources.
#pragma once

#include <boost/msm/back/common_types.hpp>
#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace ow::machines::plumbing {

// The enum value whose stable name is `text`; names[i] names value i.
template <class Enum, std::size_t N>
std::optional<Enum> named(std::string_view text, const char* const (&names)[N]) {
  for (std::size_t i = 0; i < N; ++i)
    if (text == names[i]) return static_cast<Enum>(i);
  return std::nullopt;
}

// Every value of an enum of N values, in order.
template <class Enum, std::size_t N>
std::vector<Enum> all_values() {
  std::vector<Enum> v;
  for (std::size_t i = 0; i < N; ++i) v.push_back(static_cast<Enum>(i));
  return v;
}

template <class Event, class Fsm>
bool fire(Fsm& fsm) {
  return fsm.process_event(Event{}) == boost::msm::back::HANDLED_TRUE;
}

// Starts the back-end and takes it to `state` (the Restoring pseudo-state has one guarded row per state).
template <class Restore, class Fsm, class State>
bool restore(Fsm& fsm, State state) {
  fsm.restore_to = state;
  fsm.start();
  return fire<Restore>(fsm) && fsm.current == state;
}

// A machine class's pimpl (a struct holding `fsm`), its back-end restored to `state`; throws std::logic_error
// when the state cannot be restored.
template <class Impl, class Restore, class State>
Impl* restored(State state, const char* what) {
  auto* impl = new Impl;
  if (!restore<Restore>(impl->fsm, state)) {
    delete impl;
    throw std::logic_error(std::string("the ") + what + " machine cannot restore its state");
  }
  return impl;
}

// The events `state` accepts, each tried on a fresh back-end restored to it (a copied back-end does not
// process events reliably); `dispatch(fsm, event)` fires one.
template <class Fsm, class Restore, class State, class Event, class Dispatch>
std::vector<Event> accepted_events(State state, const std::vector<Event>& all, Dispatch dispatch) {
  std::vector<Event> out;
  for (Event e : all) {
    Fsm probe;
    restore<Restore>(probe, state);
    if (dispatch(probe, e)) out.push_back(e);
  }
  return out;
}

}  // namespace ow::machines::plumbing
