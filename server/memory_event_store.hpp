// The event log in memory: the EventStore twin that unit tests of the desk run against. It can be
// told to fail the next appends, to check that a failed commit changes nothing. Thread-safe.
#pragma once
#include <mutex>

#include "event_store.hpp"

namespace parley::server {

class MemoryEventStore final : public EventStore {
 public:
  AppendResult append(std::uint64_t expected_last_seq, const std::vector<EventRecord>& records) override;
  std::vector<StoredEvent> read(std::uint64_t after_seq, std::size_t limit) override;
  std::uint64_t last_seq() override { return size(); }
  // The next `count` appends fail (nothing is appended).
  void fail_next_appends(int count);
  std::size_t size();

 private:
  std::mutex mutex_;
  std::vector<std::string> events_;  // seq = position + 1
  int failures_ = 0;
};

}  // namespace parley::server
