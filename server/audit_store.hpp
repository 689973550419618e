// The audit trail as stored: the event log read newest first with the login of each event's command,
// and the record_changes rows the database's triggers write (audit_schema.hpp). Reads only.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "audit_entry.hpp"
#include "store_result.hpp"

namespace parley::server {

// A row's place in the trail, newest first: by time, then record changes before events of the same
// millisecond, then by seq or id. Rows strictly after a cursor come on the next page.
struct AuditCursor {
  Timestamp at = 0;
  bool record = false;  // a record change (else an event)
  std::int64_t id = 0;  // the record change's id or the event's seq
};

struct LoggedEvent {
  std::int64_t seq = 0;
  Timestamp at = 0;
  std::string json, login;  // login: "" when the event was not made by a signed-in login's command
};

struct RecordChange {
  std::int64_t id = 0;
  AuditRow row;
};

class AuditStore {
 public:
  virtual ~AuditStore() = default;
  // Up to `limit` events in [from, to) (of `chat` when not empty) after `cursor`, newest first.
  virtual Stored<std::vector<LoggedEvent>> events(Timestamp from, Timestamp to, const std::string& chat,
                                                  const std::optional<AuditCursor>& cursor, std::size_t limit) = 0;
  // Up to `limit` record changes in [from, to) by `actor` (any when empty) after `cursor`, newest first.
  virtual Stored<std::vector<RecordChange>> changes(Timestamp from, Timestamp to, const std::string& actor,
                                                    const std::optional<AuditCursor>& cursor, std::size_t limit) = 0;
};

}  // namespace parley::server
