// The sessions that entered an agent's group queues since a queue sequence number, for the alerts
// and the screen reader's announcements alike. Pure; costs the new entries, not the queues.
#pragma once
#include <cstdint>
#include <utility>
#include <vector>

#include "model.hpp"

namespace parley::web {

// Every enqueue takes the next sequence number and a queue is ordered by enqueue time, so the news
// is the run at each queue's end (a session entering the view with an older enqueue time, as when
// the agent joins a group, is not news). Forgotten chats are left out.
std::vector<std::pair<GroupIx, ChatIx>> queued_since(const State& state, const Agent& agent, std::uint64_t sequence);

}  // namespace parley::web
