// decide(): checks one command against State at time `now` and returns the events it causes,
// or the refusal. Pure: State is not touched; an empty event list means "accepted, nothing to do".
#pragma once
#include "commands.hpp"
#include "events.hpp"
#include "model.hpp"
#include "result.hpp"

namespace parley {

Result<Events> decide(const State& state, const Command& command, Timestamp now);

}  // namespace parley
