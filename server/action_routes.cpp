// Support agent actions over REST: admins define actions and the endpoint allowlist (kept in the
// ActionStore, outside the event log; header values are never answered, not even to admins); staff who
// work sessions list what they may run and run one on a session they may work. A run is stored as
// action.started before the answer, then the worker (action_worker.hpp) calls the endpoint and stores
// action.finished.
//
//   GET    /api/v1/actions               → 200 {"actions":[…]}: admins {"id","name","fields","endpoint","method",
//                                          "headers":{"Name":"********"}}; operators and supervisors {"id","name","fields"}
//   GET    /api/v1/actions/:id           → 200 one action, the same forms (404 unknown_action)
//   POST   /api/v1/actions               {"id"?,"name","fields"?,"endpoint","method"?,"headers"?} → 201 (admin)
//   PUT    /api/v1/actions/:id           the same but id; a header sent as null keeps its value → 200 (admin)
//   DELETE /api/v1/actions/:id           → 204 (admin)
//   GET    /api/v1/actions/allowlist     → 200 {"entries":[…]} (admin)
//   PUT    /api/v1/actions/allowlist     {"entries":[…]} → 200 {"entries":[…]} (admin)
//   POST   /api/v1/chats/:id/actions/:action {"fields":{…},"by"?} → 202 {"run","events"}
#include <algorithm>
#include <memory>

#include "action_wire.hpp"
#include "action_worker.hpp"
#include "http_util.hpp"
#include "webhook_common.hpp"

namespace parley::server {

namespace {

using httplib::Request;
using httplib::Response;

bool works(const Principal& p) { return p.admin || p.supervisor || p.operator_; }

// An admin caller, or answers 401/403 itself.
std::optional<Principal> admin_only(App& app, const Request& req, Response& res) {
  auto p = require_auth(app, req, res);
  if (!p) return std::nullopt;
  if (!p->admin) {
    send_error(res, ServerError::forbidden, "only admins change actions and their allowlist");
    return std::nullopt;
  }
  return p;
}

Json view_of(const Principal& p, const ActionDefinition& d) {
  return action_definition_to_json(d, p.admin ? ActionView::admin : ActionView::runnable);
}

// The definition in the body, read and checked by the core; answers 400 itself.
std::optional<ActionDefinition> definition_of(const Request& req, Response& res, const ActionDefinition* previous) {
  const auto body = read_json_body(req, res);
  if (!body) return std::nullopt;
  auto read = action_definition_from_json(*body, previous);
  if (!read.ok()) {
    send_refusal(res, read.error());
    return std::nullopt;
  }
  return std::move(read.value());
}

std::optional<Error> check_stored(const ActionDefinition& d) {
  if (d.id == "allowlist") return Error{ErrorCode::bad_command, "the id 'allowlist' is reserved"};
  return check_action_definition(d);
}

void register_definition_routes(App& app) {
  auto& http = *app.http;

  http.Get("/api/v1/actions/allowlist", [&app](const Request& req, Response& res) {
    if (!admin_only(app, req, res)) return;
    const auto entries = app.actions->allowlist();
    if (!entries.ok()) return send_store_failure(res, "the allowlist could not be read", entries);
    send_json(res, 200, Json{{"entries", *entries}});
  });

  http.Put("/api/v1/actions/allowlist", [&app](const Request& req, Response& res) {
    if (!admin_only(app, req, res)) return;
    const auto body = read_json_body(req, res);
    if (!body) return;
    const auto list = body->find("entries");
    if (list == body->end() || !list->is_array() ||
        !std::all_of(list->begin(), list->end(), [](const Json& e) { return e.is_string(); }))
      return send_error(res, ServerError::bad_command, "field 'entries' must be a list of strings");
    std::vector<std::string> entries;
    for (const Json& e : *list)
      if (std::find(entries.begin(), entries.end(), e.get<std::string>()) == entries.end())
        entries.push_back(e.get<std::string>());
    if (const auto refusal = check_allowlist(entries)) return send_refusal(res, *refusal);
    const auto saved = app.actions->set_allowlist(entries);
    if (!saved.ok()) return send_store_failure(res, "the allowlist could not be stored", saved);
    send_json(res, 200, Json{{"entries", entries}});
  });

  http.Get("/api/v1/actions", [&app](const Request& req, Response& res) {
    const auto p = require_auth(app, req, res);
    if (!p) return;
    if (!works(*p)) return send_error(res, ServerError::forbidden, "only staff who work sessions run actions");
    const auto actions = app.actions->list();
    if (!actions.ok()) return send_store_failure(res, "the actions could not be read", actions);
    Json list = Json::array();
    for (const ActionDefinition& d : *actions) list.push_back(view_of(*p, d));
    send_json(res, 200, Json{{"actions", std::move(list)}});
  });

  http.Get("/api/v1/actions/:id", [&app](const Request& req, Response& res) {
    const auto p = require_auth(app, req, res);
    if (!p) return;
    if (!works(*p)) return send_error(res, ServerError::forbidden, "only staff who work sessions run actions");
    const std::string id = req.path_params.at("id");
    const auto found = app.actions->find(id);
    if (found.not_found()) return send_error(res, ServerError::unknown_action, "no action " + id);
    if (!found.ok()) return send_store_failure(res, "the action could not be read", found);
    send_json(res, 200, view_of(*p, *found));
  });

  http.Post("/api/v1/actions", [&app](const Request& req, Response& res) {
    const auto p = admin_only(app, req, res);
    if (!p) return;
    auto d = definition_of(req, res, nullptr);
    if (!d) return;
    if (d->id.empty()) d->id = "act-" + random_hex(6);
    if (const auto refusal = check_stored(*d)) return send_refusal(res, *refusal);
    const auto added = app.actions->add(*d, wall_ms());
    if (added.conflict()) return send_error(res, ServerError::already_exists, "action " + d->id + " already exists");
    if (!added.ok()) return send_store_failure(res, "the action could not be stored", added);
    send_json(res, 201, view_of(*p, *d));
  });

  http.Put("/api/v1/actions/:id", [&app](const Request& req, Response& res) {
    const auto p = admin_only(app, req, res);
    if (!p) return;
    const std::string id = req.path_params.at("id");
    const auto stored = app.actions->find(id);
    if (stored.not_found()) return send_error(res, ServerError::unknown_action, "no action " + id);
    if (!stored.ok()) return send_store_failure(res, "the action could not be read", stored);
    auto d = definition_of(req, res, &*stored);
    if (!d) return;
    d->id = id;
    if (const auto refusal = check_stored(*d)) return send_refusal(res, *refusal);
    const auto updated = app.actions->update(*d, wall_ms());
    if (updated.not_found()) return send_error(res, ServerError::unknown_action, "no action " + id);
    if (!updated.ok()) return send_store_failure(res, "the action could not be stored", updated);
    send_json(res, 200, view_of(*p, *d));
  });

  http.Delete("/api/v1/actions/:id", [&app](const Request& req, Response& res) {
    if (!admin_only(app, req, res)) return;
    const std::string id = req.path_params.at("id");
    const auto removed = app.actions->remove(id);
    if (removed.not_found()) return send_error(res, ServerError::unknown_action, "no action " + id);
    if (!removed.ok()) return send_store_failure(res, "the action could not be deleted", removed);
    res.status = 204;
  });
}

// Who runs it: the login's agent; an admin without one names it with "by":"agent:<id>".
std::optional<Actor> runner(const Principal& p, const Json& body, Response& res) {
  if (!p.agent.empty()) return Actor{ActorKind::agent, p.agent};
  const std::string by = string_field(body, "by");
  const auto actor = p.admin ? parse_actor(by) : std::nullopt;
  if (actor && actor->is_agent()) return actor;
  send_error(res, ServerError::bad_command, "this login is not an agent: say who runs it with \"by\":\"agent:<id>\"");
  return std::nullopt;
}

// The route holds the worker, so it lives as long as the server's routes.
void register_run_route(App& app, std::shared_ptr<ActionWorker> worker) {
  app.http->Post("/api/v1/chats/:id/actions/:action", [&app, worker](const Request& req, Response& res) {
    const auto p = require_auth(app, req, res);
    if (!p) return;
    const std::string chat = req.path_params.at("id"), action = req.path_params.at("action");
    const bool readable = app.desk->read([&](const State& state, Timestamp) {
      const Chat* c = state.find_chat(chat);
      const auto login = login_of(state, *p);
      return c && login && may_read_chat(state, *login, *c);
    });
    if (!readable) return send_error(res, ServerError::unknown_chat, "no chat " + chat);
    if (!works(*p)) return send_error(res, ServerError::forbidden, "this role does not allow working sessions");
    const auto body = read_json_body(req, res);
    if (!body) return;
    const auto by = runner(*p, *body, res);
    if (!by) return;
    ActionValues values;
    if (const auto fields = body->find("fields"); fields != body->end() && !fields->is_null())
      if (const auto refusal = read_action_values(*fields, values)) return send_refusal(res, *refusal);
    const auto found = app.actions->find(action);
    if (found.not_found()) return send_error(res, ServerError::unknown_action, "no action " + action);
    if (!found.ok()) return send_store_failure(res, "the action could not be read", found);
    Reply reply = app.desk->submit(RunAction{chat, *by, action, found->form, values}, p->login);
    if (!reply_ok(reply, res)) return;
    std::string run;
    for (const Json& event : reply.events)
      if (event.value("type", "") == "action.started") run = event.value("run", "");
    send_json(res, 202, Json{{"run", run}, {"events", std::move(reply.events)}});
  });
}

}  // namespace

void register_action_routes(App& app) {
  ActionCallOptions options;
  options.timeout_ms = app.config.action_timeout_ms;
  register_definition_routes(app);
  register_run_route(app, std::make_shared<ActionWorker>(app, options));
}

}  // namespace parley::server
