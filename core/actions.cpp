// Allowed actions by asking decide() about each candidate command.
#include "actions.hpp"

#include <algorithm>
#include <cctype>

#include "decide.hpp"

namespace parley {

namespace {

bool accepted(const State& state, const Command& command, Timestamp now) { return decide(state, command, now).ok(); }

TransferChat to_agent(const State& state, AgentIx agent, ChatIx chat, AgentIx target) {
  return TransferChat{state.chats[chat].id, Actor{ActorKind::agent, state.agents[agent].id}, state.agents[target].id,
                      {}, {}};
}

TransferChat to_group(const State& state, AgentIx agent, ChatIx chat, GroupIx group) {
  return TransferChat{state.chats[chat].id, Actor{ActorKind::agent, state.agents[agent].id}, {}, state.groups[group].id,
                      {}};
}

AssignChat assign_to(const State& state, AgentIx agent, ChatIx chat, AgentIx target) {
  return AssignChat{state.chats[chat].id, state.agents[target].id, Actor{ActorKind::agent, state.agents[agent].id}};
}

bool any_transfer(const State& state, AgentIx agent, ChatIx chat, Timestamp now) {
  for (GroupIx g : state.groups.indices())
    if (accepted(state, to_group(state, agent, chat, g), now)) return true;
  for (AgentIx member : state.groups[state.chats[chat].group].members)
    if (accepted(state, to_agent(state, agent, chat, member), now)) return true;
  return false;
}

}  // namespace

ChatActions allowed_actions(const State& state, AgentIx agent, ChatIx chat, Timestamp now) {
  if (!state.agents.contains(agent) || !state.chats.contains(chat)) return 0;
  const std::string& id = state.chats[chat].id;
  const std::string& me = state.agents[agent].id;
  const Actor actor{ActorKind::agent, me};
  ChatActions out = 0;
  const auto offer = [&](ChatAction action, const Command& command) {
    if (accepted(state, command, now)) out |= action;
  };
  offer(kActionAccept, AcceptChat{id, me});
  offer(kActionMessage, SendMessage{id, actor, "?", {}});
  offer(kActionPause, PauseChat{id, actor});
  offer(kActionResume, ResumeChat{id, actor});
  offer(kActionClose, CloseChat{id, actor});
  offer(kActionCloseManual, CloseChat{id, Actor{ActorKind::manual, me}});
  offer(kActionReopen, ReopenChat{id, actor});
  offer(kActionNote, AddNote{id, actor, "?"});
  offer(kActionMarkSpam, MarkSpam{id, "agent:" + me});
  offer(kActionUnmarkSpam, UnmarkSpam{id, "agent:" + me});
  const Priority other = state.chats[chat].priority == Priority::urgent ? Priority::normal : Priority::urgent;
  offer(kActionSetPriority, SetChatPriority{id, other, actor});
  if (any_transfer(state, agent, chat, now)) out |= kActionTransfer;
  if (!assign_agents(state, agent, chat, now).empty()) out |= kActionAssign;
  return out;
}

std::vector<AgentIx> transfer_agents(const State& state, AgentIx agent, ChatIx chat, Timestamp now) {
  std::vector<AgentIx> out;
  for (AgentIx member : state.groups[state.chats[chat].group].members)
    if (accepted(state, to_agent(state, agent, chat, member), now)) out.push_back(member);
  return out;
}

std::vector<GroupIx> transfer_groups(const State& state, AgentIx agent, ChatIx chat, Timestamp now) {
  std::vector<GroupIx> out;
  for (GroupIx g : state.groups.indices())
    if (accepted(state, to_group(state, agent, chat, g), now)) out.push_back(g);
  return out;
}

std::vector<AgentIx> assign_agents(const State& state, AgentIx agent, ChatIx chat, Timestamp now) {
  std::vector<AgentIx> out;
  for (AgentIx member : state.groups[state.chats[chat].group].members)
    if (accepted(state, assign_to(state, agent, chat, member), now)) out.push_back(member);
  return out;
}

std::vector<AgentIx> mention_candidates(const State& state, AgentIx agent, ChatIx chat, std::string_view prefix,
                                        Timestamp now) {
  std::vector<AgentIx> out;
  if (!state.agents.contains(agent) || !state.chats.contains(chat)) return out;
  const auto starts = [&](const std::string& text) {
    if (text.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i)
      if (std::tolower(static_cast<unsigned char>(text[i])) != std::tolower(static_cast<unsigned char>(prefix[i])))
        return false;
    return true;
  };
  const Actor actor{ActorKind::agent, state.agents[agent].id};
  for (AgentIx other : state.agents.indices()) {
    const Agent& a = state.agents[other];
    if (other == agent || a.disabled || !(starts(a.id) || starts(a.name))) continue;
    if (accepted(state, AddNote{state.chats[chat].id, actor, "@" + a.id}, now)) out.push_back(other);
  }
  std::sort(out.begin(), out.end(), [&](AgentIx x, AgentIx y) { return state.agents[x].name < state.agents[y].name; });
  return out;
}

std::vector<GroupIx> start_groups(const State& state, AgentIx agent, Timestamp now) {
  std::vector<GroupIx> out;
  if (!state.agents.contains(agent)) return out;
  std::string probe = "start-probe";
  while (state.find_chat(probe)) probe += "-";
  for (GroupIx g : state.groups.indices()) {
    const StartChat start{probe, state.groups[g].id, "?", "?", Actor{ActorKind::agent, state.agents[agent].id},
                          ChannelKind::external, {}, {}, {}, "?"};
    if (accepted(state, start, now)) out.push_back(g);
  }
  return out;
}

bool channel_delivers(std::string_view kind, bool has_outbound_url) {
  return kind == "internal" || (kind == "webhook" && has_outbound_url);
}

}  // namespace parley
