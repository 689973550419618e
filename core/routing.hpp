// Routing of SPEC §4: which free agent gets a session, and queue dispatch in auto groups.
// Pure functions of State; the engine applies what they return.
#pragma once
#include <optional>
#include <string>

#include "events.hpp"
#include "model.hpp"

namespace parley {

// The capacity rule of auto routing: how many open or paused sessions the group lets routing give one
// agent, and the load (thousandths of channel weight) it lets them carry.
int routing_capacity(const State& state, GroupIx group);
int routing_load_limit(const State& state, GroupIx group);
// The weight of a session: its channel's.
int chat_weight(const State& state, const Chat& chat);
// The sum of the weights of the agent's open and paused sessions.
int agent_load(const State& state, const Agent& agent);
// Whether the agent (online, working the group's sessions) is free for one more session of `weight`:
// below the group's count and within its load limit with it.
bool takes_routed_session(const State& state, AgentIx agent, GroupIx group, int weight = kDefaultChannelWeight);
// Online agent of the group, allowed to work it, free for `weight`, not in `excluded`: least load,
// then fewest sessions, then longest idle, then creation order. kNoIndex if none.
AgentIx best_free_agent(const State& state, GroupIx group, const std::vector<AgentIx>& excluded,
                        int weight = kDefaultChannelWeight);
AgentIx best_free_agent(const State& state, GroupIx group, AgentIx excluded, int weight = kDefaultChannelWeight);
// The next assignment auto routing makes (most urgent, then oldest routable waiting session first), if any.
// A session waiting for a returning customer's agent goes only to them while they are online.
std::optional<Event> next_routing(const State& state, Timestamp now);

// The agent who last served this customer in the group (the one credited with the close, else the
// last assignee) when the group returns customers to them and that agent is online; kNoIndex otherwise.
AgentIx returning_agent(const State& state, GroupIx group, const CustomerKey& customer);

// The bot that tells a customer when a group holding routing outside its hours opens.
inline constexpr const char* kClosedReplyBot = "Parley";
// That message, when the group holds routing and is closed at `now`; nullopt otherwise.
std::optional<std::string> closed_group_reply(const Group& group, Timestamp now);

}  // namespace parley
