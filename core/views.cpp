// Lists and counters over State::lists and the group queues; search by scanning.
#include "views.hpp"

#include <algorithm>
#include <limits>
#include <optional>

#include "merged_rows.hpp"
#include "text_fold.hpp"

namespace parley {

namespace {

bool oversees_all(const Agent& agent) { return has_role(agent, kRoleAdmin); }
bool supervisor(const Agent& agent) { return has_role(agent, kRoleSupervisor) || has_role(agent, kRoleAdmin); }
bool reader(const Agent& agent) { return has_role(agent, kRoleReader); }
// Whose group lists (Active, Closed) the agent sees whole: supervisors', and readers' read-only.
bool oversees_lists(const Agent& agent, GroupIx group) {
  return may_supervise(agent, group) || (reader(agent) && is_member(agent, group));
}

MergedRows<QueueEntry> queue_rows(const State& state, const Agent& agent) {
  MergedRows<QueueEntry> rows;
  for (GroupIx g : agent.groups) rows.add(state.groups[g].queue);
  return rows;
}

// The sources of a list ordered latest first (every view but the queue).
MergedRows<RecentEntry> recent_rows(const State& state, AgentIx agent_ix, ListView view) {
  const Agent& agent = state.agents[agent_ix];
  const ListIndex& lists = state.lists;
  const ListIndex::ByAgent* mine = lists.agents.contains(agent_ix) ? &lists.agents[agent_ix] : nullptr;
  const auto group = [&](GroupIx g) { return lists.groups.contains(g) ? &lists.groups[g] : nullptr; };
  MergedRows<RecentEntry> rows;
  switch (view) {
    case ListView::mine:
      if (mine) rows.add(mine->mine);
      break;
    case ListView::active:
      if (oversees_all(agent)) {
        rows.add(lists.unclosed);
        break;
      }
      for (GroupIx g : agent.groups)
        if (oversees_lists(agent, g) && group(g)) rows.add(group(g)->unclosed);
      break;
    case ListView::closed:
      if (oversees_all(agent)) {
        rows.add(lists.closed);
        break;
      }
      for (GroupIx g : agent.groups)
        if (oversees_lists(agent, g) && group(g)) rows.add(group(g)->closed);
      if (mine)
        for (const auto& [g, closed] : mine->closed)
          if (!oversees_lists(agent, g)) rows.add(closed);
      break;
    case ListView::spam:
      if (oversees_all(agent)) {
        rows.add(lists.spam);
        break;
      }
      for (GroupIx g : agent.groups)
        if (may_supervise(agent, g) && group(g)) rows.add(group(g)->spam);
      break;
    case ListView::queue: break;
  }
  return rows;
}

}  // namespace

bool may_list(const Agent& agent, ListView view) {
  if (view == ListView::spam) return supervisor(agent);
  return view != ListView::active || supervisor(agent) || reader(agent);
}

ListView first_list(const Agent& agent) {
  const bool works = has_role(agent, kRoleOperator) || supervisor(agent);
  return works || !reader(agent) ? ListView::mine : ListView::active;
}

namespace {

std::optional<Error> check_view(const State& state, AgentIx agent_ix, ListView view) {
  if (!may_list(state.agents[agent_ix], view))
    return Error{ErrorCode::forbidden, view == ListView::spam ? "the Spam list is for supervisors and admins"
                                                               : "the Active view is for supervisors"};
  return std::nullopt;
}

}  // namespace

std::vector<ChatIx> waiting_queue(const State& state, AgentIx agent_ix) {
  return session_list_rows(state, agent_ix, ListView::queue, 0, std::numeric_limits<std::size_t>::max()).value();
}

Result<std::vector<ChatIx>> session_list(const State& state, AgentIx agent_ix, ListView view) {
  return session_list_rows(state, agent_ix, view, 0, std::numeric_limits<std::size_t>::max());
}

Result<std::size_t> session_list_size(const State& state, AgentIx agent_ix, ListView view) {
  if (auto refusal = check_view(state, agent_ix, view)) return *refusal;
  if (view == ListView::queue) return queue_rows(state, state.agents[agent_ix]).size();
  return recent_rows(state, agent_ix, view).size();
}

Result<std::vector<ChatIx>> session_list_rows(const State& state, AgentIx agent_ix, ListView view, std::size_t first,
                                             std::size_t count) {
  if (auto refusal = check_view(state, agent_ix, view)) return *refusal;
  std::vector<ChatIx> chats;
  const auto take = [&](const auto& rows) {
    if (first < rows.size()) chats.reserve(std::min(count, rows.size() - first));
    rows.slice(first, count, [&](const auto& entry) { chats.push_back(entry.chat); });
  };
  if (view == ListView::queue) take(queue_rows(state, state.agents[agent_ix]));
  else take(recent_rows(state, agent_ix, view));
  return chats;
}

std::optional<std::size_t> session_list_position(const State& state, AgentIx agent_ix, ListView view, ChatIx chat_ix) {
  if (check_view(state, agent_ix, view) || !state.chats.contains(chat_ix)) return std::nullopt;
  const Chat& chat = state.chats[chat_ix];
  if (view == ListView::queue)
    return queue_rows(state, state.agents[agent_ix])
        .position(queue_entry(chat, chat_ix));
  return recent_rows(state, agent_ix, view).position(RecentEntry{chat.last_activity, chat.number, chat_ix});
}

Counters counters(const State& state, AgentIx agent_ix) {
  const Agent& agent = state.agents[agent_ix];
  const ListIndex& lists = state.lists;
  Counters result;
  if (lists.agents.contains(agent_ix)) result.unread = lists.agents[agent_ix].unread;
  for (GroupIx g : state.groups.indices())
    if (may_supervise(agent, g)) result.unassigned += static_cast<int>(state.groups[g].queue.size());
  for (GroupIx g : agent.groups)
    if (lists.groups.contains(g)) result.new_unassigned += lists.groups[g].waiting_never_assigned;
  result.shows_unread = has_role(agent, kRoleOperator);
  result.shows_unassigned = supervisor(agent);
  result.shows_new = result.shows_unread || result.shows_unassigned;
  result.total = (result.shows_unread ? result.unread : 0) + (result.shows_unassigned ? result.unassigned : 0);
  return result;
}

bool contains_ignoring_case(std::string_view haystack, std::string_view needle) {
  return contains_folded(haystack, needle);
}

std::vector<ChatIx> search_sessions(const State& state, AgentIx agent_ix, std::string_view text) {
  const Agent& agent = state.agents[agent_ix];
  TextMatcher matcher(text);
  std::vector<RecentEntry> found;
  for (ChatIx c : state.chats.indices()) {
    const Chat& chat = state.chats[c];
    if (!chat.forgotten && may_read(agent, chat.group) && matcher.matches(chat.client))
      found.push_back(RecentEntry{chat.last_activity, chat.number, c});
  }
  std::sort(found.begin(), found.end());
  std::vector<ChatIx> chats;
  chats.reserve(found.size());
  for (const RecentEntry& e : found) chats.push_back(e.chat);
  return chats;
}

std::vector<MessageIx> search_messages(const Chat& chat, std::string_view text) {
  TextMatcher matcher(text);
  std::vector<MessageIx> found;
  for (MessageIx m : chat.messages.indices()) {
    const Message& message = chat.messages[m];
    bool match = matcher.matches(message.text);
    for (const Attachment& a : message.attachments) match = match || matcher.matches(a.name);
    if (match) found.push_back(m);
  }
  return found;
}

}  // namespace parley
