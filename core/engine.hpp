// The engine: runs timers up to `now`, decides a command, applies its events and the routing
// they trigger. Deterministic; a refused command leaves State as the timers left it.
#pragma once
#include <optional>

#include "commands.hpp"
#include "events.hpp"
#include "model.hpp"
#include "result.hpp"

namespace parley {

struct Outcome {
  Events events;                // everything applied, timer firings first, in order
  std::optional<Error> error;   // set when the command itself was refused
};

// Fires every timer due at or before `now` (in time order, each at its own due time).
Events advance(State& state, Timestamp now);
// advance() then decide + apply + routing. `now` earlier than State::now is refused.
Outcome handle(State& state, const Command& command, Timestamp now);
// Rebuilds State from a stored log: apply only, no decisions.
void replay(State& state, const Events& events);

}  // namespace parley
