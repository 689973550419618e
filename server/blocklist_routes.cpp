// The blocklist and spam marks over REST (SPEC §11): admins list, add and remove block rules;
// supervisors of a session's group and admins mark it spam or unmark it. Every change is a core command
// naming who acts (agent:<id>, or login:<name> for a login without an agent).
//   GET    /api/v1/blocklist             → 200 {"rules":[…]}
//   POST   /api/v1/blocklist             {"id"?,"kind","value","channel"?,"match"?,"action"} → 201 {"rule"}
//   DELETE /api/v1/blocklist/{id}        → 204
//   POST   /api/v1/chats/{id}/spam       → 200 {"events"}      POST /api/v1/chats/{id}/unspam → 200 {"events"}
#include "http_util.hpp"
#include "permissions.hpp"
#include "webhook_common.hpp"

namespace parley::server {

namespace {

using httplib::Request;
using httplib::Response;

std::string staff_of(const Principal& p) { return p.agent.empty() ? "login:" + p.login : "agent:" + p.agent; }

std::optional<Principal> require_blocklist_admin(App& app, const Request& req, Response& res) {
  auto p = require_auth(app, req, res);
  if (p && !p->admin) {
    send_error(res, ServerError::forbidden, "only admins see and change the blocklist");
    return std::nullopt;
  }
  return p;
}

// Submits a blocklist or spam command after the permission check every command route makes.
std::optional<Reply> submit_as(App& app, const Principal& p, Command command, Response& res) {
  const auto refusal = app.desk->read([&](const State& state, Timestamp) -> std::optional<Error> {
    const auto login = login_of(state, p);
    if (!login) return Error{ErrorCode::forbidden, "this login's agent is unknown or disabled"};
    return may_submit(*login, state, command);
  });
  if (refusal) {
    send_refusal(res, *refusal);
    return std::nullopt;
  }
  Reply reply = app.desk->submit(std::move(command));
  if (!reply_ok(reply, res)) return std::nullopt;
  return reply;
}

httplib::Server::Handler spam_mark(App& app, bool spam) {
  return [&app, spam](const Request& req, Response& res) {
    const auto p = require_auth(app, req, res);
    if (!p) return;
    const std::string chat = req.path_params.at("id");
    const std::string by = staff_of(*p);
    Command command = spam ? Command{MarkSpam{chat, by}} : Command{UnmarkSpam{chat, by}};
    auto reply = submit_as(app, *p, std::move(command), res);
    if (reply) send_json(res, 200, Json{{"events", std::move(reply->events)}});
  };
}

}  // namespace

void register_blocklist_routes(App& app) {
  auto& http = *app.http;

  http.Get("/api/v1/blocklist", [&app](const Request& req, Response& res) {
    if (!require_blocklist_admin(app, req, res)) return;
    app.desk->read([&](const State& state, Timestamp) {
      Json rules = Json::array();
      for (const auto& [id, rule] : state.block_rules) rules.push_back(block_rule_to_json(rule));
      send_json(res, 200, Json{{"rules", std::move(rules)}});
    });
  });

  http.Post("/api/v1/blocklist", [&app](const Request& req, Response& res) {
    const auto p = require_blocklist_admin(app, req, res);
    if (!p) return;
    const auto body = read_json_body(req, res);
    if (!body) return;
    const auto id = optional_string(*body, "id", 64, res);
    if (!id) return;
    Json command{{"type", "blocklist.add"}, {"rule", id->empty() ? "r-" + random_hex(6) : *id}};
    for (const char* key : {"kind", "value", "channel", "match", "action"})
      if (const auto field = body->find(key); field != body->end()) command[key] = *field;
    command["by"] = staff_of(*p);
    const auto parsed = command_from_json(command);
    if (!parsed) return send_refusal(res, parsed.error());
    const std::string rule_id = std::get<AddBlockRule>(parsed.value()).rule.id;
    if (!submit_as(app, *p, parsed.value(), res)) return;
    app.desk->read([&](const State& state, Timestamp) {
      const auto found = state.block_rules.find(rule_id);
      if (found == state.block_rules.end()) return send_error(res, ServerError::internal, "the rule was not kept");
      send_json(res, 201, Json{{"rule", block_rule_to_json(found->second)}});
    });
  });

  http.Delete("/api/v1/blocklist/:id", [&app](const Request& req, Response& res) {
    const auto p = require_blocklist_admin(app, req, res);
    if (!p) return;
    if (!submit_as(app, *p, RemoveBlockRule{req.path_params.at("id"), staff_of(*p)}, res)) return;
    res.status = 204;
  });

  http.Post("/api/v1/chats/:id/spam", spam_mark(app, true));
  http.Post("/api/v1/chats/:id/unspam", spam_mark(app, false));
}

}  // namespace parley::server
