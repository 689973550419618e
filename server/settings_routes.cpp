// A login's own settings, kept for the workspace (alert preferences and the like). The server keeps
// one JSON object per login without reading it; the workspace gives the fields their meaning.
//
//   GET /api/v1/me/settings            → 200 the object ({} when nothing was kept)
//   PUT /api/v1/me/settings  {object}  → 200 the object as kept (400 if not an object or over 4 KiB)
#include "errors.hpp"
#include "http_util.hpp"

namespace parley::server {

namespace {
constexpr std::size_t kMaxSettingsBytes = 4096;
}  // namespace

void register_settings_routes(App& app) {
  app.http->Get("/api/v1/me/settings", [&app](const httplib::Request& req, httplib::Response& res) {
    const auto p = require_auth(app, req, res);
    if (!p) return;
    const auto kept = app.users->settings(p->user_id);
    if (kept.failed()) return send_error(res, ServerError::unavailable, "the settings could not be read");
    const auto json = kept.ok() ? parse_json(*kept) : std::nullopt;
    send_json(res, 200, json && json->is_object() ? *json : Json::object());
  });
  app.http->Put("/api/v1/me/settings", [&app](const httplib::Request& req, httplib::Response& res) {
    const auto p = require_auth(app, req, res);
    if (!p) return;
    if (req.body.size() > kMaxSettingsBytes)
      return send_error(res, ServerError::too_large, "settings are at most 4096 bytes of JSON");
    const auto body = read_json_body(req, res);
    if (!body) return;
    if (!body->is_object()) return send_error(res, ServerError::bad_command, "settings must be a JSON object");
    if (!app.users->set_settings(p->user_id, body->dump()).ok())
      return send_error(res, ServerError::unavailable, "the settings could not be stored");
    send_json(res, 200, *body);
  });
}

}  // namespace parley::server
