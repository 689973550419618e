// What a waiting customer is told: their place in the group's queue, an estimated wait from the
// group's recent waits, and when a closed group next opens. Pure; `now` is the caller's time.
#pragma once
#include <cstddef>
#include <optional>

#include "model.hpp"

namespace parley {

// How many recent waits the estimate looks at, and how far back.
constexpr std::size_t kEstimateSamples = 20;
constexpr Duration kEstimateWindow = 24 * kHour;

struct QueueWait {
  std::size_t position = 0;  // 1-based place in the group's queue, in the queue's own order
  std::size_t waiting = 0;   // sessions waiting in the group
  // Whole minutes, rounded up (0: any moment now); nullopt: no recent waits to go by.
  std::optional<Duration> estimated_wait;
};

// 1-based place of a waiting chat among its group's waiting sessions; 0 when it is not waiting.
std::size_t queue_position(const State& state, ChatIx chat);

// The typical wait of the group: the median of its last kEstimateSamples waits (queue to agent)
// measured within kEstimateWindow before `now`; nullopt when there are none.
std::optional<Duration> recent_typical_wait(const State& state, GroupIx group, Timestamp now);

// nullopt when the chat is not waiting. The estimate is position × typical wait, less what the
// chat has waited already, rounded up to whole minutes and never below 0.
std::optional<QueueWait> queue_wait(const State& state, ChatIx chat, Timestamp now);

// When the group's business hours next open, if they are closed at `now`; nullopt when the group
// has no hours or they are open (then only its agents' presence decides whether it is online).
std::optional<Timestamp> group_next_opening(const State& state, GroupIx group, Timestamp now);

}  // namespace parley
