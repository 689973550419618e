// Admin REST: users (logins), groups and their settings, SLA policies, agents, channels. Groups and agents are
// desk state (changed through core commands); users and channels are server records. A login bound
// to an agent acts with the agent's roles (core Agent::roles); a login without one with its own.
#include "audit_context.hpp"
#include "http_util.hpp"
#include "ids.hpp"
#include "permissions.hpp"
#include "widget_look_wire.hpp"

namespace parley::server {

namespace {

using httplib::Request;
using httplib::Response;

std::optional<Principal> require_admin(App& app, const Request& req, Response& res) {
  auto p = require_auth(app, req, res);
  if (p && !p->admin) {
    send_error(res, ServerError::forbidden, "admins only");
    return std::nullopt;
  }
  return p;
}

Json role_names(RoleSet roles) {
  Json names = Json::array();
  for (auto [name, role] : {std::pair{"operator", kRoleOperator}, std::pair{"supervisor", kRoleSupervisor},
                            std::pair{"reader", kRoleReader}, std::pair{"admin", kRoleAdmin}})
    if (roles & role) names.push_back(name);
  return names;
}

// "roles" are those the login acts with: its agent's when bound to one ("roles_from":"agent").
Json user_json(const State& state, const UserRecord& u) {
  Json out{{"id", u.id}, {"login", u.login}, {"agent", u.agent.empty() ? Json(nullptr) : Json(u.agent)}};
  const Agent* agent = u.agent.empty() ? nullptr : state.find_agent(u.agent);
  out["roles"] = agent ? role_names(agent->roles) : Json(u.roles);
  out["roles_from"] = u.agent.empty() ? "login" : "agent";
  if (agent && agent->disabled) out["disabled"] = true;
  return out;
}

Json user_json(App& app, const UserRecord& u) {
  return app.desk->read([&](const State& state, Timestamp) { return user_json(state, u); });
}

Json group_json(const State& state, const Group& g) {
  Json members = Json::array();
  for (AgentIx m : g.members) members.push_back(state.agents[m].id);
  return Json{{"id", g.id}, {"name", g.name}, {"settings", group_settings_to_json(g.settings)}, {"members", members},
              {"waiting", g.queue.size()}, {"disabled", g.disabled}};
}

Json sla_policy_json(const State& state, const SlaPolicy& p) {
  Json groups = Json::array();
  for (const Group& g : state.groups)
    if (g.settings.sla_policy == p.id) groups.push_back(g.id);
  return Json{{"id", p.id},
              {"name", p.name},
              {"first_response_min", p.first_response_min},
              {"next_response_min", p.next_response_min},
              {"resolution_min", p.resolution_min},
              {"business_hours_only", p.business_hours_only},
              {"groups", groups}};
}

Json agent_json(const State& state, const Agent& a) {
  Json groups = Json::array();
  for (GroupIx g : a.groups) groups.push_back(state.groups[g].id);
  return Json{{"id", a.id},       {"name", a.name},         {"nickname", a.nickname},
              {"groups", groups}, {"roles", role_names(a.roles)}, {"status", status_name(a.status)},
              {"disabled", a.disabled}};
}

Json channel_json(const ChannelRecord& c) {
  return with_widget_look(c, Json{{"id", c.id}, {"kind", c.kind}, {"name", c.name}, {"group", c.group},
                                  {"origins", c.origins}, {"outbound_url", c.outbound_url},
                                  {"has_secret", !c.secret.empty()}, {"disabled", c.disabled}});
}

// The record with what the desk routes by: the load weight and starting priority of the channel's name.
Json channel_json(const State& state, const ChannelRecord& c) {
  Json out = channel_json(c);
  const ChannelSettings routing = channel_settings(state, c.name);
  out["weight"] = routing.weight;
  out["priority"] = priority_name(routing.priority);
  return out;
}

// A channel.set command for the record's name when the body gives "weight" or "priority" (the other
// keeps its current value); nullopt when it gives neither.
std::optional<Result<Command>> channel_routing_command(App& app, const Json& body, const std::string& name) {
  if (!body.contains("weight") && !body.contains("priority")) return std::nullopt;
  const ChannelSettings now = app.desk->read([&](const State& s, Timestamp) { return channel_settings(s, name); });
  Json command{{"type", "channel.set"}, {"channel", name}, {"weight", now.weight}, {"priority", priority_name(now.priority)}};
  for (const char* key : {"weight", "priority"})
    if (body.contains(key)) command[key] = body[key];
  return command_from_json(command);
}

bool valid_roles(const Json& roles) {
  if (!roles.is_array() || roles.empty()) return false;
  for (const Json& r : roles)
    if (!r.is_string() || (r != "admin" && r != "supervisor" && r != "operator" && r != "reader")) return false;
  return true;
}

// Reads "password", "roles" and "agent" (a string binds the login, null unbinds it) into `user`;
// answers 400/404 itself. A login needs roles of its own only when it has no agent.
bool read_user_fields(App& app, const Json& body, UserRecord& user, Response& res) {
  if (const auto password = body.find("password"); password != body.end()) {
    if (!password->is_string() || password->get<std::string>().size() < 8) {
      send_error(res, ServerError::bad_command, "password must be at least 8 characters");
      return false;
    }
    user.password_hash = Auth::hash_password(password->get<std::string>());
  }
  if (const auto roles = body.find("roles"); roles != body.end()) {
    if (!valid_roles(*roles)) {
      send_error(res, ServerError::bad_command, "roles must list admin, supervisor, operator or reader");
      return false;
    }
    user.roles = roles->get<std::vector<std::string>>();
  }
  if (const auto agent = body.find("agent"); agent != body.end()) {
    if (!agent->is_string() && !agent->is_null()) {
      send_error(res, ServerError::bad_command, "agent must be an agent id or null");
      return false;
    }
    user.agent = agent->is_string() ? agent->get<std::string>() : "";
    const bool known =
        user.agent.empty() || app.desk->read([&](const State& s, Timestamp) { return s.find_agent(user.agent) != nullptr; });
    if (!known) {
      send_error(res, ServerError::unknown_agent, "no agent " + user.agent);
      return false;
    }
  }
  if (user.agent.empty() && user.roles.empty()) {
    send_error(res, ServerError::bad_command, "a login without an agent needs roles");
    return false;
  }
  return true;
}

// Runs a desk configuration command built from a REST body, answering like /commands.
void run_command(App& app, Json command, Response& res, int success_status) {
  const auto parsed = command_from_json(command);
  if (!parsed) return send_refusal(res, parsed.error());
  Reply reply = app.desk->submit(parsed.value(), audit_login());
  if (!reply_ok(reply, res)) return;
  send_json(res, success_status, Json{{"events", std::move(reply.events)}});
}

}  // namespace

void register_admin_routes(App& app) {
  auto& http = *app.http;

  // Bound logins take their agent's roles; a disabled or deleted agent's login may not act.
  app.auth->set_agent_roles([&app](const std::string& agent) {
    return app.desk->read([&](const State& state, Timestamp) -> std::optional<RoleSet> {
      const auto login = login_for(state, agent, 0);
      if (!login) return std::nullopt;
      return login->roles;
    });
  });

  http.Post("/api/v1/users", [&app](const Request& req, Response& res) {
    if (!require_admin(app, req, res)) return;
    const auto body = read_json_body(req, res);
    if (!body) return;
    const auto login = body->find("login");
    if (login == body->end() || !login->is_string() || login->get<std::string>().empty() ||
        login->get<std::string>().size() > 64)
      return send_error(res, ServerError::bad_command, "login must be a string of 1–64 characters");
    UserRecord user;
    user.login = login->get<std::string>();
    if (!body->contains("password")) return send_error(res, ServerError::bad_command, "password is required");
    if (!read_user_fields(app, *body, user, res)) return;
    const auto created = app.users->create(user);
    if (created.conflict()) return send_error(res, ServerError::already_exists, "login is taken");
    if (!created.ok()) return send_store_failure(res, "the login could not be stored", created);
    user.id = *created;
    send_json(res, 201, user_json(app, user));
  });
  http.Get("/api/v1/users", [&app](const Request& req, Response& res) {
    if (!require_admin(app, req, res)) return;
    const auto records = app.users->list();
    if (!records.ok()) return send_store_failure(res, "the logins could not be read", records);
    app.desk->read([&](const State& state, Timestamp) {
      Json users = Json::array();
      for (const UserRecord& u : *records) users.push_back(user_json(state, u));
      send_json(res, 200, Json{{"users", users}});
    });
  });
  http.Put("/api/v1/users/:login", [&app](const Request& req, Response& res) {
    if (!require_admin(app, req, res)) return;
    const auto body = read_json_body(req, res);
    if (!body) return;
    auto user = app.users->by_login(req.path_params.at("login"));
    if (user.not_found()) return send_error(res, ServerError::unknown_user, "no login " + req.path_params.at("login"));
    if (!user.ok()) return send_store_failure(res, "the login could not be read", user);
    if (!read_user_fields(app, *body, *user, res)) return;
    const auto updated = app.users->update(*user);
    if (updated.not_found()) return send_error(res, ServerError::unknown_user, "no login " + user->login);
    if (!updated.ok()) return send_store_failure(res, "the login could not be stored", updated);
    app.auth->forget_user(user->id);
    send_json(res, 200, user_json(app, *user));
  });
  http.Delete("/api/v1/users/:login", [&app](const Request& req, Response& res) {
    const auto p = require_admin(app, req, res);
    if (!p) return;
    const auto user = app.users->by_login(req.path_params.at("login"));
    if (user.not_found()) return send_error(res, ServerError::unknown_user, "no login " + req.path_params.at("login"));
    if (!user.ok()) return send_store_failure(res, "the login could not be read", user);
    if (user->id == p->user_id) return send_error(res, ServerError::bad_state, "a login cannot delete itself");
    const auto removed = app.users->remove(user->id);
    if (removed.not_found()) return send_error(res, ServerError::unknown_user, "no login " + user->login);
    if (!removed.ok()) return send_store_failure(res, "the login could not be deleted", removed);
    app.auth->forget_user(user->id);
    res.status = 204;
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

  http.Get("/api/v1/sla_policies", [&app](const Request& req, Response& res) {
    if (!require_auth(app, req, res)) return;
    app.desk->read([&](const State& state, Timestamp) {
      Json policies = Json::array();
      for (const auto& [id, policy] : state.sla_policies) policies.push_back(sla_policy_json(state, policy));
      send_json(res, 200, Json{{"sla_policies", policies}});
    });
  });
  http.Post("/api/v1/sla_policies", [&app](const Request& req, Response& res) {
    if (!require_admin(app, req, res)) return;
    auto body = read_json_body(req, res);
    if (!body) return;
    Json command = *body;
    command["type"] = "sla_policy.create";
    if (body->contains("id") && !body->contains("policy")) command["policy"] = (*body)["id"];
    run_command(app, command, res, 201);
  });
  http.Put("/api/v1/sla_policies/:id", [&app](const Request& req, Response& res) {
    if (!require_admin(app, req, res)) return;
    auto body = read_json_body(req, res);
    if (!body) return;
    Json command = *body;
    command["type"] = "sla_policy.set";
    command["policy"] = req.path_params.at("id");
    run_command(app, command, res, 200);
  });
  http.Delete("/api/v1/sla_policies/:id", [&app](const Request& req, Response& res) {
    if (!require_admin(app, req, res)) return;
    run_command(app, Json{{"type", "sla_policy.delete"}, {"policy", req.path_params.at("id")}}, res, 200);
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
    const auto records = app.channels->list();
    if (!records.ok()) return send_store_failure(res, "the channels could not be read", records);
    Json channels = Json::array();
    app.desk->read([&](const State& state, Timestamp) {
      for (const ChannelRecord& c : *records) channels.push_back(channel_json(state, c));
    });
    send_json(res, 200, Json{{"channels", channels}});
  });
  auto put_channel = [&app](const Request& req, Response& res) {
    if (!require_admin(app, req, res)) return;
    const auto body = read_json_body(req, res);
    if (!body) return;
    // Every text field is a string when given: a number is refused, not taken for "absent".
    std::optional<std::string> fields[6];
    const char* names[6] = {"id", "kind", "name", "group", "secret", "outbound_url"};
    for (int i = 0; i < 6; ++i)
      if (!(fields[i] = optional_string(*body, names[i], kMaxStringBytes, res))) return;
    ChannelRecord c;
    c.id = req.path_params.count("id") ? req.path_params.at("id") : *fields[0];
    const auto given = [&](const char* key) { return body->contains(key) && !(*body)[key].is_null(); };
    c.kind = given("kind") ? *fields[1] : "widget";
    c.name = given("name") ? *fields[2] : c.id;
    c.group = *fields[3];
    c.secret = *fields[4];
    c.outbound_url = *fields[5];
    if (const auto disabled = body->find("disabled"); disabled != body->end()) {
      if (!disabled->is_boolean()) return send_error(res, ServerError::bad_command, "disabled must be true or false");
      c.disabled = disabled->get<bool>();
    }
    if (body->contains("origins") && (*body)["origins"].is_array())
      for (const Json& o : (*body)["origins"])
        if (o.is_string()) c.origins.push_back(o.get<std::string>());
    const auto stored = app.channels->find(c.id);  // its theme and pre-chat form stay unless given
    if (const auto bad = read_widget_look(*body, c, stored.ok() ? &*stored : nullptr))
      return send_error(res, ServerError::bad_command, *bad);
    if (auto refusal = check_id("channel id", c.id)) return send_refusal(res, *refusal);
    if (c.kind != "widget" && c.kind != "webhook" && c.kind != "internal")
      return send_error(res, ServerError::bad_command, "kind must be widget, webhook or internal");
    const bool group_known = app.desk->read([&](const State& s, Timestamp) { return s.find_group(c.group) != nullptr; });
    if (!group_known) return send_error(res, ServerError::unknown_group, "no group " + c.group);
    if (c.kind == "webhook" && c.secret.size() < 16)
      return send_error(res, ServerError::bad_command, "a webhook channel needs a secret of at least 16 characters");
    const auto routing = channel_routing_command(app, *body, c.name);
    if (routing && !*routing) return send_refusal(res, routing->error());
    if (const auto put = app.channels->put(c); !put.ok())
      return send_store_failure(res, "could not store the channel", put);
    if (routing && !reply_ok(app.desk->submit(routing->value(), audit_login()), res)) return;
    const Json out = app.desk->read([&](const State& state, Timestamp) { return channel_json(state, c); });
    send_json(res, req.path_params.count("id") ? 200 : 201, out);
  };
  http.Post("/api/v1/channels", put_channel);
  http.Put("/api/v1/channels/:id", put_channel);
}

}  // namespace parley::server
