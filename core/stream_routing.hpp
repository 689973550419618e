// Who gets each event on the live streams, decided on the writer's State right after that event:
// the viewers of its chat before and after it, and, for viewers it brings the chat to, a snapshot
// of the chat as it was just before (so a replica never meets an event about a chat it lacks); a
// viewer the chat leaves (by the event, or by leaving its group) is told to forget it, so a replica
// holds exactly the chats its viewer may see.
#pragma once
#include <vector>

#include "audience.hpp"
#include "events.hpp"
#include "model.hpp"
#include "replica.hpp"

namespace parley {

struct RoutedEvent {
  Audience audience;           // groups and agents after the event (for per-group subscribers)
  std::vector<AgentIx> viewers;  // agents, sorted, that get the event unless audience.everyone
  struct Prelude {
    std::vector<AgentIx> viewers;  // sorted; each gets `item` (a chat snapshot or forget) right before the event
    ReplicaItem item;
  };
  std::vector<Prelude> preludes;
  std::vector<Prelude> postludes;  // items sent right after the event (chat.forget to viewers it left)
};

// Applies the event to `state` (as apply() does) and says who sees it. Deterministic: the same log
// gives every viewer the same stream, wherever it is cut.
RoutedEvent apply_routed(State& state, const Event& event);

// Whether the viewer gets the event itself / the items meant for it before and after it, in order.
bool gets_event(const RoutedEvent& routed, const StreamViewer& viewer);
std::vector<const ReplicaItem*> preludes_for(const RoutedEvent& routed, const StreamViewer& viewer);
std::vector<const ReplicaItem*> postludes_for(const RoutedEvent& routed, const StreamViewer& viewer);

// The agents that may see the chat now (sorted): admins, everyone with a role in its group, its
// assignee and the agent credited with its latest close.
std::vector<AgentIx> chat_viewers(const State& state, ChatIx chat);

}  // namespace parley
