// The Reports screen's side of the App: asking for the reports (computed in the page in the demo,
// fetched from REST on a server), their answers, CSV downloads, and the screen in the test hook.
#include "app.hpp"
#include "report_source.hpp"

namespace parley::web {

namespace {

constexpr Duration kDemoReportsEvery = 5 * kSecond;  // wall time between recomputing an open screen in the demo

}  // namespace

void App::reports_frame() {
  ReportsUi& r = ui_.reports;
  if (r.open && !shows_reports(state_, state_.agent_ix(agent_id_))) r.open = false;
  if (!r.open) {
    r.want = false;
    r.download.reset();
    return;
  }
  const Timestamp wall = host_.wall_ms();
  if (mode_ == Mode::demo && demo_ && r.status == ReportsStatus::ready && demo_->log().size() != r.log_events &&
      wall - r.made_wall >= kDemoReportsEvery)
    r.want = true;
  if (r.status == ReportsStatus::none) r.want = true;
  if (r.want) {
    r.want = false;
    ask_reports();
  }
  if (r.download) {
    const ReportKind kind = *r.download;
    r.download.reset();
    download_report(kind);
  }
}

void App::ask_reports() {
  ReportsUi& r = ui_.reports;
  r.made_wall = host_.wall_ms();
  const Timestamp at = now();
  Result<ReportQuery> query = picked_query(r, at);
  if (!query) {
    r.status = ReportsStatus::failed;
    r.error = query.error().message;
    return;
  }
  r.query = query.value();
  if (mode_ == Mode::demo) {
    if (!demo_) return;
    show_reports(r, state_, reports_in_page(state_, state_.agent_ix(agent_id_), r.query, at), at);
    r.log_events = demo_->log().size();
    return;
  }
  r.status = ReportsStatus::loading;
  r.error.clear();
  r.incoming = Reports{};
  for (ReportKind kind : {ReportKind::operators, ReportKind::live_chats}) {
    const std::uint64_t request = next_request_++;
    r.awaiting[report_index(kind)] = request;
    host_.get_report(request, token_, report_route(kind, r.query, false));
  }
}

void App::on_report_reply(std::uint64_t request, int status, std::string_view body) {
  if (on_sessions_reply(request, status, body)) return;
  if (on_audit_reply(request, status, body)) return;
  if (request == 0) {
    set_notice("The CSV could not be downloaded: " + answer_error(status, body));
    return;
  }
  ReportsUi& r = ui_.reports;
  for (ReportKind kind : {ReportKind::operators, ReportKind::live_chats}) {
    const std::size_t i = report_index(kind);
    if (request == 0 || r.awaiting[i] != request) continue;
    r.awaiting[i] = 0;
    const auto json = status == 200 ? parse_json(body) : std::nullopt;
    Result<Reports> answer = json ? reports_from_json(kind, *json)
                                  : Result<Reports>(fail(ErrorCode::bad_command, answer_error(status, body)));
    if (!answer) {
      r.awaiting[0] = r.awaiting[1] = 0;
      r.status = ReportsStatus::failed;
      r.error = answer.error().message;
      return;
    }
    if (kind == ReportKind::operators) r.incoming.operators = std::move(answer.value().operators);
    else r.incoming.live_chats = std::move(answer.value().live_chats);
    if (r.awaiting[0] == 0 && r.awaiting[1] == 0) show_reports(r, state_, std::move(r.incoming), now());
    return;
  }
}

void App::download_report(ReportKind kind) {
  const ReportsUi& r = ui_.reports;
  if (r.status != ReportsStatus::ready) return;
  const std::string name = report_file_name(kind, r.query);
  if (mode_ == Mode::demo) host_.save_text(name, "text/csv;charset=utf-8", report_to_csv(kind, r.data));
  else host_.download(token_, report_route(kind, r.query, true), name);
}

void App::reports_snapshot(Json& out) {
  const ReportsUi& r = ui_.reports;
  const char* status = r.status == ReportsStatus::ready     ? "ready"
                       : r.status == ReportsStatus::loading ? "loading"
                       : r.status == ReportsStatus::failed  ? "failed"
                                                            : "none";
  Json rows = Json::object();
  for (ReportKind kind : {ReportKind::operators, ReportKind::live_chats}) {
    Json keys = Json::array();
    for (const ReportRow& row : r.rows[report_index(kind)]) keys.push_back(row.key);
    rows[report_kind_name(kind)] = std::move(keys);
  }
  out["reports"] = Json{{"open", r.open},          {"status", status},
                        {"error", r.error},        {"from", format_rfc3339(r.query.from)},
                        {"to", format_rfc3339(r.query.to)},
                        {"group", r.query.group},  {"computed", r.computed},
                        {"rows", std::move(rows)}, {"version", r.version},
                        {"as_of", format_rfc3339(r.as_of)}, {"log_events", r.log_events}};
}

}  // namespace parley::web
