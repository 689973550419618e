// Filing one chat: which lists and counts its keys put it in, and moving it when they change.
#include "list_index.hpp"

namespace parley {

namespace {

ListKeys keys_of(const Chat& chat) {
  ListKeys k;
  k.filed = true;
  k.group = chat.group;
  k.assignee = chat.assignee;
  k.state = chat.state;
  k.last_activity = chat.last_activity;
  k.number = chat.number;
  k.never_assigned = !chat.ever_assigned;
  k.unread = chat.unread > 0;
  k.spam = chat.spam;
  return k;
}

enum class Move { in, out };

template <class T>
void move(OrderedRows<T>& rows, const T& entry, Move how) {
  if (how == Move::in) rows.insert(entry);
  else rows.erase(entry);
}

void file(ListIndex& lists, const ListKeys& k, ChatIx chat, Move how) {
  const RecentEntry entry{k.last_activity, k.number, chat};
  const int step = how == Move::in ? 1 : -1;
  ListIndex::ByGroup& group = lists.groups[k.group];
  if (k.spam) {
    move(group.spam, entry, how);
    move(lists.spam, entry, how);
    return;
  }
  if (k.state == ChatState::closed) {
    move(group.closed, entry, how);
    move(lists.closed, entry, how);
    if (k.assignee != kNoIndex) {
      auto& by_group = lists.agents[k.assignee].closed;
      move(by_group[k.group], entry, how);
      if (by_group[k.group].empty()) by_group.erase(k.group);
    }
    return;
  }
  move(group.unclosed, entry, how);
  move(lists.unclosed, entry, how);
  if (k.state == ChatState::queued) {
    if (k.never_assigned) group.waiting_never_assigned += step;
    return;
  }
  if (k.assignee == kNoIndex) return;
  ListIndex::ByAgent& agent = lists.agents[k.assignee];
  move(agent.mine, entry, how);
  if (k.unread) agent.unread += step;
}

}  // namespace

void file_chat(State& state, ChatIx chat_ix) {
  if (!state.chats.contains(chat_ix)) return;
  ListIndex& lists = state.lists;
  if (lists.groups.size() < state.groups.size()) lists.groups.resize(state.groups.size());
  if (lists.agents.size() < state.agents.size()) lists.agents.resize(state.agents.size());
  if (lists.chats.size() < state.chats.size()) lists.chats.resize(state.chats.size());
  const Chat& chat = state.chats[chat_ix];
  if (chat.group == kNoIndex || chat.forgotten) return;
  const ListKeys now = keys_of(chat);
  ListKeys& was = lists.chats[chat_ix];
  if (was == now) return;
  if (was.filed) file(lists, was, chat_ix, Move::out);
  file(lists, now, chat_ix, Move::in);
  was = now;
}

void unfile_chat(State& state, ChatIx chat_ix) {
  if (!state.lists.chats.contains(chat_ix)) return;
  ListKeys& was = state.lists.chats[chat_ix];
  if (was.filed) file(state.lists, was, chat_ix, Move::out);
  was = ListKeys{};
}

}  // namespace parley
