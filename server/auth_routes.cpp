// Login, logout and "who am I".
#include "http_util.hpp"

namespace parley::server {

namespace {
Json principal_json(const Principal& p) {
  Json roles = Json::array();
  if (p.admin) roles.push_back("admin");
  if (p.supervisor) roles.push_back("supervisor");
  if (p.operator_) roles.push_back("operator");
  if (p.reader) roles.push_back("reader");
  return Json{{"login", p.login}, {"agent", p.agent.empty() ? Json(nullptr) : Json(p.agent)}, {"roles", roles}};
}
}  // namespace

void register_auth_routes(App& app) {
  app.http->Post("/api/v1/auth/login", [&app](const httplib::Request& req, httplib::Response& res) {
    const auto body = read_json_body(req, res);
    if (!body) return;
    const auto login = body->find("login");
    const auto password = body->find("password");
    if (login == body->end() || !login->is_string() || password == body->end() || !password->is_string())
      return send_error(res, ServerError::bad_command, "login and password are required strings");
    std::string token;
    switch (app.auth->login(login->get<std::string>(), password->get<std::string>(), req.remote_addr, wall_ms(),
                            token)) {
      case LoginResult::ok: {
        const auto principal = app.auth->authenticate(token, wall_ms());
        return send_json(res, 200, Json{{"token", token}, {"user", principal_json(*principal)}});
      }
      case LoginResult::rate_limited:
        res.set_header("Retry-After", "60");
        return send_error(res, ServerError::rate_limited, "too many failed logins; try again in a minute");
      case LoginResult::bad_credentials: return send_error(res, ServerError::unauthorized, "wrong login or password");
      case LoginResult::failed: return send_error(res, ServerError::unavailable, "could not store the session");
    }
  });
  app.http->Post("/api/v1/auth/logout", [&app](const httplib::Request& req, httplib::Response& res) {
    if (!require_auth(app, req, res)) return;
    if (!app.auth->logout(bearer_token(req)))
      return send_error(res, ServerError::unavailable, "could not end the session; try again");
    res.status = 204;
  });
  app.http->Get("/api/v1/me", [&app](const httplib::Request& req, httplib::Response& res) {
    if (const auto p = require_auth(app, req, res)) send_json(res, 200, principal_json(*p));
  });
}

}  // namespace parley::server
