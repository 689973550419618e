// The event log as the desk sees it: append a batch at an expected position, read in order. The
// only way the desk touches the log; SQLite by default, an in-memory twin for tests. Thread-safe.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "search_update.hpp"

namespace parley::server {

struct StoredEvent {
  std::uint64_t seq;
  std::string json;
};

// An event as the log keeps it: its JSON and the keys it is read back by.
struct EventRecord {
  std::string json;
  std::int64_t at = 0;  // milliseconds since the epoch
  std::string type, chat, group, agent;
  std::string login;  // the signed-in login whose command made it; "" for timers, customers, channels
  SearchUpdate search;  // what it changes in the search index, written in the same transaction
};

struct AppendResult {
  enum class Outcome { appended, conflict, failed };
  Outcome outcome = Outcome::failed;
  std::uint64_t first_seq = 0;  // appended: the seq of the batch's first event (seqs are consecutive)
  std::string error;            // conflict or failed: why
  bool ok() const { return outcome == Outcome::appended; }
};

class EventStore {
 public:
  virtual ~EventStore() = default;
  // Appends the events in one durable step if the log's last seq is `expected_last_seq`; otherwise
  // appends nothing and answers conflict. A failure appends nothing either.
  virtual AppendResult append(std::uint64_t expected_last_seq, const std::vector<EventRecord>& records) = 0;
  // Up to `limit` events after `after_seq`, oldest first.
  virtual std::vector<StoredEvent> read(std::uint64_t after_seq, std::size_t limit) = 0;
  // The seq of the last event (0: empty).
  virtual std::uint64_t last_seq() = 0;
};

}  // namespace parley::server
