// Queue position, estimated wait and next opening for the customer's side (core/queue_wait.hpp).
#include "queue_wait.hpp"

#include <algorithm>
#include <vector>

namespace parley {

std::size_t queue_position(const State& state, ChatIx chat_ix) {
  if (!state.chats.contains(chat_ix)) return 0;
  const Chat& chat = state.chats[chat_ix];
  if (chat.state != ChatState::queued || chat.assignee != kNoIndex || chat.group == kNoIndex ||
      !state.groups.contains(chat.group))
    return 0;
  const QueueEntry entry = queue_entry(chat, chat_ix);
  const auto& queue = state.groups[chat.group].queue;
  if (!queue.contains(entry)) return 0;
  return queue.count_less(entry) + 1;
}

std::optional<Duration> recent_typical_wait(const State& state, GroupIx group, Timestamp now) {
  if (!group.valid() || group.value() >= state.report_facts.groups.size()) return std::nullopt;
  const std::vector<ReportSample>& waits = state.report_facts.groups[group.value()].wait;
  // Samples are in time order: walk back from the newest not after `now`.
  auto end = std::upper_bound(waits.begin(), waits.end(), now,
                              [](Timestamp t, const ReportSample& s) { return t < s.at; });
  std::vector<Duration> recent;
  for (auto it = end; it != waits.begin() && recent.size() < kEstimateSamples;) {
    --it;
    if (it->at < now - kEstimateWindow) break;
    recent.push_back(std::max<Duration>(it->value, 0));
  }
  if (recent.empty()) return std::nullopt;
  const auto middle = recent.begin() + static_cast<std::ptrdiff_t>(recent.size() / 2);
  std::nth_element(recent.begin(), middle, recent.end());
  if (recent.size() % 2 == 1) return *middle;
  const Duration upper = *middle;
  const Duration lower = *std::max_element(recent.begin(), middle);
  return lower + (upper - lower) / 2;
}

std::optional<QueueWait> queue_wait(const State& state, ChatIx chat_ix, Timestamp now) {
  const std::size_t position = queue_position(state, chat_ix);
  if (position == 0) return std::nullopt;
  const Chat& chat = state.chats[chat_ix];
  QueueWait out;
  out.position = position;
  out.waiting = state.groups[chat.group].queue.size();
  if (const auto typical = recent_typical_wait(state, chat.group, now)) {
    const Duration waited = std::max<Duration>(now - chat.enqueued_at, 0);
    const Duration left = std::max<Duration>(static_cast<Duration>(position) * *typical - waited, 0);
    out.estimated_wait = (left + kMinute - 1) / kMinute * kMinute;
  }
  return out;
}

std::optional<Timestamp> group_next_opening(const State& state, GroupIx group, Timestamp now) {
  if (!state.groups.contains(group)) return std::nullopt;
  const auto& hours = state.groups[group].settings.business_hours;
  if (!hours || is_open(*hours, now)) return std::nullopt;
  return next_opening(*hours, now);
}

}  // namespace parley
