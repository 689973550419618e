// Lists, counters and search over State.
#include "views.hpp"

#include <algorithm>

namespace parley {

std::vector<Index> waiting_queue(const State& state, Index agent_ix) {
  const Agent& agent = state.agents[agent_ix];
  std::vector<QueueEntry> entries;
  for (Index g : agent.groups) {
    const Group& group = state.groups[g];
    entries.insert(entries.end(), group.queue.begin(), group.queue.end());
  }
  std::sort(entries.begin(), entries.end());
  std::vector<Index> chats;
  chats.reserve(entries.size());
  for (const QueueEntry& e : entries) chats.push_back(e.chat);
  return chats;
}

namespace {

void sort_latest_first(const State& state, std::vector<Index>& chats) {
  std::sort(chats.begin(), chats.end(), [&](Index a, Index b) {
    const Chat &ca = state.chats[a], &cb = state.chats[b];
    if (ca.last_activity != cb.last_activity) return ca.last_activity > cb.last_activity;
    return ca.number > cb.number;
  });
}

}  // namespace

Result<std::vector<Index>> session_list(const State& state, Index agent_ix, ListView view) {
  const Agent& agent = state.agents[agent_ix];
  std::vector<Index> chats;
  switch (view) {
    case ListView::mine:
      chats.assign(agent.assigned.begin(), agent.assigned.end());
      sort_latest_first(state, chats);
      return chats;
    case ListView::queue: return waiting_queue(state, agent_ix);
    case ListView::active: {
      if (!has_role(agent, kRoleSupervisor) && !has_role(agent, kRoleAdmin))
        return fail(ErrorCode::forbidden, "the Active view is for supervisors");
      for (Index c = 0; c < state.chats.size(); ++c) {
        const Chat& chat = state.chats[c];
        if (chat.state != ChatState::closed && may_supervise(agent, chat.group)) chats.push_back(c);
      }
      sort_latest_first(state, chats);
      return chats;
    }
    case ListView::closed:
      for (Index c = 0; c < state.chats.size(); ++c) {
        const Chat& chat = state.chats[c];
        if (chat.state == ChatState::closed && (chat.assignee == agent_ix || may_supervise(agent, chat.group)))
          chats.push_back(c);
      }
      sort_latest_first(state, chats);
      return chats;
  }
  return chats;
}

Counters counters(const State& state, Index agent_ix) {
  const Agent& agent = state.agents[agent_ix];
  Counters result;
  const bool operator_role = has_role(agent, kRoleOperator);
  const bool supervisor_role = has_role(agent, kRoleSupervisor) || has_role(agent, kRoleAdmin);
  for (Index c : agent.assigned)
    if (state.chats[c].unread > 0) ++result.unread;
  for (Index g = 0; g < state.groups.size(); ++g)
    if (may_supervise(agent, g)) result.unassigned += static_cast<int>(state.groups[g].queue.size());
  for (Index g : agent.groups)
    for (const QueueEntry& e : state.groups[g].queue)
      if (!state.chats[e.chat].ever_assigned) ++result.new_unassigned;
  result.total = (operator_role ? result.unread : 0) + (supervisor_role ? result.unassigned : 0);
  return result;
}

bool contains_ignoring_case(std::string_view haystack, std::string_view needle) {
  if (needle.empty()) return true;
  const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  const auto found = std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(),
                                 [&](char a, char b) { return lower(a) == lower(b); });
  return found != haystack.end();
}

std::vector<Index> search_sessions(const State& state, Index agent_ix, std::string_view text) {
  const Agent& agent = state.agents[agent_ix];
  std::vector<Index> found;
  for (Index c = 0; c < state.chats.size(); ++c) {
    const Chat& chat = state.chats[c];
    if (may_read(agent, chat.group) && contains_ignoring_case(chat.client, text)) found.push_back(c);
  }
  sort_latest_first(state, found);
  return found;
}

std::vector<Index> search_messages(const Chat& chat, std::string_view text) {
  std::vector<Index> found;
  for (Index m = 0; m < chat.messages.size(); ++m) {
    const Message& message = chat.messages[m];
    bool match = contains_ignoring_case(message.text, text);
    for (const Attachment& a : message.attachments) match = match || contains_ignoring_case(a.name, text);
    if (match) found.push_back(m);
  }
  return found;
}

}  // namespace parley
