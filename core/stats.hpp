// Agent panel statistics of SPEC §3, computed from State at `now`. Pure, integer-only;
// cost is proportional to the agent's own history inside the current shift.
#pragma once
#include <optional>
#include <vector>

#include "model.hpp"

namespace parley {

struct AgentStats {
  AgentStatus status = AgentStatus::offline;
  Timestamp status_since = 0;
  std::optional<Timestamp> first_online;
  Duration total_ms = 0, online_ms = 0, dnd_ms = 0, offline_ms = 0;
  int closed = 0, missed = 0, on_hold = 0, active = 0;
  friend bool operator==(const AgentStats&, const AgentStats&) = default;
};

// Index into agent.history of the online change that starts the current shift, or -1.
long shift_start(const Agent& agent, Duration gap);
AgentStats agent_stats(const State& state, AgentIx agent, Timestamp now);
// The misses the Missed counter counts (inside the current shift, up to `now`), newest first.
std::vector<Miss> shift_misses(const State& state, AgentIx agent, Timestamp now);

}  // namespace parley
