// Routing of SPEC §4: which free agent gets a session, and queue dispatch in auto groups.
// Pure functions of State; the engine applies what they return.
#pragma once
#include <optional>

#include "events.hpp"
#include "model.hpp"

namespace parley {

// The capacity rule of auto routing: how many open or paused sessions the group lets routing give one
// agent, and whether the agent (online, working the group's sessions) is below it now.
int routing_capacity(const State& state, GroupIx group);
bool takes_routed_session(const State& state, AgentIx agent, GroupIx group);
// Online agent of the group, allowed to work it, below max_active, not in `excluded`:
// fewest active sessions, then longest idle, then creation order. kNoIndex if none.
AgentIx best_free_agent(const State& state, GroupIx group, const std::vector<AgentIx>& excluded);
AgentIx best_free_agent(const State& state, GroupIx group, AgentIx excluded);
// The next assignment auto routing makes (oldest routable waiting session first), if any.
std::optional<Event> next_routing(const State& state, Timestamp now);

}  // namespace parley
