// Timers of SPEC §5: silent-client close, unanswered transfer, SLA breaches.
// Deadlines are kept exact in State::timers by refresh_timers(); firing is a pure decision.
#pragma once
#include <optional>

#include "events.hpp"
#include "model.hpp"

namespace parley {

// Recomputes the chat's deadlines from its clocks and the group settings; keeps State::timers in step.
void refresh_timers(State& state, Index chat);
// The earliest timer due at or before `now`, if any.
std::optional<TimerEntry> next_due_timer(const State& state, Timestamp now);
// The events a due timer produces, stamped with its due time.
Events fire_timer(const State& state, const TimerEntry& timer);

}  // namespace parley
