// The Sessions app over REST: GET /api/v1/sessions (a page as JSON) and /api/v1/sessions.csv (every
// matching row, streamed page by page, each page read under the read lock alone). Rules are the core's.
#include <memory>

#include "auth.hpp"
#include "http_util.hpp"
#include "permissions.hpp"
#include "session_wire.hpp"

namespace parley::server {

namespace {

using httplib::Request;
using httplib::Response;

// The request's query parameters as the JSON object session_query_from_params reads; a repeated
// parameter is refused (which value was meant is unclear).
std::optional<Json> params_of(const Request& req, Response& res) {
  Json params = Json::object();
  for (const auto& [key, value] : req.params) {
    if (params.contains(key)) {
      send_error(res, ServerError::bad_command, "parameter '" + key + "' is given more than once");
      return std::nullopt;
    }
    params[key] = value;
  }
  return params;
}

// One page of the query for the caller as the desk now is; a refusal when the caller may not.
Result<SessionPage> page_for(App& app, const Principal& principal, const SessionQuery& query) {
  return app.desk->read([&](const State& state, Timestamp) -> Result<SessionPage> {
    const auto login = login_of(state, principal);
    if (!login) return fail(ErrorCode::forbidden, "this login's agent is unknown or disabled");
    return find_sessions(state, *login, query);
  });
}

void answer_page(App& app, const Request& req, Response& res) {
  const auto principal = require_auth(app, req, res);
  if (!principal) return;
  const auto params = params_of(req, res);
  if (!params) return;
  const auto query = session_query_from_params(*params);
  if (!query) return send_refusal(res, query.error());
  const auto page = page_for(app, *principal, query.value());
  if (!page) return send_refusal(res, page.error());
  send_json(res, 200, session_page_to_json(page.value()));
}

// What one export remembers between pages: the query, moved along by each page's cursor.
struct Export {
  Principal principal;
  SessionQuery query;
  bool header_sent = false;
};

void answer_csv(App& app, const Request& req, Response& res) {
  const auto principal = require_auth(app, req, res);
  if (!principal) return;
  const auto params = params_of(req, res);
  if (!params) return;
  for (const char* paging : {"offset", "limit", "after"})
    if (params->contains(paging))
      return send_error(res, ServerError::bad_command,
                        std::string("parameter '") + paging + "' does not apply: the export holds every matching session");
  auto query = session_query_from_params(*params);
  if (!query) return send_refusal(res, query.error());
  auto job = std::make_shared<Export>();
  job->principal = *principal;
  job->query = query.value();
  job->query.limit = kMaxSessionPage;
  job->query.count_total = false;
  // Refusals (permissions, unknown group or agent) are answered before the first byte.
  SessionQuery probe = job->query;
  probe.limit = 1;
  if (const auto checked = page_for(app, *principal, probe); !checked) return send_refusal(res, checked.error());
  res.status = 200;
  res.set_header("Content-Disposition", "attachment; filename=\"sessions.csv\"");
  res.set_header("Cache-Control", "no-store");
  res.set_chunked_content_provider("text/csv; charset=utf-8", [&app, job](std::size_t, httplib::DataSink& sink) {
    std::string out;
    if (!job->header_sent) {
      out = session_csv_header();
      job->header_sent = true;
    }
    const auto page = page_for(app, job->principal, job->query);
    if (!page) return false;  // the login lost its right mid-export: the download ends incomplete
    for (const SessionRow& row : page.value().rows) out += session_csv_line(row);
    if (!out.empty() && !sink.write(out.data(), out.size())) return false;
    if (!page.value().next) sink.done();
    else job->query.after = page.value().next;
    return true;
  });
}

}  // namespace

void register_session_routes(App& app) {
  app.http->Get("/api/v1/sessions", [&app](const Request& req, Response& res) { answer_page(app, req, res); });
  app.http->Get("/api/v1/sessions.csv", [&app](const Request& req, Response& res) { answer_csv(app, req, res); });
}

}  // namespace parley::server
