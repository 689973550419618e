// Presence of staff on a session (ephemeral; see docs/DECISIONS.md "Presence and typing"):
//
//   POST /api/v1/chats/:id/presence  {"state":"viewing"|"typing"|"noting"|"left"}
//        → 200 {"chat","state","ttl_ms","heard_by"}
// 400 a bad body or state; 404 a chat the caller may not see; 403 a login without an agent, or a
// reader typing; 429 more than a few signals a second from one token. Nothing is stored.
#include "errors.hpp"
#include "http_util.hpp"
#include "permissions.hpp"
#include "presence_signals.hpp"

namespace parley::server {

void register_presence_routes(App& app) {
  app.http->Post("/api/v1/chats/:id/presence", [&app](const httplib::Request& req, httplib::Response& res) {
    const auto p = require_auth(app, req, res);
    if (!p) return;
    const auto body = read_json_body(req, res);
    if (!body) return;
    const auto field = body->is_object() ? body->find("state") : body->end();
    if (!body->is_object() || field == body->end() || !field->is_string())
      return send_error(res, ServerError::bad_command, "state is required: viewing, typing, noting or left");
    const auto presence = presence_from_name(field->get<std::string>());
    if (!presence) return send_error(res, ServerError::bad_command, "state must be viewing, typing, noting or left");
    const std::string id = req.path_params.at("id");
    app.desk->read([&](const State& state, Timestamp) {
      const auto login = login_of(state, *p);
      const Chat* chat = state.find_chat(id);
      const ChatAccess access = chat && login ? chat_access(state, *login, *chat) : ChatAccess::none;
      if (login && login->agent == kNoIndex)
        return send_error(res, ServerError::forbidden, "presence is an agent's: this login has no agent");
      if (access == ChatAccess::none) return send_error(res, ServerError::unknown_chat, "no chat " + id);
      if (access != ChatAccess::work && (*presence == Presence::typing || *presence == Presence::noting))
        return send_error(res, ServerError::forbidden, "this login may read chat " + id + ", not write in it");
      if (!admit_presence_signal("staff|" + request_token(req)))
        return send_error(res, ServerError::rate_limited, "at most 4 presence signals a second");
      const std::size_t heard = signal_agent_presence(app, state, state.chat_ix(id), login->agent, *presence);
      send_json(res, 200, Json{{"chat", id}, {"state", std::string(presence_name(*presence))},
                               {"ttl_ms", presence_ttl(*presence)}, {"heard_by", heard}});
    });
  });
}

}  // namespace parley::server
