// decide() for support agent action runs: shapes (bad_command: the form, the filled-in values, the
// run id, the answer's size), unknown ids, role and membership (the agent must work the session's
// group), then state (not closed or erased; a run finishes once). Pure.
#pragma once
#include "commands.hpp"
#include "events.hpp"
#include "model.hpp"
#include "result.hpp"

namespace parley {

Result<Events> decide_action(const State& state, const RunAction& command, Timestamp now);
Result<Events> decide_action(const State& state, const FinishAction& command, Timestamp now);

}  // namespace parley
