// The desk's scheduled timers: (subject, kind) → due, where a subject is a chat or a group.
// At most one deadline per key; entries come out in (due, key) order, so firing is deterministic.
#pragma once
#include <cstdint>
#include <set>
#include <tuple>
#include <unordered_map>
#include <variant>

#include "indexes.hpp"
#include "time.hpp"

namespace parley {

constexpr Timestamp kNever = INT64_MIN;

enum class TimerKind : std::uint8_t {
  close_silent,         // chat: no client answer after the agent spoke
  transfer_unanswered,  // chat: the client waits for the agent too long
  sla,                  // chat: a response deadline of the group's SLA
  group_opens,          // group: its business hours begin while routing is held outside them
  sla_resolution,       // chat: the SLA's deadline from start to close
  preference_ends,      // chat: a returning customer's session stops waiting for their last agent
};

using TimerSubject = std::variant<ChatIx, GroupIx>;

struct TimerKey {
  TimerSubject subject;
  TimerKind kind;
  // Chats before groups, then by index, then by kind (spelled out: not every standard library
  // this builds with compares variants with <=>).
  std::tuple<std::size_t, std::uint32_t, TimerKind> rank() const {
    return {subject.index(), std::visit([](auto ix) { return ix.value(); }, subject), kind};
  }
  friend bool operator<(const TimerKey& a, const TimerKey& b) { return a.rank() < b.rank(); }
  friend bool operator==(const TimerKey& a, const TimerKey& b) { return a.rank() == b.rank(); }
};

struct TimerEntry {
  Timestamp due;
  TimerKey key;
  friend bool operator<(const TimerEntry& a, const TimerEntry& b) {
    return a.due != b.due ? a.due < b.due : a.key < b.key;
  }
  friend bool operator==(const TimerEntry& a, const TimerEntry& b) { return a.due == b.due && a.key == b.key; }
};

struct TimerKeyHash {
  std::size_t operator()(const TimerKey& key) const noexcept {
    const std::uint64_t value = std::visit([](auto ix) { return std::uint64_t{ix.value()}; }, key.subject);
    return std::hash<std::uint64_t>{}(value << 16 | key.subject.index() << 8 | static_cast<std::uint64_t>(key.kind));
  }
};

class TimerBook {
 public:
  // kNever when the key has no deadline.
  Timestamp due(const TimerKey& key) const {
    const auto found = due_.find(key);
    return found == due_.end() ? kNever : found->second;
  }
  // Sets or moves the key's deadline; kNever removes it.
  void set(const TimerKey& key, Timestamp due) {
    const auto found = due_.find(key);
    if (found != due_.end()) {
      if (found->second == due) return;
      by_due_.erase(TimerEntry{found->second, key});
      if (due == kNever) {
        due_.erase(found);
        return;
      }
      found->second = due;
    } else {
      if (due == kNever) return;
      due_.emplace(key, due);
    }
    by_due_.insert(TimerEntry{due, key});
  }
  // The earliest entry, or nullptr when none is scheduled.
  const TimerEntry* earliest() const { return by_due_.empty() ? nullptr : &*by_due_.begin(); }
  bool empty() const { return by_due_.empty(); }
  std::size_t size() const { return by_due_.size(); }
  auto begin() const { return by_due_.begin(); }
  auto end() const { return by_due_.end(); }
  friend bool operator==(const TimerBook& a, const TimerBook& b) { return a.by_due_ == b.by_due_; }

 private:
  std::set<TimerEntry> by_due_;
  std::unordered_map<TimerKey, Timestamp, TimerKeyHash> due_;
};

}  // namespace parley
