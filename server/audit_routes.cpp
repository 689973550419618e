// The audit trail over REST, admins only:
//   GET /api/v1/audit?from=&to=&actor=&chat=&limit=&cursor=
//   → 200 {"entries":[{"at","actor","by","action","kind","record","chat","summary","source","seq"|"id"}],
//          "next_cursor": text or null}, newest first; 400 on a malformed parameter.
#include "audit_page.hpp"
#include "http_util.hpp"

namespace parley::server {

namespace {

Json entry_json(const AuditPageRow& row) {
  Json out = audit_row_to_json(row.row);
  out["source"] = row.place.record ? "record" : "event";
  out[row.place.record ? "id" : "seq"] = row.place.id;
  return out;
}

}  // namespace

void register_audit_routes(App& app) {
  app.http->Get("/api/v1/audit", [&app](const httplib::Request& req, httplib::Response& res) {
    const auto p = require_auth(app, req, res);
    if (!p) return;
    if (!p->admin) return send_error(res, ServerError::forbidden, "admins only");
    std::string values[6];
    const char* names[6] = {"from", "to", "actor", "chat", "limit", "cursor"};
    for (int i = 0; i < 6; ++i) {
      if (req.get_param_value_count(names[i]) > 1)
        return send_error(res, ServerError::bad_command, std::string(names[i]) + " is given more than once");
      values[i] = req.get_param_value(names[i]);
      if (values[i].size() > kMaxStringBytes)
        return send_error(res, ServerError::bad_command, std::string(names[i]) + " is too long");
    }
    const auto query = audit_query(AuditQueryText{values[0], values[1], values[2], values[3], values[4], values[5]});
    if (!query) return send_refusal(res, query.error());
    const auto page = audit_page(*app.audit, query.value());
    if (!page.ok()) return send_store_failure(res, "the audit trail could not be read", page);
    Json entries = Json::array();
    for (const AuditPageRow& row : page->rows) entries.push_back(entry_json(row));
    send_json(res, 200,
              Json{{"entries", std::move(entries)},
                   {"next_cursor", page->next ? Json(cursor_text(*page->next)) : Json(nullptr)}});
  });
}

}  // namespace parley::server
