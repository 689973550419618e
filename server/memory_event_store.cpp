// An in-memory event log with the same append contract as the SQLite one.
#include "memory_event_store.hpp"

namespace parley::server {

AppendResult MemoryEventStore::append(std::uint64_t expected_last_seq, const std::vector<EventRecord>& records) {
  std::lock_guard lock(mutex_);
  AppendResult result;
  if (failures_ > 0) {
    --failures_;
    result.error = "the store was told to fail";
    return result;
  }
  if (expected_last_seq != events_.size()) {
    result.outcome = AppendResult::Outcome::conflict;
    result.error = "the log is at " + std::to_string(events_.size()) + ", not " + std::to_string(expected_last_seq);
    return result;
  }
  result.outcome = AppendResult::Outcome::appended;
  result.first_seq = events_.size() + 1;
  for (const EventRecord& record : records) events_.push_back(record.json);
  return result;
}

std::vector<StoredEvent> MemoryEventStore::read(std::uint64_t after_seq, std::size_t limit) {
  std::lock_guard lock(mutex_);
  std::vector<StoredEvent> out;
  for (std::uint64_t seq = after_seq + 1; seq <= events_.size() && out.size() < limit; ++seq)
    out.push_back(StoredEvent{seq, events_[seq - 1]});
  return out;
}

void MemoryEventStore::fail_next_appends(int count) {
  std::lock_guard lock(mutex_);
  failures_ = count;
}

std::size_t MemoryEventStore::size() {
  std::lock_guard lock(mutex_);
  return events_.size();
}

}  // namespace parley::server
