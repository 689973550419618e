// The reports over REST: GET /api/v1/reports/{operators|live_chats}[.csv]?from=&to=[&group=][&zone=].
// The core answers from the committed State under the read lock; the rows the caller may see are the core's call.
#include "http_util.hpp"
#include "permissions.hpp"
#include "report_wire.hpp"

namespace parley::server {

namespace {

using httplib::Request;
using httplib::Response;

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
  Reports reports;
  app.desk->read([&](const State& state, Timestamp now) {
    const auto login = login_of(state, *p);
    if (!login) refusal = fail(ErrorCode::forbidden, "this login's agent is unknown or disabled");
    else if (!query.group.empty() && state.group_ix(query.group) == kNoIndex)
      refusal = fail(ErrorCode::unknown_group, "no group " + query.group);
    else reports = visible_reports(state, *login, compute_reports(state, query, now));
  });
  if (refusal) return send_refusal(res, *refusal);
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
