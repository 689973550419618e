// Auto routing: fewest active, then longest idle; waiting sessions go out in arrival order.
#include "routing.hpp"

#include <algorithm>
#include <tuple>

namespace parley {

namespace {
bool is_free(const Agent& agent, Index group, int max_active) {
  return agent.status == AgentStatus::online && may_work(agent, group) &&
         static_cast<int>(agent.assigned.size()) < max_active;
}
}  // namespace

Index best_free_agent(const State& state, Index group, const std::vector<Index>& excluded) {
  const Group& g = state.groups[group];
  Index best = kNoIndex;
  for (Index member : g.members) {
    if (std::find(excluded.begin(), excluded.end(), member) != excluded.end()) continue;
    const Agent& agent = state.agents[member];
    if (!is_free(agent, group, g.settings.max_active)) continue;
    if (best == kNoIndex) {
      best = member;
      continue;
    }
    const Agent& current = state.agents[best];
    const auto key = [](const Agent& a, Index ix) { return std::tuple(a.assigned.size(), a.idle_since, ix); };
    if (key(agent, member) < key(current, best)) best = member;
  }
  return best;
}

Index best_free_agent(const State& state, Index group, Index excluded) {
  return best_free_agent(state, group, excluded == kNoIndex ? std::vector<Index>{} : std::vector<Index>{excluded});
}

std::optional<Event> next_routing(const State& state, Timestamp now) {
  const QueueEntry* chosen = nullptr;
  Index chosen_agent = kNoIndex;
  for (Index g = 0; g < state.groups.size(); ++g) {
    const Group& group = state.groups[g];
    if (group.settings.routing != Routing::automatic || group.queue.empty()) continue;
    if (chosen && !(*group.queue.begin() < *chosen)) continue;
    for (const QueueEntry& entry : group.queue) {
      if (chosen && !(entry < *chosen)) break;
      const Index agent = best_free_agent(state, g, state.chats[entry.chat].missed_by);
      if (agent != kNoIndex) {
        chosen = &entry;
        chosen_agent = agent;
        break;
      }
      if (best_free_agent(state, g, std::vector<Index>{}) == kNoIndex) break;  // nobody free at all in this group
    }
  }
  if (!chosen) return std::nullopt;
  return Event{now, ChatAssigned{state.chats[chosen->chat].id, state.agents[chosen_agent].id, AssignKind::routed,
                                 Actor{ActorKind::automatic, ""}}};
}

}  // namespace parley
