// The Sessions screen's side of the App: asking for a page (the core query in the page in the demo,
// GET /api/v1/sessions on a server), its answer, the CSV download, and the screen in the test hook.
#include "app.hpp"
#include "report_source.hpp"
#include "session_wire.hpp"

namespace parley::web {

void App::sessions_frame() {
  SessionsUi& s = ui_.sessions;
  if (s.open && !shows_sessions(state_, state_.agent_ix(agent_id_))) s.open = false;
  if (!s.open) {
    s.want = false;
    s.download = false;
    return;
  }
  if (s.status == SessionsStatus::none) s.want = true;
  if (s.want) {
    s.want = false;
    ask_sessions();
  }
  if (s.download) {
    s.download = false;
    download_sessions();
  }
}

void App::ask_sessions() {
  SessionsUi& s = ui_.sessions;
  Result<SessionQuery> query = picked_sessions_query(s);
  if (!query) {
    s.status = SessionsStatus::failed;
    s.error = query.error().message;
    return;
  }
  s.query = query.value();
  if (mode_ == Mode::demo) {
    Result<SessionPage> page = sessions_in_page(state_, state_.agent_ix(agent_id_), s.query);
    if (!page) {
      s.status = SessionsStatus::failed;
      s.error = page.error().message;
      return;
    }
    show_sessions(s, std::move(page.value()));
    return;
  }
  s.status = SessionsStatus::loading;
  s.error.clear();
  s.awaiting = next_request_++;
  host_.get_report(s.awaiting, token_, sessions_route(s.query, false));
}

bool App::on_sessions_reply(std::uint64_t request, int status, std::string_view body) {
  SessionsUi& s = ui_.sessions;
  if (request == 0 || request != s.awaiting) return false;
  s.awaiting = 0;
  const auto json = status == 200 ? parse_json(body) : std::nullopt;
  Result<SessionPage> page = json ? session_page_from_json(*json)
                                  : Result<SessionPage>(fail(ErrorCode::bad_command, answer_error(status, body)));
  if (!page) {
    s.status = SessionsStatus::failed;
    s.error = page.error().message;
    return true;
  }
  show_sessions(s, std::move(page.value()));
  return true;
}

void App::download_sessions() {
  const SessionsUi& s = ui_.sessions;
  if (s.status != SessionsStatus::ready) return;
  if (mode_ == Mode::demo)
    host_.save_text("sessions.csv", "text/csv;charset=utf-8", sessions_csv_in_page(state_, state_.agent_ix(agent_id_), s.query));
  else host_.download(token_, sessions_route(s.query, true), "sessions.csv");
}

void App::sessions_snapshot(Json& out) {
  const SessionsUi& s = ui_.sessions;
  const char* status = s.status == SessionsStatus::ready     ? "ready"
                       : s.status == SessionsStatus::loading ? "loading"
                       : s.status == SessionsStatus::failed  ? "failed"
                                                             : "none";
  Json rows = Json::array();
  for (const SessionRow& row : s.data.rows) rows.push_back(row.id);
  out["sessions"] = Json{{"open", s.open},
                         {"status", status},
                         {"error", s.error},
                         {"params", session_query_to_params(s.query)},
                         {"route", sessions_route(s.query, false)},
                         {"total", s.data.total},
                         {"page", s.page},
                         {"rows", std::move(rows)},
                         {"computed", s.computed},
                         {"version", s.version}};
}

}  // namespace parley::web
