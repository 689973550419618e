// The Audit screen's state between frames: its filters as typed, the page shown (rows, where it
// starts, whether more follow), the request awaited from the server, and what the view asks for.
// The rows are the core's audit rows: read from REST on a server, made from the demo's log in the page.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "audit_entry.hpp"
#include "model.hpp"

namespace parley::web {

enum class AuditStatus { none, loading, ready, failed };

struct AuditUi {
  bool open = false;        // the screen shows in place of the lists and the session
  std::string opened_over;  // the session open when it was shown: opening another one closes the screen
  // the filters as typed: a UTC day (YYYY-MM-DD) or an RFC 3339 time; an actor; a session id
  std::string from, to, actor, chat;
  // asked of the App by the view
  bool want = false;     // read the first page with the filters (opened, Apply, Refresh)
  int step = 0;          // +1 the next page, -1 the previous one
  // what is shown
  AuditStatus status = AuditStatus::none;
  std::string error;
  std::vector<AuditRow> rows;           // newest first
  std::vector<std::string> page_starts; // cursor of each page shown so far ("" the first)
  std::string next_cursor;              // "" when no page follows
  std::uint64_t awaiting = 0;           // the request whose answer is the page
  int computed = 0;                     // pages installed (for tests)
  std::size_t log_events = 0;           // the demo's log size when its page was made
};

constexpr std::size_t kAuditPageRows = 50;

// On a server admins get the screen; in the offline demo, whose desk is the user's own, everyone.
bool shows_audit(const State& state, AgentIx agent, bool demo);

// The filters as the core reads them; an error names the field to fix.
Result<AuditFilter> typed_filter(const AuditUi& ui);

// GET route (relative to the page) of the page starting at `cursor`.
std::string audit_route(const AuditFilter& filter, const std::string& cursor);

// Reads a page of GET /api/v1/audit into rows and the next cursor.
Result<std::vector<AuditRow>> audit_page_from_json(const Json& body, std::string& next_cursor);

// One page of the demo's log, newest first: rows matching `filter`, skipping `skip` of them; `more` tells
// whether rows follow. The demo has no logins: each row's actor is the event's own.
std::vector<AuditRow> audit_page_in_page(const Events& log, const AuditFilter& filter, std::size_t skip,
                                         std::size_t count, bool& more);

// The screen's content for the accessible mirror and the test hook.
Json audit_snapshot_json(const AuditUi& ui);

}  // namespace parley::web
