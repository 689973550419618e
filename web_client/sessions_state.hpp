// The Sessions screen's state between frames: the filters as typed, the sort and page, what is shown
// (a page of the core's session query and its total), and what the view asks the App for. Who gets
// the screen, the query the filters make and the server routes that answer it are decided here. Pure.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "session_search.hpp"

namespace parley::web {

enum class SessionsStatus { none, loading, ready, failed };

constexpr std::size_t kSessionsPageRows = 25;

struct SessionsUi {
  bool open = false;        // the screen shows in place of the lists and the session
  std::string opened_over;  // the session open when it was shown: opening another one closes the screen
  // the filters as typed (days are YYYY-MM-DD, UTC, both included)
  std::string group, agent, channel, customer, text, first_day, last_day;
  std::optional<ChatState> state;
  SpamFilter spam = SpamFilter::any;
  SessionSort sort = SessionSort::started;
  bool descending = true;
  std::size_t page = 0;  // 0-based page of kSessionsPageRows rows
  // asked of the App by the view
  bool want = false;      // get the page again (opened, filters applied, page or order changed)
  bool download = false;  // save every matching session as CSV
  // what is shown
  SessionsStatus status = SessionsStatus::none;
  std::string error;
  std::string notice;  // about a row that could not be opened
  SessionQuery query;  // the query of what is shown (or being fetched)
  SessionPage data;
  std::uint64_t awaiting = 0;  // the request id of the page awaited from the server
  int computed = 0;            // pages shown (for tests)
  std::uint64_t version = 0;   // changes whenever the rows change
};

// Those who may search sessions in the core (admins, supervisors of some group) get the screen.
bool shows_sessions(const State& state, AgentIx agent);
// The filters, sort and page as the core's query; an error says which filter to fix.
Result<SessionQuery> picked_sessions_query(const SessionsUi& ui);
// The page computed in the page from the State (the offline demo), as the server computes it.
Result<SessionPage> sessions_in_page(const State& state, AgentIx viewer, const SessionQuery& query);
// The whole export computed in the page, page by page: the CSV the server's route would send.
std::string sessions_csv_in_page(const State& state, AgentIx viewer, const SessionQuery& query);
// The server's route for the query, relative to the page ("api/v1/sessions?…"); the CSV route carries
// the filters and order only.
std::string sessions_route(const SessionQuery& query, bool csv);
// Installs a page and clears the error.
void show_sessions(SessionsUi& ui, SessionPage page);
// The number of pages the total makes (at least 1).
std::size_t sessions_pages(const SessionsUi& ui);

}  // namespace parley::web
