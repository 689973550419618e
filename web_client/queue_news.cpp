// Walks each of the agent's queues back from its end while the entries are newer than the sequence.
#include "queue_news.hpp"

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

}  // namespace parley::web
