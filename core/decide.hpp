// decide(): checks one command against State at time `now` and returns the events it causes,
// or the refusal. Pure: State is not touched; an empty event list means "accepted, nothing to do".
#pragma once
#include "commands.hpp"
#include "events.hpp"
#include "model.hpp"
#include "result.hpp"

namespace parley {

Result<Events> decide(const State& state, const Command& command, Timestamp now);

// The blocklist rule a customer's new session or message meets: the first refusing rule it matches,
// else the first spam rule, else none (rules in id order). What decide() applies to client commands.
const BlockRule* blocking_rule(const State& state, const CustomerOrigin& origin);
// The refusal a refusing rule gives (blocked, saying why).
Error blocked_by(const BlockRule& rule);

}  // namespace parley
