// Timers of SPEC §5 and group hours: silent-client close, unanswered transfer, SLA breaches, and a
// group's opening while it holds routing. Deadlines are kept exact in State::timers; firing is a pure decision.
#pragma once
#include <optional>

#include "events.hpp"
#include "model.hpp"

namespace parley {

// Recomputes the chat's deadlines from its clocks and the group settings.
void refresh_timers(State& state, ChatIx chat);
// The SLA deadlines a group's sessions have: its named policy, or its two legacy settings.
struct SlaTerms {
  int first_response_min = 0, next_response_min = 0, resolution_min = 0;
  bool business_hours_only = false;
};
SlaTerms sla_terms(const State& state, GroupIx group);
// The group's next opening, when it holds routing outside its business hours (from State::last_event_at).
void refresh_group_timer(State& state, GroupIx group);
// Drops every deadline of the chat (a replica's chat that left its viewer's view).
void clear_chat_timers(State& state, ChatIx chat);
Timestamp timer_due(const State& state, ChatIx chat, TimerKind kind);
// The earliest timer due at or before `now`, if any.
std::optional<TimerEntry> next_due_timer(const State& state, Timestamp now);
// The events a due timer produces, stamped with its due time.
Events fire_timer(const State& state, const TimerEntry& timer);

}  // namespace parley
