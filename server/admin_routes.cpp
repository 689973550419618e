// Admin REST: users (logins), groups and their settings, agents, channels. Groups and agents are
// desk state (changed through core commands); users and channels are server records.
#include "http_util.hpp"
#include "ids.hpp"

namespace parley::server {

namespace {

using httplib::Request;
using httplib::Response;

std::optional<Principal> require_admin(App& app, const Request& req, Response& res) {
  auto p = require_auth(app, req, res);
  if (p && !p->admin) {
    send_error(res, 403, "forbidden", "admins only");
    return std::nullopt;
  }
  return p;
}

Json user_json(const UserRecord& u) {
  return Json{{"id", u.id}, {"login", u.login}, {"roles", u.roles}, {"agent", u.agent.empty() ? Json(nullptr) : Json(u.agent)}};
}

Json group_json(const State& state, const Group& g) {
  Json members = Json::array();
  for (Index m : g.members) members.push_back(state.agents[m].id);
  return Json{{"id", g.id}, {"name", g.name}, {"settings", group_settings_to_json(g.settings)}, {"members", members},
              {"waiting", g.queue.size()}};
}

Json agent_json(const State& state, const Agent& a) {
  Json groups = Json::array();
  for (Index g : a.groups) groups.push_back(state.groups[g].id);
  Json roles = Json::array();
  for (auto [name, role] : {std::pair{"operator", kRoleOperator}, std::pair{"supervisor", kRoleSupervisor},
                            std::pair{"reader", kRoleReader}, std::pair{"admin", kRoleAdmin}})
    if (has_role(a, role)) roles.push_back(name);
  return Json{{"id", a.id}, {"name", a.name}, {"nickname", a.nickname}, {"groups", groups}, {"roles", roles},
              {"status", status_name(a.status)}};
}

Json channel_json(const ChannelRecord& c) {
  return Json{{"id", c.id}, {"kind", c.kind}, {"name", c.name}, {"group", c.group}, {"origins", c.origins},
              {"outbound_url", c.outbound_url}, {"has_secret", !c.secret.empty()}};
}

bool valid_roles(const Json& roles) {
  if (!roles.is_array() || roles.empty()) return false;
  for (const Json& r : roles)
    if (!r.is_string() || (r != "admin" && r != "supervisor" && r != "operator" && r != "reader")) return false;
  return true;
}

// Runs a desk configuration command built from a REST body, answering like /commands.
void run_command(App& app, Json command, Response& res, int success_status) {
  const auto parsed = command_from_json(command);
  if (!parsed) return send_refusal(res, parsed.error());
  Reply reply = app.desk->submit(parsed.value());
  if (reply.storage_failed) return send_error(res, 503, "unavailable", "the change could not be stored");
  if (reply.error) return send_refusal(res, *reply.error);
  send_json(res, success_status, Json{{"events", std::move(reply.events)}});
}

}  // namespace

void register_admin_routes(App& app) {
  auto& http = *app.http;

  http.Post("/api/v1/users", [&app](const Request& req, Response& res) {
    if (!require_admin(app, req, res)) return;
    const auto body = read_json_body(req, res);
    if (!body) return;
    const auto login = body->find("login"), password = body->find("password"), roles = body->find("roles");
    if (login == body->end() || !login->is_string() || login->get<std::string>().empty() ||
        login->get<std::string>().size() > 64)
      return send_error(res, 400, "bad_command", "login must be a string of 1–64 characters");
    if (password == body->end() || !password->is_string() || password->get<std::string>().size() < 8)
      return send_error(res, 400, "bad_command", "password must be at least 8 characters");
    if (roles == body->end() || !valid_roles(*roles))
      return send_error(res, 400, "bad_command", "roles must list admin, supervisor, operator or reader");
    UserRecord user;
    user.login = login->get<std::string>();
    user.password_hash = Auth::hash_password(password->get<std::string>());
    user.roles = roles->get<std::vector<std::string>>();
    if (const auto agent = body->find("agent"); agent != body->end() && agent->is_string()) {
      user.agent = agent->get<std::string>();
      const bool known = app.desk->read([&](const State& s, Timestamp) { return s.find_agent(user.agent) != nullptr; });
      if (!known) return send_error(res, 404, "unknown_agent", "no agent " + user.agent);
    }
    if (app.store->user_by_login(user.login)) return send_error(res, 409, "already_exists", "login is taken");
    std::string error;
    user.id = app.store->create_user(user, error);
    if (!user.id) return send_error(res, 409, "already_exists", "login is taken");
    send_json(res, 201, user_json(user));
  });
  http.Get("/api/v1/users", [&app](const Request& req, Response& res) {
    if (!require_admin(app, req, res)) return;
    Json users = Json::array();
    for (const UserRecord& u : app.store->users()) users.push_back(user_json(u));
    send_json(res, 200, Json{{"users", users}});
  });

  http.Get("/api/v1/groups", [&app](const Request& req, Response& res) {
    if (!require_auth(app, req, res)) return;
    app.desk->read([&](const State& state, Timestamp) {
      Json groups = Json::array();
      for (const Group& g : state.groups) groups.push_back(group_json(state, g));
      send_json(res, 200, Json{{"groups", groups}});
    });
  });
  http.Post("/api/v1/groups", [&app](const Request& req, Response& res) {
    if (!require_admin(app, req, res)) return;
    auto body = read_json_body(req, res);
    if (!body) return;
    Json command = *body;
    command["type"] = "group.create";
    if (body->contains("id") && !body->contains("group")) command["group"] = (*body)["id"];
    run_command(app, command, res, 201);
  });
  http.Put("/api/v1/groups/:id", [&app](const Request& req, Response& res) {
    if (!require_admin(app, req, res)) return;
    auto body = read_json_body(req, res);
    if (!body) return;
    Json command = *body;
    command["type"] = "group.update";
    command["group"] = req.path_params.at("id");
    run_command(app, command, res, 200);
  });

  http.Get("/api/v1/agents", [&app](const Request& req, Response& res) {
    if (!require_auth(app, req, res)) return;
    app.desk->read([&](const State& state, Timestamp) {
      Json agents = Json::array();
      for (const Agent& a : state.agents) agents.push_back(agent_json(state, a));
      send_json(res, 200, Json{{"agents", agents}});
    });
  });
  http.Post("/api/v1/agents", [&app](const Request& req, Response& res) {
    if (!require_admin(app, req, res)) return;
    auto body = read_json_body(req, res);
    if (!body) return;
    Json command = *body;
    command["type"] = "agent.create";
    if (body->contains("id") && !body->contains("agent")) command["agent"] = (*body)["id"];
    run_command(app, command, res, 201);
  });
  http.Put("/api/v1/agents/:id", [&app](const Request& req, Response& res) {
    if (!require_admin(app, req, res)) return;
    auto body = read_json_body(req, res);
    if (!body) return;
    Json command = *body;
    command["type"] = "agent.update";
    command["agent"] = req.path_params.at("id");
    run_command(app, command, res, 200);
  });

  http.Get("/api/v1/channels", [&app](const Request& req, Response& res) {
    if (!require_admin(app, req, res)) return;
    Json channels = Json::array();
    for (const ChannelRecord& c : app.store->channels()) channels.push_back(channel_json(c));
    send_json(res, 200, Json{{"channels", channels}});
  });
  auto put_channel = [&app](const Request& req, Response& res) {
    if (!require_admin(app, req, res)) return;
    const auto body = read_json_body(req, res);
    if (!body) return;
    ChannelRecord c;
    c.id = req.path_params.count("id") ? req.path_params.at("id") : string_field(*body, "id");
    c.kind = string_field(*body, "kind", "widget");
    c.name = string_field(*body, "name", c.id);
    c.group = string_field(*body, "group", "");
    c.secret = string_field(*body, "secret", "");
    c.outbound_url = string_field(*body, "outbound_url", "");
    if (body->contains("origins") && (*body)["origins"].is_array())
      for (const Json& o : (*body)["origins"])
        if (o.is_string()) c.origins.push_back(o.get<std::string>());
    if (auto refusal = check_id("channel id", c.id)) return send_refusal(res, *refusal);
    if (c.kind != "widget" && c.kind != "webhook" && c.kind != "internal")
      return send_error(res, 400, "bad_command", "kind must be widget, webhook or internal");
    const bool group_known = app.desk->read([&](const State& s, Timestamp) { return s.find_group(c.group) != nullptr; });
    if (!group_known) return send_error(res, 404, "unknown_group", "no group " + c.group);
    if (c.kind == "webhook" && c.secret.size() < 16)
      return send_error(res, 400, "bad_command", "a webhook channel needs a secret of at least 16 characters");
    if (!app.store->put_channel(c)) return send_error(res, 503, "unavailable", "could not store the channel");
    send_json(res, req.path_params.count("id") ? 200 : 201, channel_json(c));
  };
  http.Post("/api/v1/channels", put_channel);
  http.Put("/api/v1/channels/:id", put_channel);
}

}  // namespace parley::server
