// The agent's news for the alerts and the screen reader's announcements alike: the sessions that
// entered the agent's group queues since a queue sequence number (costs the new entries, not the
// queues), and the sessions newly assigned to the agent. Pure.
#pragma once
#include <cstdint>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "model.hpp"

namespace parley::web {

// Every enqueue takes the next sequence number and a queue is ordered by enqueue time, so the news
// is the run at each queue's end (a session entering the view with an older enqueue time, as when
// the agent joins a group, is not news). Forgotten chats are left out.
std::vector<std::pair<GroupIx, ChatIx>> queued_since(const State& state, const Agent& agent, std::uint64_t sequence);

// The sessions assigned to the agent now that `seen` (ids) does not hold, in id order; `seen` then
// becomes the sessions assigned now. Each watcher keeps its own `seen`.
std::vector<ChatIx> assigned_since(const State& state, const Agent& agent, std::set<std::string>& seen);

}  // namespace parley::web
