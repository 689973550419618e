// Walks each of the agent's queues back from its end while the entries are newer than the sequence;
// compares the agent's sessions with the ids seen before.
#include "queue_news.hpp"

#include <map>

namespace parley::web {

std::vector<std::pair<GroupIx, ChatIx>> queued_since(const State& state, const Agent& agent, std::uint64_t sequence) {
  std::vector<std::pair<GroupIx, ChatIx>> news;
  for (GroupIx g : agent.groups) {
    const auto& queue = state.groups[g].queue;
    for (std::size_t k = queue.size(); k-- > 0;) {
      const QueueEntry& entry = queue.at(k);
      if (entry.sequence < sequence) break;
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
