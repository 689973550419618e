// The Sessions app's query: every session a supervisor or admin may see, filtered, sorted by start or
// last activity and paged (offset and/or a cursor after the last row seen). Pure; no I/O.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model.hpp"
#include "permissions.hpp"
#include "result.hpp"

namespace parley {

constexpr std::size_t kDefaultSessionPage = 50;
constexpr std::size_t kMaxSessionPage = 500;

enum class SpamFilter : std::uint8_t { any, yes, no };
enum class SessionSort : std::uint8_t { started, last_activity };

// Every field narrows the result; an empty or absent field does not filter.
struct SessionFilter {
  std::string group;                  // group id
  std::string agent;                  // agent id: the session's agent (for a closed one, its last)
  std::optional<ChatState> state;
  std::string channel;                // channel name, compared case-folded
  std::string customer;               // case-folded substring of the customer (id or name)
  SpamFilter spam = SpamFilter::any;
  std::optional<Timestamp> from, to;  // started in [from, to)
  std::string text;                   // case-folded substring of one of its messages' texts
};

// Where a page starts: after the row with this sort key (start or last activity time) and number.
struct SessionCursor {
  Timestamp at = 0;
  std::int64_t number = 0;
  friend bool operator==(const SessionCursor&, const SessionCursor&) = default;
};

struct SessionQuery {
  SessionFilter filter;
  SessionSort sort = SessionSort::started;
  bool descending = true;
  std::optional<SessionCursor> after;
  std::size_t offset = 0;  // matching rows skipped (after the cursor, if any)
  std::size_t limit = kDefaultSessionPage;  // at most kMaxSessionPage
  bool count_total = true;  // false: `total` is not computed (an export's pages need no total)
};

struct SessionRow {
  std::string id;
  std::int64_t number = 0;
  std::string group, agent;  // agent: "" when it has none
  ChatState state = ChatState::queued;
  std::string channel, customer;
  Timestamp started = 0, last_activity = 0;
  std::size_t messages = 0;
  bool spam = false;
  friend bool operator==(const SessionRow&, const SessionRow&) = default;
};

struct SessionPage {
  std::vector<SessionRow> rows;
  std::size_t total = 0;               // sessions matching the filter, on every page
  std::optional<SessionCursor> next;   // where the next page starts; none after the last page
};

// Admins (any login with the admin role) see every session; supervisors the sessions of the groups
// they supervise; operators and readers may not search (forbidden).
std::optional<Error> may_search_sessions(const State& state, const Login& login);
bool may_see_session(const State& state, const Login& login, const Chat& chat);

// The page of `query`. Refused: a login that may not search (forbidden), a limit of 0 or above
// kMaxSessionPage, a range whose end is before its start, an unknown agent (bad_command), an unknown
// group (unknown_group) or a group the login does not supervise (forbidden).
// Start order is the State's table order (apply adds sessions as they start); last-activity order is
// the session lists' index, so a page costs its rows plus the sessions skipped on the way, and the
// total one pass over the sessions.
Result<SessionPage> find_sessions(const State& state, const Login& login, const SessionQuery& query);

SessionCursor session_cursor(const Chat& chat, SessionSort sort);

}  // namespace parley
