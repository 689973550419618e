// The workspace API: commands, agent stats/queue/counters/session lists, chat views, search (the FTS5
// index, search_index.hpp), resource-style chat actions, and the manual test clock.
#include <algorithm>

#include "attachment_routes.hpp"
#include "http_util.hpp"
#include "permissions.hpp"
#include "stats.hpp"
#include "text_fold.hpp"
#include "views.hpp"

namespace parley::server {

namespace {

using httplib::Request;
using httplib::Response;

const Error kNoLogin{ErrorCode::forbidden, "this login's agent is unknown or disabled"};

void execute(App& app, const Principal& p, Command command, Response& res,
             UnknownFiles unknown_files = UnknownFiles::refuse) {
  const auto refusal = app.desk->read([&](const State& state, Timestamp) -> std::optional<Error> {
    const auto login = login_of(state, p);
    return login ? may_submit(*login, state, command) : kNoLogin;
  });
  if (refusal) return send_refusal(res, *refusal);
  if (!resolve_attachments(app, command, unknown_files, res)) return;
  Reply reply = app.desk->submit(std::move(command), p.login);
  if (!reply_ok(reply, res)) return;
  send_json(res, 200, Json{{"events", std::move(reply.events)}});
}

Json chat_row(const State& state, const Chat& chat) {
  return Json{{"id", chat.id},
              {"number", chat.number},
              {"client", chat.client},
              {"channel", chat.channel},
              {"state", chat_state_name(chat.state)},
              {"group", state.groups[chat.group].id},
              {"assignee", chat.assignee == kNoIndex ? Json(nullptr) : Json(state.agents[chat.assignee].id)},
              {"unread", chat.unread},
              {"opened", chat.opened},
              {"last_activity", format_rfc3339(chat.last_activity)}};
}

std::size_t query_number(const Request& req, const char* name, std::size_t fallback, std::size_t cap) {
  if (!req.has_param(name)) return fallback;
  const std::string text = req.get_param_value(name);
  if (text.empty() || text.size() > 9 || !std::all_of(text.begin(), text.end(), ::isdigit)) return fallback;
  return std::min<std::size_t>(std::stoul(text), cap);
}

// Reads one agent-scoped view under the state lock after the checks every agent route shares.
template <class F>
void with_agent(App& app, const Request& req, Response& res, F&& view) {
  const auto p = require_auth(app, req, res);
  if (!p) return;
  const std::string id = req.path_params.at("id");
  app.desk->read([&](const State& state, Timestamp now) {
    const AgentIx agent = state.agent_ix(id);
    if (agent == kNoIndex) return send_error(res, ServerError::unknown_agent, "no agent " + id);
    const auto login = login_of(state, *p);
    if (!login || !may_view_agent(state, *login, agent)) return send_error(res, ServerError::forbidden, "not your agent");
    view(state, agent, now);
  });
}

// Builds a command from a resource-style call: the actor is the caller's agent (admins may name one).
std::optional<Actor> acting_as(const Principal& p, const Json& body, Response& res) {
  if (!p.agent.empty()) return Actor{ActorKind::agent, p.agent};
  const auto by = body.find("by");
  if (by != body.end() && by->is_string())
    if (auto actor = parse_actor(by->get<std::string>())) return actor;
  send_error(res, ServerError::bad_command, "this login is not an agent: say who acts with \"by\"");
  return std::nullopt;
}

void chat_action(App& app, const char* path, Command (*make)(const Request&, const Actor&, const Json&)) {
  app.http->Post(path, [&app, make](const Request& req, Response& res) {
    const auto p = require_auth(app, req, res);
    if (!p) return;
    const auto body = req.body.empty() ? std::optional<Json>(Json::object()) : read_json_body(req, res);
    if (!body) return;
    if (!idempotency_key(*body, "client_msg_id", kMaxStringBytes, res)) return;  // a wrong type: 400, not "no id"
    const auto actor = acting_as(*p, *body, res);
    if (!actor) return;
    execute(app, *p, make(req, *actor, *body), res);
  });
}

}  // namespace

void register_api_routes(App& app) {
  auto& http = *app.http;

  http.Post("/api/v1/commands", [&app](const Request& req, Response& res) {
    const auto p = require_auth(app, req, res);
    if (!p) return;
    const auto body = read_json_body(req, res);
    if (!body) return;
    const auto command = command_from_json(*body);
    if (!command) return send_refusal(res, command.error());
    execute(app, *p, command.value(), res, p->admin ? UnknownFiles::keep : UnknownFiles::refuse);
  });

  http.Get("/api/v1/agents/:id/stats", [&app](const Request& req, Response& res) {
    with_agent(app, req, res, [&](const State& state, AgentIx agent, Timestamp now) {
      send_json(res, 200, stats_to_json(agent_stats(state, agent, now)));
    });
  });
  http.Get("/api/v1/agents/:id/queue", [&app](const Request& req, Response& res) {
    with_agent(app, req, res, [&](const State& state, AgentIx agent, Timestamp) {
      Json ids = Json::array();
      for (ChatIx c : waiting_queue(state, agent)) ids.push_back(state.chats[c].id);
      send_json(res, 200, Json{{"queue", std::move(ids)}});
    });
  });
  http.Get("/api/v1/agents/:id/counters", [&app](const Request& req, Response& res) {
    with_agent(app, req, res, [&](const State& state, AgentIx agent, Timestamp) {
      send_json(res, 200, counters_to_json(counters(state, agent)));
    });
  });
  http.Get("/api/v1/agents/:id/sessions", [&app](const Request& req, Response& res) {
    const std::string view_name = req.has_param("view") ? req.get_param_value("view") : "mine";
    const auto view = parse_list_view(view_name);
    if (!view) return send_error(res, ServerError::bad_command, "view must be mine, queue, active or closed");
    const std::size_t offset = query_number(req, "offset", 0, 1u << 30);
    const std::size_t limit = query_number(req, "limit", 50, 500);
    with_agent(app, req, res, [&](const State& state, AgentIx agent, Timestamp) {
      const auto total = session_list_size(state, agent, *view);  // a page costs its rows, not the list
      if (!total) return send_refusal(res, total.error());
      const auto page = session_list_rows(state, agent, *view, offset, limit);
      if (!page) return send_refusal(res, page.error());
      Json rows = Json::array();
      for (ChatIx c : page.value()) rows.push_back(chat_row(state, state.chats[c]));
      send_json(res, 200, Json{{"view", view_name}, {"total", total.value()}, {"offset", offset}, {"chats", rows}});
    });
  });

  http.Get("/api/v1/chats/:id", [&app](const Request& req, Response& res) {
    const auto p = require_auth(app, req, res);
    if (!p) return;
    const std::string id = req.path_params.at("id");
    answer_readable_chat(app, *p, id, res, [&](const State& state, const Login&, const Chat& chat) {
      Json out{{"chat", id}};
      const Json body = chat_to_json(state, chat, ChatDetail::with_timeline);
      for (auto it = body.begin(); it != body.end(); ++it) out[it.key()] = it.value();
      send_json(res, 200, out);
    });
  });

  // The index answers first, outside the State's lock; the State then says what the caller may read,
  // before the cut to 100 rows.
  http.Get("/api/v1/search", [&app](const Request& req, Response& res) {
    const auto p = require_auth(app, req, res);
    if (!p) return;
    const std::string text = req.get_param_value("q");
    if (text.empty() || text.size() > 256) return send_error(res, ServerError::bad_command, "q must be 1–256 characters");
    const std::string named = req.get_param_value("agent");
    const bool in_chat = req.has_param("chat");
    const std::string chat_id = req.get_param_value("chat");
    const std::string needle = fold_for_search(text);
    SearchIndex& index = app.store->search;
    // The groups the agent may read narrow the index's answer (unless that is every group).
    std::optional<std::vector<std::string>> groups;
    const bool known = app.desk->read([&](const State& state, Timestamp) {
      const auto login = login_of(state, *p);
      const AgentIx agent = login ? search_agent(state, *login, named) : kNoIndex;
      if (agent == kNoIndex) return false;
      std::vector<std::string> readable;
      for (GroupIx g : state.groups.indices())
        if (may_read(state.agents[agent], g)) readable.push_back(state.groups[g].id);
      if (readable.size() < state.groups.size()) groups = std::move(readable);
      return true;
    });
    if (!known) return send_error(res, ServerError::bad_command, "search runs as an agent: pass agent=");
    const auto found = in_chat ? index.messages(chat_id, needle) : index.chats_named(needle, groups ? &*groups : nullptr);
    const auto name = in_chat ? index.name_matches(chat_id, needle) : Stored<bool>::done(false);
    if (!found.ok() || !name.ok()) return send_error(res, ServerError::unavailable, "the search index cannot be read");
    app.desk->read([&](const State& state, Timestamp) {
      const auto login = login_of(state, *p);
      const AgentIx agent = login ? search_agent(state, *login, named) : kNoIndex;
      if (agent == kNoIndex) return send_error(res, ServerError::bad_command, "search runs as an agent: pass agent=");
      if (in_chat) {
        const Chat* chat = state.find_chat(chat_id);
        if (!chat || !may_read(state.agents[agent], chat->group))
          return send_error(res, ServerError::unknown_chat, "no such chat");
        Json ids = Json::array();
        for (const std::string& id : *found)
          if (chat->message_index.contains(id)) ids.push_back(id);
        return send_json(res, 200, Json{{"chat", chat->id}, {"name_matches", *name}, {"messages", ids}});
      }
      std::vector<RecentEntry> readable;
      for (const std::string& id : *found) {
        const ChatIx c = state.chat_ix(id);
        if (c == kNoIndex) continue;  // committed to the log, not applied yet
        const Chat& chat = state.chats[c];
        if (!chat.forgotten && may_read(state.agents[agent], chat.group))
          readable.push_back(RecentEntry{chat.last_activity, chat.number, c});
      }
      const std::size_t shown = std::min<std::size_t>(readable.size(), 100);
      std::partial_sort(readable.begin(), readable.begin() + static_cast<std::ptrdiff_t>(shown), readable.end());
      Json rows = Json::array();
      for (std::size_t i = 0; i < shown; ++i) rows.push_back(chat_row(state, state.chats[readable[i].chat]));
      send_json(res, 200, Json{{"chats", rows}});
    });
  });

  http.Put("/api/v1/agents/:id/status", [&app](const Request& req, Response& res) {
    const auto p = require_auth(app, req, res);
    if (!p) return;
    const auto body = read_json_body(req, res);
    if (!body) return;
    Json command{{"type", "agent.set_status"}, {"agent", req.path_params.at("id")}, {"status", string_field(*body, "status")}};
    const auto parsed = command_from_json(command);
    if (!parsed) return send_refusal(res, parsed.error());
    execute(app, *p, parsed.value(), res);
  });

  chat_action(app, "/api/v1/chats/:id/messages", [](const Request& req, const Actor& by, const Json& body) {
    const std::string& chat = req.path_params.at("id");
    return Command{SendMessage{chat, by, string_field(body, "text"), string_field(body, "client_msg_id"),
                               attachment_ids(body)}};
  });
  chat_action(app, "/api/v1/chats/:id/accept", [](const Request& req, const Actor& by, const Json&) {
    const std::string& chat = req.path_params.at("id");
    return Command{AcceptChat{chat, by.id}};
  });
  chat_action(app, "/api/v1/chats/:id/read", [](const Request& req, const Actor& by, const Json&) {
    const std::string& chat = req.path_params.at("id");
    return Command{MarkChatRead{chat, by.id}};
  });
  // The wanted priority is read as the command's own field, so a wrong value is refused as the core words it.
  http.Post("/api/v1/chats/:id/priority", [&app](const Request& req, Response& res) {
    const auto p = require_auth(app, req, res);
    if (!p) return;
    const auto body = read_json_body(req, res);
    if (!body) return;
    const auto actor = acting_as(*p, *body, res);
    if (!actor) return;
    const Json priority = body->contains("priority") ? (*body)["priority"] : Json();
    const auto command = command_from_json(Json{{"type", "chat.set_priority"}, {"chat", req.path_params.at("id")},
                                                {"priority", priority}, {"by", actor_text(*actor)}});
    if (!command) return send_refusal(res, command.error());
    execute(app, *p, command.value(), res);
  });
  chat_action(app, "/api/v1/chats/:id/pause", [](const Request& req, const Actor& by, const Json&) {
    const std::string& chat = req.path_params.at("id");
    return Command{PauseChat{chat, by}};
  });
  chat_action(app, "/api/v1/chats/:id/resume", [](const Request& req, const Actor& by, const Json&) {
    const std::string& chat = req.path_params.at("id");
    return Command{ResumeChat{chat, by}};
  });
  chat_action(app, "/api/v1/chats/:id/close", [](const Request& req, const Actor& by, const Json& body) {
    const std::string& chat = req.path_params.at("id");
    Actor actor = by;
    if (string_field(body, "method") == "manual" && actor.kind == ActorKind::agent) actor.kind = ActorKind::manual;
    return Command{CloseChat{chat, actor}};
  });
  chat_action(app, "/api/v1/chats/:id/reopen", [](const Request& req, const Actor& by, const Json&) {
    const std::string& chat = req.path_params.at("id");
    return Command{ReopenChat{chat, by}};
  });
  chat_action(app, "/api/v1/chats/:id/transfer", [](const Request& req, const Actor& by, const Json& body) {
    const std::string& chat = req.path_params.at("id");
    return Command{TransferChat{chat, by, string_field(body, "to_agent"), string_field(body, "to_group"), string_field(body, "reason")}};
  });
  chat_action(app, "/api/v1/chats/:id/assign", [](const Request& req, const Actor& by, const Json& body) {
    const std::string& chat = req.path_params.at("id");
    return Command{AssignChat{chat, string_field(body, "agent"), by}};
  });
  chat_action(app, "/api/v1/chats/:id/messages/:message/resend", [](const Request& req, const Actor& by, const Json&) {
    return Command{ResendMessage{req.path_params.at("id"), req.path_params.at("message"), by}};
  });

  http.Post("/api/v1/clock", [&app](const Request& req, Response& res) {
    if (app.clock.mode() != Clock::Mode::manual) return send_error(res, ServerError::not_found, "no such route");
    const auto p = require_auth(app, req, res);
    if (!p) return;
    if (!p->admin) return send_error(res, ServerError::forbidden, "only admins move the clock");
    const auto body = read_json_body(req, res);
    if (!body) return;
    const auto to = parse_rfc3339(string_field(*body, "now"));
    if (!to) return send_error(res, ServerError::bad_command, "now must be an RFC 3339 time");
    if (!app.clock.set(*to)) return send_error(res, ServerError::bad_state, "the clock only moves forward");
    Reply reply = app.desk->submit(Tick{});
    if (reply.storage_failed) return send_error(res, ServerError::unavailable, "timer events could not be stored");
    send_json(res, 200, Json{{"now", format_rfc3339(app.clock.now())}, {"events", std::move(reply.events)}});
  });
}

}  // namespace parley::server
