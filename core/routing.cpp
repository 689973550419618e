// Auto routing: fewest active, then longest idle; waiting sessions go out in arrival order.
#include "routing.hpp"

#include <algorithm>
#include <tuple>

namespace parley {

int routing_capacity(const State& state, GroupIx group) { return state.groups[group].settings.max_active; }

bool takes_routed_session(const State& state, AgentIx agent_ix, GroupIx group) {
  const Agent& agent = state.agents[agent_ix];
  return agent.status == AgentStatus::online && may_work(agent, group) &&
         static_cast<int>(agent.assigned.size()) < routing_capacity(state, group);
}

namespace {
bool holds_routing(const Group& group, Timestamp now) {
  const GroupSettings& s = group.settings;
  return s.hold_outside_hours && s.business_hours && !is_open(*s.business_hours, now);
}
}  // namespace

AgentIx best_free_agent(const State& state, GroupIx group, const std::vector<AgentIx>& excluded) {
  const Group& g = state.groups[group];
  AgentIx best = kNoIndex;
  for (AgentIx member : g.members) {
    if (std::find(excluded.begin(), excluded.end(), member) != excluded.end()) continue;
    if (!takes_routed_session(state, member, group)) continue;
    const Agent& agent = state.agents[member];
    if (best == kNoIndex) {
      best = member;
      continue;
    }
    const Agent& current = state.agents[best];
    const auto key = [](const Agent& a, AgentIx ix) { return std::tuple(a.assigned.size(), a.idle_since, ix); };
    if (key(agent, member) < key(current, best)) best = member;
  }
  return best;
}

AgentIx best_free_agent(const State& state, GroupIx group, AgentIx excluded) {
  return best_free_agent(state, group, excluded == kNoIndex ? std::vector<AgentIx>{} : std::vector<AgentIx>{excluded});
}

std::optional<Event> next_routing(const State& state, Timestamp now) {
  const QueueEntry* chosen = nullptr;
  AgentIx chosen_agent = kNoIndex;
  for (GroupIx g : state.groups.indices()) {
    const Group& group = state.groups[g];
    if (group.settings.routing != Routing::automatic || group.queue.empty() || holds_routing(group, now)) continue;
    if (chosen && !(*group.queue.begin() < *chosen)) continue;
    for (const QueueEntry& entry : group.queue) {
      if (chosen && !(entry < *chosen)) break;
      const AgentIx agent = best_free_agent(state, g, state.chats[entry.chat].missed_by);
      if (agent != kNoIndex) {
        chosen = &entry;
        chosen_agent = agent;
        break;
      }
      if (best_free_agent(state, g, std::vector<AgentIx>{}) == kNoIndex) break;  // nobody free at all in this group
    }
  }
  if (!chosen) return std::nullopt;
  return Event{now, ChatAssigned{state.chats[chosen->chat].id, state.agents[chosen_agent].id, AssignKind::routed,
                                 Actor{ActorKind::automatic, ""}}};
}

}  // namespace parley
