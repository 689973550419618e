// Who gets the Sessions screen, the query its filters make, and where its pages come from.
#include "sessions_state.hpp"

#include <algorithm>

#include "report_range.hpp"
#include "report_source.hpp"
#include "session_wire.hpp"

namespace parley::web {

namespace {

std::optional<Login> login_of(const State& state, AgentIx agent) {
  if (agent == kNoIndex || !state.agents.contains(agent)) return std::nullopt;
  return Login{agent, state.agents[agent].roles};
}

std::string trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

}  // namespace

bool shows_sessions(const State& state, AgentIx agent) {
  const auto login = login_of(state, agent);
  return login && !may_search_sessions(state, *login);
}

Result<SessionQuery> picked_sessions_query(const SessionsUi& ui) {
  SessionQuery query;
  SessionFilter& f = query.filter;
  f.group = ui.group;
  f.agent = trimmed(ui.agent);
  f.channel = trimmed(ui.channel);
  f.customer = trimmed(ui.customer);
  f.text = trimmed(ui.text);
  f.state = ui.state;
  f.spam = ui.spam;
  const std::string first = trimmed(ui.first_day), last = trimmed(ui.last_day);
  if (!first.empty()) {
    const auto day = parse_day(first);
    if (!day) return fail(ErrorCode::bad_command, "The first day is not a date (YYYY-MM-DD).");
    f.from = *day * kDay;
  }
  if (!last.empty()) {
    const auto day = parse_day(last);
    if (!day) return fail(ErrorCode::bad_command, "The last day is not a date (YYYY-MM-DD).");
    f.to = (*day + 1) * kDay;
  }
  if (f.from && f.to && *f.to <= *f.from) return fail(ErrorCode::bad_command, "The last day is before the first day.");
  query.sort = ui.sort;
  query.descending = ui.descending;
  query.limit = kSessionsPageRows;
  query.offset = ui.page * kSessionsPageRows;
  return query;
}

Result<SessionPage> sessions_in_page(const State& state, AgentIx viewer, const SessionQuery& query) {
  const auto login = login_of(state, viewer);
  if (!login) return fail(ErrorCode::forbidden, "Waiting for the desk.");
  return find_sessions(state, *login, query);
}

std::string sessions_csv_in_page(const State& state, AgentIx viewer, const SessionQuery& query) {
  std::string out = session_csv_header();
  const auto login = login_of(state, viewer);
  if (!login) return out;
  SessionQuery page_query = query;
  page_query.offset = 0;
  page_query.after.reset();
  page_query.limit = kMaxSessionPage;
  page_query.count_total = false;
  for (;;) {
    const auto page = find_sessions(state, *login, page_query);
    if (!page) return out;
    for (const SessionRow& row : page.value().rows) out += session_csv_line(row);
    if (!page.value().next) return out;
    page_query.after = page.value().next;
  }
}

std::string sessions_route(const SessionQuery& query, bool csv) {
  SessionQuery shown = query;
  if (csv) {
    shown.offset = 0;
    shown.after.reset();
    shown.limit = kDefaultSessionPage;
  }
  const Json params = session_query_to_params(shown);
  std::string route = csv ? "api/v1/sessions.csv" : "api/v1/sessions";
  char separator = '?';
  for (auto it = params.begin(); it != params.end(); ++it) {
    route += separator + it.key() + "=" + query_encode(it->get<std::string>());
    separator = '&';
  }
  return route;
}

void show_sessions(SessionsUi& ui, SessionPage page) {
  ui.data = std::move(page);
  ui.status = SessionsStatus::ready;
  ui.error.clear();
  ++ui.computed;
  ++ui.version;
}

std::size_t sessions_pages(const SessionsUi& ui) {
  return std::max<std::size_t>(1, (ui.data.total + kSessionsPageRows - 1) / kSessionsPageRows);
}

}  // namespace parley::web
