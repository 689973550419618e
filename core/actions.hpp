// The chat actions an agent is offered: exactly the commands decide() would accept now, asked of
// decide itself (it only reads State), so the workspace never offers what the desk refuses.
// Pure; costs one decide per action, and per candidate target for transfers and assignments.
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

#include "model.hpp"

namespace parley {

enum ChatAction : std::uint16_t {
  kActionAccept = 1 << 0,
  kActionMessage = 1 << 1,
  kActionPause = 1 << 2,
  kActionResume = 1 << 3,
  kActionTransfer = 1 << 4,  // to at least one agent or group
  kActionClose = 1 << 5,     // from the session view (chat.close by agent:<id>)
  kActionCloseManual = 1 << 6,  // from the list or card (by manual:<id>)
  kActionReopen = 1 << 7,
  kActionAssign = 1 << 8,  // to at least one agent
  kActionNote = 1 << 9,    // a private note (chat.note)
  kActionMarkSpam = 1 << 10,
  kActionUnmarkSpam = 1 << 11,
  kActionSetPriority = 1 << 12,  // chat.set_priority
};
using ChatActions = std::uint16_t;

ChatActions allowed_actions(const State& state, AgentIx agent, ChatIx chat, Timestamp now);
inline bool allows(ChatActions actions, ChatAction action) { return (actions & action) != 0; }

// The agents of the chat's group a transfer by `agent` may go to, the groups it may go to, and the
// agents it may be assigned to; each one decide() accepts now. In the group's member order / group order.
std::vector<AgentIx> transfer_agents(const State& state, AgentIx agent, ChatIx chat, Timestamp now);
std::vector<GroupIx> transfer_groups(const State& state, AgentIx agent, ChatIx chat, Timestamp now);
std::vector<AgentIx> assign_agents(const State& state, AgentIx agent, ChatIx chat, Timestamp now);
// The groups a session started by `agent` may go to now (decide() accepts chat.start by the agent with a
// first message: a member who works the group, not offline), in group order. Empty: no "+New session".
std::vector<GroupIx> start_groups(const State& state, AgentIx agent, Timestamp now);
// Whether a customer is reachable to start a session with, by the kind of their channel: a messenger
// (webhook) channel that has somewhere to deliver, or an internal one; a widget visitor may be long gone.
bool channel_delivers(std::string_view kind, bool has_outbound_url);

// The colleagues a note by `agent` on the chat may mention (decide() accepts `@id` for each), the
// writer excluded, by name; those whose id or name starts with `prefix` (case-insensitive ASCII).
std::vector<AgentIx> mention_candidates(const State& state, AgentIx agent, ChatIx chat, std::string_view prefix,
                                        Timestamp now);

}  // namespace parley
