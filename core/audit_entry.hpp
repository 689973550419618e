// The audit trail's rows: one logged event (or one change of a server record) as who did what, when,
// to which record, with a short summary that never holds message or note text, passwords or secrets.
#pragma once
#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include "events.hpp"
#include "result.hpp"
#include "time.hpp"
#include "wire.hpp"

namespace parley {

struct AuditRow {
  Timestamp at = 0;
  // Who: the login that asked for it when that is known, else the event's own actor; "" when neither
  // names anyone (desk configuration logged without its login).
  std::string actor;
  // The event's own actor: "agent:<id>", "client", "bot:<name>", "process", "automatic", "channel"; ""
  // where the event names none. Empty for record changes.
  std::string by;
  std::string action;        // the event's type ("chat.closed") or "<kind>.<create|update|delete|…>"
  std::string kind, record;  // what it is about: "chat", "agent", "group", "desk", "sla_policy", "user", …
  std::string chat;          // the session it concerns, "" when none
  std::string summary;
};

// The row of one logged event; `login` is the login whose command made it ("" when not recorded).
AuditRow audit_row(const Event& event, std::string_view login = {});

struct AuditFilter {
  Timestamp from = 0, to = std::numeric_limits<Timestamp>::max();  // [from, to)
  std::string actor;  // a login, an actor ("agent:ann", "client", "process") or an agent id; "" any
  std::string chat;   // "" any
};

// Reads the filter's texts (RFC 3339 times, ids); empty text means no bound. `from` after `to` or a time
// that is not RFC 3339 is bad_command.
Result<AuditFilter> audit_filter(std::string_view from, std::string_view to, std::string_view actor,
                                 std::string_view chat);
bool audit_matches(const AuditRow& row, const AuditFilter& filter);

// {"at","actor","by","action","kind","record","chat","summary"}, "chat"/"by" null when empty.
Json audit_row_to_json(const AuditRow& row);
Result<AuditRow> audit_row_from_json(const Json& json);

}  // namespace parley
