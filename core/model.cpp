// Lookups and role checks over State.
#include "model.hpp"

#include <algorithm>

namespace parley {

namespace {
template <class I>
I lookup(const std::unordered_map<std::string, I>& index, const std::string& id) {
  const auto found = index.find(id);
  return found == index.end() ? I{kNoIndex} : found->second;
}
}  // namespace

AgentIx State::agent_ix(const std::string& id) const { return lookup(agent_index, id); }
GroupIx State::group_ix(const std::string& id) const { return lookup(group_index, id); }
ChatIx State::chat_ix(const std::string& id) const { return lookup(chat_index, id); }

const Agent* State::find_agent(const std::string& id) const {
  const AgentIx ix = agent_ix(id);
  return ix == kNoIndex ? nullptr : &agents[ix];
}
const Group* State::find_group(const std::string& id) const {
  const GroupIx ix = group_ix(id);
  return ix == kNoIndex ? nullptr : &groups[ix];
}
const Chat* State::find_chat(const std::string& id) const {
  const ChatIx ix = chat_ix(id);
  return ix == kNoIndex ? nullptr : &chats[ix];
}

bool has_role(const Agent& agent, Role role) { return (agent.roles & role) != 0; }

void note_admin(State& state, AgentIx agent) {
  auto& admins = state.admins;
  const auto at = std::lower_bound(admins.begin(), admins.end(), agent);
  const bool listed = at != admins.end() && *at == agent;
  if (has_role(state.agents[agent], kRoleAdmin) && !listed) admins.insert(at, agent);
  if (!has_role(state.agents[agent], kRoleAdmin) && listed) admins.erase(at);
}

bool is_member(const Agent& agent, GroupIx group) {
  return std::find(agent.groups.begin(), agent.groups.end(), group) != agent.groups.end();
}

bool may_work(const Agent& agent, GroupIx group) {
  if (has_role(agent, kRoleAdmin)) return true;
  return (has_role(agent, kRoleOperator) || has_role(agent, kRoleSupervisor)) && is_member(agent, group);
}

bool may_supervise(const Agent& agent, GroupIx group) {
  if (has_role(agent, kRoleAdmin)) return true;
  return has_role(agent, kRoleSupervisor) && is_member(agent, group);
}

bool may_read(const Agent& agent, GroupIx group) { return has_role(agent, kRoleAdmin) || is_member(agent, group); }

bool is_group_online(const State& state, GroupIx group, Timestamp now) {
  const Group& g = state.groups[group];
  if (g.settings.business_hours && !is_open(*g.settings.business_hours, now)) return false;
  for (AgentIx member : g.members)
    if (state.agents[member].status == AgentStatus::online) return true;
  return false;
}

ChannelSettings channel_settings(const State& state, const std::string& channel) {
  const auto found = state.channels.find(channel);
  return found == state.channels.end() ? ChannelSettings{} : found->second;
}

QueueEntry queue_entry(const Chat& chat, ChatIx ix) {
  return QueueEntry{static_cast<std::uint8_t>(kLowestRank - static_cast<int>(chat.priority)), chat.enqueued_at,
                    chat.queue_sequence, ix};
}

Timestamp oldest_waiting_since(const Group& group) {
  Timestamp oldest = kNever;
  for (std::uint8_t rank = 0; rank <= kLowestRank; ++rank) {
    const std::size_t first = group.queue.count_less(QueueEntry{rank, INT64_MIN, 0, ChatIx{0}});
    if (first == group.queue.size() || group.queue.at(first).rank != rank) continue;
    const Timestamp at = group.queue.at(first).enqueued_at;
    if (oldest == kNever || at < oldest) oldest = at;
  }
  return oldest;
}

}  // namespace parley
