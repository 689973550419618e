// Contacts, cases, leads and a customer's earlier sessions over REST (SPEC §12). Every change is a core
// command naming who acts (agent:<id>, or login:<name> for an admin login without an agent); what a
// caller sees is the core's rule (core/contacts.hpp): the groups of the sessions involved.
//   GET  /api/v1/contacts?q=&limit=          → 200 {"contacts":[…]}
//   POST /api/v1/contacts {"name","email"?,"phone"?,"company"?,"notes"?}  → 201 {"contact","events"}
//   GET  /api/v1/contacts/{id}               → 200 {"contact","sessions","cases","leads"}
//   PUT  /api/v1/contacts/{id} {fields}      → 200 {"contact","events"}
//   POST /api/v1/contacts/{id}/merge {"from"} → 200 {"contact","sessions","cases","leads","events"}
//   POST /api/v1/chats/{id}/contact {"contact"} → 200, or {fields} (a new contact) → 201 {"contact","events"}
//   POST /api/v1/chats/{id}/cases {"subject","status"?,"priority"?} → 201 {"case","events"}
//   POST /api/v1/chats/{id}/leads {"subject","value"?}              → 201 {"lead","events"}
//   GET  /api/v1/chats/{id}/history          → 200 {"chat","customer","contact","cases","leads","history"}
#include <vector>

#include "auth.hpp"
#include "contact_wire.hpp"
#include "http_util.hpp"
#include "permissions.hpp"

namespace parley::server {

namespace {

using httplib::Request;
using httplib::Response;

constexpr std::size_t kMaxListed = 200;
constexpr std::size_t kMaxQueryBytes = 256;

std::string staff_of(const Principal& p) { return p.agent.empty() ? "login:" + p.login : "agent:" + p.agent; }

// The command built from `fields` of the body plus `extra`, through the core's reader (its checks).
Result<Command> command_of(const Json& body, const std::vector<const char*>& fields, Json extra) {
  for (const char* key : fields)
    if (const auto found = body.find(key); found != body.end()) extra[key] = *found;
  return command_from_json(extra);
}

// Submits after the permission check every command route makes; false after answering a refusal.
std::optional<Reply> submit_as(App& app, const Principal& p, const Command& command, Response& res) {
  const auto refusal = app.desk->read([&](const State& state, Timestamp) -> std::optional<Error> {
    const auto login = login_of(state, p);
    if (!login) return Error{ErrorCode::forbidden, "this login's agent is unknown or disabled"};
    return may_submit(*login, state, command);
  });
  if (refusal) {
    send_refusal(res, *refusal);
    return std::nullopt;
  }
  Reply reply = app.desk->submit(command);
  if (!reply_ok(reply, res)) return std::nullopt;
  return reply;
}

// The id the committed event of `type` names under `key` ("" when there is none).
std::string committed_id(const Reply& reply, std::string_view type, const char* key) {
  for (const Json& event : reply.events)
    if (event.value("type", "") == type) return event.value(key, "");
  return "";
}

// Reads the contact for the caller; answers 404 itself when it is unknown or not theirs to see.
template <class F>
void with_contact(App& app, const Principal& p, const std::string& id, Response& res, F&& answer) {
  app.desk->read([&](const State& state, Timestamp) {
    const auto login = login_of(state, p);
    const Contact* contact = live_contact(state, id);
    if (!login || !contact || contact_access(state, *login, *contact) == ContactAccess::none)
      return send_refusal(res, Error{ErrorCode::unknown_contact, "no contact " + id});
    answer(state, *login, *contact);
  });
}

const char* const kContactFields[] = {"name", "email", "phone", "company", "notes"};

Json contact_command(const char* type, const std::string& contact, const Principal& p) {
  Json command{{"type", type}, {"by", staff_of(p)}};
  if (!contact.empty()) command["contact"] = contact;
  return command;
}

Result<Command> contact_fields_command(const Json& body, Json command) {
  for (const char* key : kContactFields)
    if (const auto found = body.find(key); found != body.end()) command[key] = *found;
  return command_from_json(command);
}

void answer_contact(App& app, const Principal& p, const std::string& id, const Reply& reply, int status,
                    Response& res) {
  with_contact(app, p, id, res, [&](const State&, const Login&, const Contact& contact) {
    send_json(res, status, Json{{"contact", contact_to_json(contact)}, {"events", reply.events}});
  });
}

// POST /api/v1/chats/{id}/cases and /leads: one item created from the session.
httplib::Server::Handler chat_item(App& app, const char* type, const char* key, std::vector<const char*> fields) {
  return [&app, type, key, fields](const Request& req, Response& res) {
    const auto p = require_auth(app, req, res);
    if (!p) return;
    const auto body = read_json_body(req, res);
    if (!body) return;
    const auto command =
        command_of(*body, fields, Json{{"type", type}, {"chat", req.path_params.at("id")}, {"by", staff_of(*p)}});
    if (!command) return send_refusal(res, command.error());
    const auto reply = submit_as(app, *p, command.value(), res);
    if (!reply) return;
    const std::string created_type = std::string(key) + ".created";
    const std::string id = committed_id(*reply, created_type, key);
    app.desk->read([&](const State& state, Timestamp) {
      Json item;
      if (const auto c = state.cases.find(id); key == std::string("case") && c != state.cases.end())
        item = case_to_json(c->second);
      if (const auto l = state.leads.find(id); key == std::string("lead") && l != state.leads.end())
        item = lead_to_json(l->second);
      if (item.is_null()) return send_error(res, ServerError::internal, std::string("the ") + key + " was not kept");
      send_json(res, 201, Json{{key, item}, {"events", reply->events}});
    });
  };
}

}  // namespace

void register_contact_routes(App& app) {
  auto& http = *app.http;

  http.Get("/api/v1/contacts", [&app](const Request& req, Response& res) {
    const auto p = require_auth(app, req, res);
    if (!p) return;
    const std::string text = req.get_param_value("q");
    if (text.size() > kMaxQueryBytes) return send_error(res, ServerError::bad_command, "q is at most 256 bytes");
    std::size_t limit = 50;
    if (req.has_param("limit")) {
      const std::string raw = req.get_param_value("limit");
      const bool digits = !raw.empty() && raw.size() <= 4 && raw.find_first_not_of("0123456789") == std::string::npos;
      if (!digits || std::stoul(raw) < 1 || std::stoul(raw) > kMaxListed)
        return send_error(res, ServerError::bad_command, "limit must be 1 to 200");
      limit = std::stoul(raw);
    }
    app.desk->read([&](const State& state, Timestamp) {
      const auto login = login_of(state, *p);
      if (!login) return send_error(res, ServerError::forbidden, "this login's agent is unknown or disabled");
      send_json(res, 200, contact_list_json(state, *login, text, limit));
    });
  });

  http.Post("/api/v1/contacts", [&app](const Request& req, Response& res) {
    const auto p = require_auth(app, req, res);
    if (!p) return;
    const auto body = read_json_body(req, res);
    if (!body) return;
    const auto command = contact_fields_command(*body, contact_command("contact.create", "", *p));
    if (!command) return send_refusal(res, command.error());
    const auto reply = submit_as(app, *p, command.value(), res);
    if (!reply) return;
    answer_contact(app, *p, committed_id(*reply, "contact.created", "contact"), *reply, 201, res);
  });

  http.Get("/api/v1/contacts/:id", [&app](const Request& req, Response& res) {
    const auto p = require_auth(app, req, res);
    if (!p) return;
    with_contact(app, *p, req.path_params.at("id"), res, [&](const State& state, const Login& login, const Contact& c) {
      send_json(res, 200, contact_detail_json(state, login, c));
    });
  });

  http.Put("/api/v1/contacts/:id", [&app](const Request& req, Response& res) {
    const auto p = require_auth(app, req, res);
    if (!p) return;
    const auto body = read_json_body(req, res);
    if (!body) return;
    const std::string id = req.path_params.at("id");
    const auto command = contact_fields_command(*body, contact_command("contact.update", id, *p));
    if (!command) return send_refusal(res, command.error());
    const auto reply = submit_as(app, *p, command.value(), res);
    if (!reply) return;
    answer_contact(app, *p, id, *reply, 200, res);
  });

  http.Post("/api/v1/contacts/:id/merge", [&app](const Request& req, Response& res) {
    const auto p = require_auth(app, req, res);
    if (!p) return;
    const auto body = read_json_body(req, res);
    if (!body) return;
    const std::string id = req.path_params.at("id");
    const auto command = command_of(*body, {"from"}, contact_command("contact.merge", id, *p));
    if (!command) return send_refusal(res, command.error());
    const auto reply = submit_as(app, *p, command.value(), res);
    if (!reply) return;
    with_contact(app, *p, id, res, [&](const State& state, const Login& login, const Contact& c) {
      Json out = contact_detail_json(state, login, c);
      out["events"] = reply->events;
      send_json(res, 200, out);
    });
  });

  http.Post("/api/v1/chats/:id/contact", [&app](const Request& req, Response& res) {
    const auto p = require_auth(app, req, res);
    if (!p) return;
    const auto body = read_json_body(req, res);
    if (!body) return;
    const std::string chat = req.path_params.at("id");
    const auto named = optional_string(*body, "contact", kMaxStringBytes, res);
    if (!named) return;
    // An existing contact is linked; without one, a contact made of the fields is created and linked
    // by one command (so a refused link creates nothing).
    Json command{{"type", named->empty() ? "contact.create" : "customer.link"}, {"chat", chat}, {"by", staff_of(*p)}};
    if (!named->empty()) command["contact"] = *named;
    const auto parsed = named->empty() ? contact_fields_command(*body, command) : command_from_json(command);
    if (!parsed) return send_refusal(res, parsed.error());
    const auto reply = submit_as(app, *p, parsed.value(), res);
    if (!reply) return;
    const std::string contact = named->empty() ? committed_id(*reply, "contact.created", "contact") : *named;
    answer_contact(app, *p, contact, *reply, named->empty() ? 201 : 200, res);
  });

  http.Post("/api/v1/chats/:id/cases", chat_item(app, "case.create", "case", {"subject", "status", "priority"}));
  http.Post("/api/v1/chats/:id/leads", chat_item(app, "lead.create", "lead", {"subject", "value"}));

  http.Get("/api/v1/chats/:id/history", [&app](const Request& req, Response& res) {
    const auto p = require_auth(app, req, res);
    if (!p) return;
    const std::string id = req.path_params.at("id");
    answer_readable_chat(app, *p, id, res, [&](const State& state, const Login& login, const Chat& chat) {
      send_json(res, 200, customer_history_json(state, login, chat));
    });
  });
}

}  // namespace parley::server
