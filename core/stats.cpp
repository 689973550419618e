// First Online (the three rules), time per status inside the shift, and the counters.
#include "stats.hpp"

#include <algorithm>
#include <span>

namespace parley {

namespace {
std::span<const Miss> shift_misses_between(const Agent& agent, Timestamp first, Timestamp now) {
  const auto before = [](const Miss& miss, Timestamp at) { return miss.at < at; };
  const auto after = [](Timestamp at, const Miss& miss) { return at < miss.at; };
  const auto from = std::lower_bound(agent.missed.begin(), agent.missed.end(), first, before);
  const auto to = std::upper_bound(from, agent.missed.end(), now, after);
  return {agent.missed.data() + (from - agent.missed.begin()), static_cast<std::size_t>(to - from)};
}
}  // namespace

// Walks back from the newest change. An online change starts a session when the stretch of
// non-online time before it (back to the previous online period) holds an offline run of at
// least `gap`, or when no online period precedes it (the first ever online).
long shift_start(const Agent& agent, Duration gap) {
  const auto& h = agent.history;
  for (long i = static_cast<long>(h.size()) - 1; i >= 0; --i) {
    if (h[static_cast<std::size_t>(i)].status != AgentStatus::online) continue;
    long j = i - 1;
    bool long_offline = false;
    while (j >= 0 && h[static_cast<std::size_t>(j)].status != AgentStatus::online) {
      const StatusChange& change = h[static_cast<std::size_t>(j)];
      if (change.status == AgentStatus::offline && h[static_cast<std::size_t>(j + 1)].at - change.at >= gap)
        long_offline = true;
      --j;
    }
    if (j < 0 || long_offline) return i;
    i = j + 1;  // continue the search before the previous online period
  }
  return -1;
}

AgentStats agent_stats(const State& state, AgentIx agent_ix, Timestamp now) {
  const Agent& agent = state.agents[agent_ix];
  AgentStats stats;
  stats.status = agent.status;
  stats.status_since = agent.status_since;
  stats.on_hold = agent.on_hold;
  stats.active = static_cast<int>(agent.assigned.size());
  const long start = shift_start(agent, state.settings.shift_gap);
  if (start < 0) return stats;
  const auto& h = agent.history;
  const Timestamp first = h[static_cast<std::size_t>(start)].at;
  stats.first_online = first;
  stats.total_ms = std::max<Duration>(0, now - first);
  for (std::size_t i = static_cast<std::size_t>(start); i < h.size(); ++i) {
    const Timestamp end = i + 1 < h.size() ? h[i + 1].at : now;
    const Duration span = std::max<Duration>(0, std::min(end, now) - h[i].at);
    switch (h[i].status) {
      case AgentStatus::online: stats.online_ms += span; break;
      case AgentStatus::dnd: stats.dnd_ms += span; break;
      case AgentStatus::offline: stats.offline_ms += span; break;
    }
  }
  for (auto it = agent.credited_closes.lower_bound({first, ChatIx{0}}); it != agent.credited_closes.end(); ++it)
    if (it->first <= now) ++stats.closed;
  stats.missed = static_cast<int>(shift_misses_between(agent, first, now).size());
  return stats;
}

std::vector<Miss> shift_misses(const State& state, AgentIx agent_ix, Timestamp now) {
  const Agent& agent = state.agents[agent_ix];
  const long start = shift_start(agent, state.settings.shift_gap);
  if (start < 0) return {};
  const auto misses = shift_misses_between(agent, agent.history[static_cast<std::size_t>(start)].at, now);
  return std::vector<Miss>(misses.rbegin(), misses.rend());
}

}  // namespace parley
