// The reports over REST: GET /api/v1/reports/{operators|live_chats}[.csv]?from=&to=[&group=][&zone=].
// The core folds the committed log up to one position; the rows the caller may see are the core's call.
#include "http_util.hpp"
#include "permissions.hpp"
#include "report_wire.hpp"

namespace parley::server {

namespace {

using httplib::Request;
using httplib::Response;

constexpr std::size_t kPage = 5000;

// Folds the stored log up to `last_seq` into `builder`; false when an event cannot be read back.
bool fold_log(App& app, std::uint64_t last_seq, ReportBuilder& builder) {
  std::uint64_t after = 0;
  while (after < last_seq) {
    const auto page = app.store->read(after, kPage);
    if (page.empty()) return false;
    for (const StoredEvent& stored : page) {
      if (stored.seq > last_seq) return true;
      const auto json = parse_json(stored.json);
      const auto event = json ? event_from_json(*json) : Result<Event>(fail(ErrorCode::bad_command, "unreadable"));
      if (!event) return false;
      builder.feed(event.value());
      after = stored.seq;
    }
  }
  return true;
}

void answer_report(App& app, const Request& req, Response& res, ReportKind kind, bool csv) {
  const auto p = require_auth(app, req, res);
  if (!p) return;
  Json params = Json{{"report", report_kind_name(kind)}};
  for (const char* key : {"from", "to", "group", "zone"})
    if (req.has_param(key)) params[key] = req.get_param_value(key);
  const auto request = report_request_from_json(params);
  if (!request) return send_refusal(res, request.error());
  const ReportQuery& query = request.value().query;
  std::optional<Error> refusal;
  const std::uint64_t last_seq = app.desk->read_at_seq([&](const State& state, std::uint64_t seq) {
    if (!login_of(state, *p)) refusal = fail(ErrorCode::forbidden, "this login's agent is unknown or disabled");
    else if (!query.group.empty() && state.group_ix(query.group) == kNoIndex)
      refusal = fail(ErrorCode::unknown_group, "no group " + query.group);
    return seq;
  });
  if (refusal) return send_refusal(res, *refusal);
  ReportBuilder builder(query, app.clock.now());
  if (!fold_log(app, last_seq, builder)) return send_error(res, ServerError::unavailable, "the event log could not be read");
  Reports reports = builder.finish();
  app.desk->read([&](const State& state, Timestamp) {
    const auto login = login_of(state, *p);
    reports = login ? visible_reports(state, *login, std::move(reports)) : Reports{};
  });
  if (!csv) return send_json(res, 200, report_to_json(kind, query, reports));
  res.status = 200;
  res.set_header("Content-Disposition", std::string("attachment; filename=\"") + report_kind_name(kind) + ".csv\"");
  res.set_content(report_to_csv(kind, reports), "text/csv; charset=utf-8");
}

}  // namespace

void register_report_routes(App& app) {
  const auto answer = [&app](ReportKind kind, bool csv) {
    return [&app, kind, csv](const Request& req, Response& res) { answer_report(app, req, res, kind, csv); };
  };
  app.http->Get("/api/v1/reports/operators", answer(ReportKind::operators, false));
  app.http->Get("/api/v1/reports/operators.csv", answer(ReportKind::operators, true));
  app.http->Get("/api/v1/reports/live_chats", answer(ReportKind::live_chats, false));
  app.http->Get("/api/v1/reports/live_chats.csv", answer(ReportKind::live_chats, true));
}

}  // namespace parley::server
