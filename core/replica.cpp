// Snapshots taken from one State and installed into another, keeping every derived index in step:
// queues, the agents' books (assigned, on hold, credited closes), timers and the list indexes.
#include "replica.hpp"

#include <algorithm>
#include <optional>

#include "apply.hpp"
#include "list_index.hpp"
#include "overloaded.hpp"
#include "timers.hpp"

namespace parley {

namespace {

std::string agent_id(const State& state, AgentIx agent) { return agent == kNoIndex ? "" : state.agents[agent].id; }

// Index of an optional agent id: kNoIndex for "", nullopt when the replica does not know it.
std::optional<AgentIx> optional_agent(const State& state, const std::string& id) {
  if (id.empty()) return kNoIndex;
  const auto ix = state.agent_ix(id);
  if (ix == kNoIndex) return std::nullopt;
  return ix;
}

// Takes the chat off the queue and the agents' books it was on, as apply() had put it there.
void detach_chat(State& state, ChatIx ix) {
  Chat& chat = state.chats[ix];
  if (chat.state == ChatState::queued && chat.group != kNoIndex)
    state.groups[chat.group].queue.erase(queue_entry(chat, ix));
  if ((chat.state == ChatState::open || chat.state == ChatState::paused) && chat.assignee != kNoIndex) {
    Agent& agent = state.agents[chat.assignee];
    agent.assigned.erase(ix);
    if (chat.state == ChatState::paused) --agent.on_hold;
  }
  if (chat.credit_agent != kNoIndex) state.agents[chat.credit_agent].credited_closes.erase({chat.credit_at, ix});
}

void attach_chat(State& state, ChatIx ix) {
  Chat& chat = state.chats[ix];
  state.next_chat_number = std::max(state.next_chat_number, chat.number + 1);
  if (chat.spam) return;  // spam is on no queue and no agent's books
  if (chat.state == ChatState::queued) {
    state.groups[chat.group].queue.insert(queue_entry(chat, ix));
    state.next_queue_sequence = std::max(state.next_queue_sequence, chat.queue_sequence + 1);
  }
  if ((chat.state == ChatState::open || chat.state == ChatState::paused) && chat.assignee != kNoIndex) {
    Agent& agent = state.agents[chat.assignee];
    agent.assigned.insert(ix);
    if (chat.state == ChatState::paused) ++agent.on_hold;
  }
  if (chat.credit_agent != kNoIndex) state.agents[chat.credit_agent].credited_closes.insert({chat.credit_at, ix});
}

bool install_chat(State& state, const ChatSnapshot& snapshot) {
  const auto group = state.group_ix(snapshot.group);
  const auto assignee = optional_agent(state, snapshot.assignee);
  const auto credit = optional_agent(state, snapshot.credit_agent);
  const auto prefer = optional_agent(state, snapshot.prefer_agent);
  if (group == kNoIndex || !assignee || !credit || !prefer) return false;
  std::vector<AgentIx> missed_by;
  for (const std::string& id : snapshot.missed_by) {
    const auto ix = state.agent_ix(id);
    if (ix == kNoIndex) return false;
    missed_by.push_back(ix);
  }
  ChatIx ix = state.chat_ix(snapshot.chat.id);
  if (ix == kNoIndex) {
    ix = state.chats.next_index();
    state.chats.emplace_back();
    state.chat_index.emplace(snapshot.chat.id, ix);
  } else {
    if (!state.chats[ix].forgotten) detach_chat(state, ix);
  }
  Chat& chat = state.chats[ix];
  chat = snapshot.chat;
  chat.group = group;
  chat.assignee = *assignee;
  chat.credit_agent = *credit;
  chat.missed_by = std::move(missed_by);
  chat.prefer_agent = *prefer;
  chat.message_index.clear();
  for (MessageIx m : chat.messages.indices()) chat.message_index.emplace(chat.messages[m].id, m);
  attach_chat(state, ix);
  refresh_timers(state, ix);
  file_chat(state, ix);
  return true;
}

bool forget_chat(State& state, const ChatForgotten& item) {
  const auto ix = state.chat_ix(item.chat);
  if (ix == kNoIndex || state.chats[ix].forgotten) return true;
  detach_chat(state, ix);
  unfile_chat(state, ix);
  clear_chat_timers(state, ix);
  state.chats[ix].forgotten = true;
  return true;
}

bool install_agent(State& state, const AgentSnapshot& snapshot) {
  std::vector<GroupIx> groups;
  for (const std::string& id : snapshot.groups) {
    const auto g = state.group_ix(id);
    if (g == kNoIndex) return false;
    if (std::find(groups.begin(), groups.end(), g) == groups.end()) groups.push_back(g);
  }
  AgentIx ix = state.agent_ix(snapshot.id);
  if (ix == kNoIndex) {
    ix = state.agents.next_index();
    state.agents.emplace_back();
    state.agent_index.emplace(snapshot.id, ix);
  }
  Agent& agent = state.agents[ix];
  for (GroupIx g : agent.groups) {
    auto& members = state.groups[g].members;
    members.erase(std::remove(members.begin(), members.end(), ix), members.end());
  }
  agent.id = snapshot.id;
  agent.name = snapshot.name;
  agent.nickname = snapshot.nickname;
  agent.roles = snapshot.roles;
  agent.groups = groups;
  for (GroupIx g : groups) state.groups[g].members.push_back(ix);
  agent.created_at = snapshot.created_at;
  agent.status = snapshot.status;
  agent.status_since = snapshot.status_since;
  agent.idle_since = snapshot.idle_since;
  agent.history = snapshot.history;
  agent.missed = snapshot.missed;
  note_admin(state, ix);
  return true;
}

bool install_group(State& state, const GroupUpdated& group) {
  if (state.group_ix(group.group) == kNoIndex)
    apply(state, Event{state.last_event_at, GroupCreated{group.group, group.name, group.settings}});
  apply(state, Event{state.last_event_at, group});
  return true;
}

bool knows_agent(const State& state, const std::string& id) { return state.agent_ix(id) != kNoIndex; }
bool knows_optional_agent(const State& state, const std::string& id) { return id.empty() || knows_agent(state, id); }

}  // namespace

ChatSnapshot take_chat_snapshot(const State& state, ChatIx ix) {
  const Chat& chat = state.chats[ix];
  ChatSnapshot snapshot{chat, state.groups[chat.group].id, agent_id(state, chat.assignee),
                        agent_id(state, chat.credit_agent), {}};
  for (AgentIx agent : chat.missed_by) snapshot.missed_by.push_back(state.agents[agent].id);
  snapshot.prefer_agent = agent_id(state, chat.prefer_agent);
  snapshot.chat.message_index.clear();
  return snapshot;
}

AgentSnapshot take_agent_snapshot(const State& state, AgentIx ix) {
  const Agent& agent = state.agents[ix];
  AgentSnapshot snapshot{agent.id,           agent.name,         agent.nickname,    agent.roles,
                         {},                 agent.created_at,   agent.status,      agent.status_since,
                         agent.idle_since,   agent.history,      agent.missed};
  for (GroupIx g : agent.groups) snapshot.groups.push_back(state.groups[g].id);
  return snapshot;
}

bool install(State& state, const ReplicaItem& item) {
  return std::visit(Overloaded{
                        [&](const ReplicaReset& reset) {
                          state = State{};
                          state.last_event_at = reset.last_event_at;
                          state.settings = reset.settings;
                          return true;
                        },
                        [&](const GroupUpdated& group) { return install_group(state, group); },
                        [&](const AgentSnapshot& agent) { return install_agent(state, agent); },
                        [&](const ChatSnapshot& chat) { return install_chat(state, chat); },
                        [&](const ChatForgotten& chat) { return forget_chat(state, chat); },
                        [&](const SlaPolicySaved& policy) {
                          apply(state, Event{state.last_event_at, policy});
                          return true;
                        },
                        [&](const ChannelChanged& channel) {
                          apply(state, Event{state.last_event_at, channel});
                          return true;
                        },
                    },
                    item);
}

bool sees_chat(const State& state, const StreamViewer& viewer, ChatIx ix) {
  if (viewer.sees_all) return true;
  if (viewer.agent == kNoIndex) return false;
  const Chat& chat = state.chats[ix];
  return chat.assignee == viewer.agent || chat.credit_agent == viewer.agent ||
         may_read(state.agents[viewer.agent], chat.group);
}

std::vector<ReplicaItem> replica_bootstrap(const State& state, const StreamViewer& viewer) {
  std::vector<ReplicaItem> items;
  items.emplace_back(ReplicaReset{state.last_event_at, state.settings});
  for (const auto& [id, policy] : state.sla_policies) items.emplace_back(SlaPolicySaved{policy});
  for (const auto& [name, channel] : state.channels)
    items.emplace_back(ChannelChanged{name, channel.weight, channel.priority});
  for (const Group& group : state.groups) items.emplace_back(GroupUpdated{group.id, group.name, group.settings, group.disabled});
  for (AgentIx a : state.agents.indices()) items.emplace_back(take_agent_snapshot(state, a));
  for (ChatIx c : state.chats.indices())
    if (sees_chat(state, viewer, c)) items.emplace_back(take_chat_snapshot(state, c));
  return items;
}

bool knows_subjects(const State& state, const EventBody& body) {
  const auto chat = [&](const std::string& id) {
    const Chat* found = state.find_chat(id);
    return found && !found->forgotten;
  };
  return std::visit(
      Overloaded{
          [&](const GroupCreated& e) { return state.group_ix(e.group) == kNoIndex; },
          [&](const GroupUpdated& e) { return state.group_ix(e.group) != kNoIndex; },
          [&](const GroupOpened& e) { return state.group_ix(e.group) != kNoIndex; },
          [&](const AgentCreated& e) { return !knows_agent(state, e.agent); },
          [&](const AgentUpdated& e) { return knows_agent(state, e.agent); },
          [&](const DeskSettingsChanged&) { return true; },
          [&](const SlaPolicySaved&) { return true; },
          [&](const SlaPolicyDeleted&) { return true; },
          [&](const BlockRuleAdded&) { return true; },
          [&](const BlockRuleRemoved&) { return true; },
          [&](const RetentionChanged&) { return true; },
          [&](const ChannelChanged&) { return true; },
          [&](const ChatPriorityChanged& e) { return chat(e.chat); },
          [&](const ChatPreferenceEnded& e) { return chat(e.chat); },
          [&](const ContactCreated&) { return true; },
          [&](const ContactUpdated&) { return true; },
          [&](const ContactsMerged&) { return true; },
          [&](const AgentStatusChanged& e) { return knows_agent(state, e.agent); },
          [&](const ChatStarted& e) {
            return state.chat_ix(e.chat) == kNoIndex && state.group_ix(e.group) != kNoIndex && (!e.by.is_agent() || knows_agent(state, e.by.id));
          },
          [&](const ChatAssigned& e) { return chat(e.chat) && knows_agent(state, e.agent); },
          [&](const DeliveryChanged& e) {
            const Chat* c = state.find_chat(e.chat);
            return chat(e.chat) && c->message_index.count(e.message) > 0;
          },
          [&](const ChatTransferred& e) {
            return chat(e.chat) && knows_optional_agent(state, e.to_agent) &&
                   (e.to_group.empty() || state.group_ix(e.to_group) != kNoIndex);
          },
          [&](const ChatClosed& e) { return chat(e.chat) && knows_optional_agent(state, e.credited_agent); },
          [&](const ChatReopened& e) { return chat(e.chat) && knows_agent(state, e.by.id); },
          [&](const auto& e) { return chat(e.chat); },
      },
      body);
}

}  // namespace parley
