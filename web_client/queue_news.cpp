// Scans each of the agent's queues for entries newer than the sequence (the queue is ordered by
// priority first, so new entries may sit anywhere);
// compares the agent's sessions with the ids seen before.
#include "queue_news.hpp"

#include <map>

namespace parley::web {

std::vector<std::pair<GroupIx, ChatIx>> queued_since(const State& state, const Agent& agent, std::uint64_t sequence) {
  std::vector<std::pair<GroupIx, ChatIx>> news;
  for (GroupIx g : agent.groups) {
    const auto& queue = state.groups[g].queue;
    for (const QueueEntry& entry : queue) {
      if (entry.sequence < sequence) continue;
      if (!state.chats[entry.chat].forgotten) news.emplace_back(g, entry.chat);
    }
  }
  return news;
}

std::vector<ChatIx> assigned_since(const State& state, const Agent& agent, std::set<std::string>& seen) {
  std::map<std::string, ChatIx> now;
  for (ChatIx c : agent.assigned) now.emplace(state.chats[c].id, c);
  std::vector<ChatIx> news;
  for (const auto& [id, chat] : now)
    if (!seen.count(id)) news.push_back(chat);
  seen.clear();
  for (const auto& [id, chat] : now) seen.insert(id);
  return news;
}

}  // namespace parley::web
