// The Admin screen's pure parts: record lists, forms filled from rows, and the changes forms make.
#include "admin_state.hpp"

#include <cctype>

#include "business_hours.hpp"
#include "decide.hpp"
#include "engine.hpp"
#include "permissions.hpp"
#include "templates.hpp"

namespace parley::web {

namespace {

constexpr const char* kWeekdays[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
constexpr RoleSet kRoleBits[4] = {kRoleOperator, kRoleSupervisor, kRoleReader, kRoleAdmin};

std::string encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const unsigned char c : text) {
    if (std::isalnum(c) != 0 || c == '-' || c == '.' || c == '_' || c == '~') out += static_cast<char>(c);
    else out += {'%', kHex[c >> 4], kHex[c & 15]};
  }
  return out;
}

std::string trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return std::string(text);
}

std::vector<std::string> split_list(std::string_view text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    if (std::string item = trim(text.substr(start, comma - start)); !item.empty()) out.push_back(std::move(item));
    start = comma + 1;
  }
  return out;
}

Error refuse(std::string message) { return fail(ErrorCode::bad_command, std::move(message)); }

std::string text_of(const Json& row, const char* key) {
  const auto it = row.find(key);
  return it != row.end() && it->is_string() ? it->get<std::string>() : std::string();
}

Json role_list(const std::array<bool, 4>& roles) {
  Json out = Json::array();
  for (std::size_t i = 0; i < roles.size(); ++i)
    if (roles[i]) out.push_back(kRoleChoices[i]);
  return out;
}

Json agent_groups(const State& state, const Agent& agent) {
  Json out = Json::array();
  for (GroupIx g : agent.groups) out.push_back(state.groups[g].id);
  return out;
}

Json agent_roles(RoleSet roles) {
  Json out = Json::array();
  for (std::size_t i = 0; i < 4; ++i)
    if (roles & kRoleBits[i]) out.push_back(kRoleChoices[i]);
  return out;
}

// agent.update keeping what the form does not change.
Json agent_update(const State& state, const Agent& agent) {
  return Json{{"type", "agent.update"},       {"agent", agent.id},
              {"name", agent.name},           {"nickname", agent.nickname},
              {"groups", agent_groups(state, agent)}, {"roles", agent_roles(agent.roles)},
              {"disabled", agent.disabled}};
}

Result<Json> group_settings(const GroupForm& form) {
  Json settings{{"routing", form.accept ? "accept" : "auto"},
                {"max_active", form.max_active},
                {"close_silent", form.close_silent},
                {"close_silent_after_min", form.close_silent_after_min},
                {"transfer_unanswered", form.transfer_unanswered},
                {"transfer_unanswered_after_min", form.transfer_unanswered_after_min},
                {"first_response_min", form.first_response_min},
                {"next_response_min", form.next_response_min},
                {"business_hours", nullptr}};
  if (form.max_load < 0 || form.max_load > 1000000) return refuse("Max load: 0 (sessions × 1000) to 1000000");
  if (form.return_to_agent_min < 0 || form.return_to_agent_min > 10080)
    return refuse("Wait for the last agent: 0 to 10080 minutes");
  if (form.max_load) settings["max_load"] = form.max_load;
  if (form.return_to_agent_min) settings["return_to_agent_min"] = form.return_to_agent_min;
  if (form.hours) {
    if (!find_time_zone(trim(form.zone))) return refuse("Time zone: UTC, ±HH:MM or a listed name such as Europe/Paris");
    Json week = Json::object();
    for (std::size_t d = 0; d < 7; ++d) {
      Json ranges = Json::array();
      for (const std::string& range : split_list(form.days[d])) {
        if (!parse_day_range(range))
          return refuse(std::string("Business hours on ") + kWeekdays[d] + ": \"" + range + "\" is not HH:MM-HH:MM");
        ranges.push_back(range);
      }
      if (!ranges.empty()) week[kWeekdays[d]] = std::move(ranges);
    }
    settings["business_hours"] = Json{{"zone", trim(form.zone)}, {"week", std::move(week)}};
    Json closed = Json::array();
    for (const std::string& date : split_list(form.closed)) {
      if (!parse_local_date(date)) return refuse("Closed dates: \"" + date + "\" is not a date written YYYY-MM-DD");
      closed.push_back(date);
    }
    if (!closed.empty()) settings["business_hours"]["closed"] = std::move(closed);
  }
  if (form.hold_outside_hours) settings["hold_outside_hours"] = true;
  if (!form.sla_policy.empty()) settings["sla_policy"] = form.sla_policy;
  return settings;
}

}  // namespace

const char* admin_section_name(AdminSection section) {
  constexpr const char* kNames[] = {"users", "groups", "channels", "templates", "blocklist", "retention"};
  return kNames[static_cast<int>(section)];
}

const char* admin_section_title(AdminSection section) {
  constexpr const char* kTitles[] = {"Users", "Groups", "Channels", "Templates", "Blocklist", "Retention & erasure"};
  return kTitles[static_cast<int>(section)];
}

bool server_only(AdminSection section) { return section != AdminSection::groups; }

bool shows_admin(const State& state, AgentIx agent, bool demo) {
  if (agent == kNoIndex || !state.agents.contains(agent)) return false;
  return demo || has_role(state.agents[agent], kRoleAdmin);
}

const std::vector<std::pair<std::string, std::string>>& admin_record_routes() {
  static const std::vector<std::pair<std::string, std::string>> kRoutes = {{"users", "api/v1/users"},
                                                                          {"channels", "api/v1/channels"},
                                                                          {"templates", "api/v1/templates"},
                                                                          {"blocklist", "api/v1/blocklist"},
                                                                          {"retention", "api/v1/retention"}};
  return kRoutes;
}

Json admin_rows_from_answer(const std::string& list, const Json& answer) {
  if (!answer.is_object()) return nullptr;
  if (list == "retention") return answer.contains("days") && answer["days"].is_number_integer() ? answer : Json(nullptr);
  const char* key = list == "blocklist" ? "rules" : list.c_str();
  const auto rows = answer.find(key);
  return rows != answer.end() && rows->is_array() ? *rows : Json(nullptr);
}

std::string admin_answer_error(int status, std::string_view body) {
  if (status == 0) return "Cannot reach the server.";
  if (const auto json = parse_json(body); json && json->is_object() && json->contains("error")) {
    const Json& error = (*json)["error"];
    if (error.is_object() && error.contains("message") && error["message"].is_string())
      return error["message"].get<std::string>();
  }
  return "The server answered " + std::to_string(status) + ".";
}

AdminChange command_as_request(const Json& command, std::string done) {
  const std::string type = text_of(command, "type");
  const auto at = [&](const char* base, const char* key) { return std::string(base) + encode(text_of(command, key)); };
  AdminChange change{"POST", "api/v1/commands", command, command, std::move(done)};
  if (type == "group.create") {
    change.route = "api/v1/groups";
  } else if (type == "group.update") {
    change.method = "PUT";
    change.route = at("api/v1/groups/", "group");
  } else if (type == "agent.create") {
    change.route = "api/v1/agents";
  } else if (type == "agent.update") {
    change.method = "PUT";
    change.route = at("api/v1/agents/", "agent");
  } else if (type == "sla_policy.set") {
    change.method = "PUT";
    change.route = at("api/v1/sla_policies/", "policy");
  } else if (type == "sla_policy.delete") {
    change.method = "DELETE";
    change.route = at("api/v1/sla_policies/", "policy");
    change.body = nullptr;
  }
  return change;
}

std::optional<std::string> core_refusal(const State& state, const std::vector<AdminChange>& changes, Timestamp now) {
  std::optional<State> after;  // a copy only when a later command depends on an earlier one
  for (std::size_t i = 0; i < changes.size(); ++i) {
    if (!changes[i].command) continue;
    const Result<Command> parsed = command_from_json(*changes[i].command);
    if (!parsed) return parsed.error().message;
    const State& base = after ? *after : state;
    if (const Result<Events> events = decide(base, parsed.value(), now); !events) return events.error().message;
    bool more = false;
    for (std::size_t j = i + 1; j < changes.size(); ++j) more = more || changes[j].command.has_value();
    if (!more) break;
    if (!after) after = state;
    if (const Outcome outcome = handle(*after, parsed.value(), now); outcome.error) return outcome.error->message;
  }
  return std::nullopt;
}

void queue_changes(AdminUi& ui, const State& state, Timestamp now, Result<std::vector<AdminChange>> changes) {
  ui.message.clear();
  ui.error.clear();
  if (!changes) {
    ui.error = changes.error().message;
    return;
  }
  if (const auto refusal = core_refusal(state, changes.value(), now)) {
    ui.error = *refusal;
    return;
  }
  for (AdminChange& change : changes.value()) ui.changes.push_back(std::move(change));
}

void queue_change(AdminUi& ui, const State& state, Timestamp now, Result<AdminChange> change) {
  if (!change) return queue_changes(ui, state, now, change.error());
  queue_changes(ui, state, now, std::vector<AdminChange>{std::move(change.value())});
}

UserForm user_form(const Json& row) {
  UserForm form;
  form.login = text_of(row, "login");
  form.agent = text_of(row, "agent");
  form.roles.fill(false);
  if (const auto roles = row.find("roles"); roles != row.end() && roles->is_array())
    for (const Json& role : *roles)
      for (std::size_t i = 0; i < 4; ++i)
        if (role == kRoleChoices[i]) form.roles[i] = true;
  return form;
}

GroupForm group_form(const State& state, const Group& group) {
  GroupForm form;
  const GroupSettings& s = group.settings;
  form.id = group.id;
  form.name = group.name;
  form.accept = s.routing == Routing::accept;
  form.max_active = s.max_active;
  form.max_load = s.max_load;
  form.return_to_agent_min = s.return_to_agent_min;
  form.close_silent = s.close_silent;
  form.close_silent_after_min = s.close_silent_after_min;
  form.transfer_unanswered = s.transfer_unanswered;
  form.transfer_unanswered_after_min = s.transfer_unanswered_after_min;
  form.first_response_min = s.first_response_min;
  form.next_response_min = s.next_response_min;
  form.sla_policy = s.sla_policy;
  form.hold_outside_hours = s.hold_outside_hours;
  form.disabled = group.disabled;
  form.hours = s.business_hours.has_value();
  if (s.business_hours) {
    form.zone = s.business_hours->zone.name;
    for (std::size_t d = 0; d < 7; ++d)
      for (const DayRange& range : s.business_hours->week[d])
        form.days[d] += (form.days[d].empty() ? "" : ", ") + format_day_range(range);
    for (std::int64_t day : s.business_hours->closed_days)
      form.closed += (form.closed.empty() ? "" : ", ") + format_local_date(day);
  }
  for (AgentIx m : group.members) form.members.insert(state.agents[m].id);
  return form;
}

SlaForm sla_form(const SlaPolicy& p) {
  return SlaForm{p.id, p.name, p.first_response_min, p.next_response_min, p.resolution_min, p.business_hours_only};
}

ChannelForm channel_form(const Json& row) {
  ChannelForm form;
  form.id = text_of(row, "id");
  form.kind = text_of(row, "kind");
  form.name = text_of(row, "name");
  form.group = text_of(row, "group");
  form.outbound_url = text_of(row, "outbound_url");
  if (const auto origins = row.find("origins"); origins != row.end() && origins->is_array())
    for (const Json& o : *origins)
      if (o.is_string()) form.origins += (form.origins.empty() ? "" : ", ") + o.get<std::string>();
  form.disabled = row.value("disabled", false);
  form.has_secret = row.value("has_secret", false);
  return form;
}

TemplateForm template_form(const Json& row) {
  return TemplateForm{text_of(row, "id"), text_of(row, "title"), text_of(row, "text"), text_of(row, "shortcut"),
                      text_of(row, "group")};
}

Result<std::vector<AdminChange>> create_user(const State& state, const UserForm& form) {
  const std::string login = trim(form.login), agent = trim(form.agent);
  if (login.empty()) return refuse("Login: type the name to sign in with");
  if (form.password.size() < 8) return refuse("Password: at least 8 characters");
  const Json roles = role_list(form.roles);
  if (roles.empty()) return refuse("Roles: pick at least one");
  std::vector<AdminChange> changes;
  Json body{{"login", login}, {"password", form.password}, {"roles", roles}};
  if (!agent.empty()) {
    body["agent"] = agent;
    if (!state.find_agent(agent))  // a new agent for the login, with its roles
      changes.push_back(command_as_request(
          Json{{"type", "agent.create"}, {"agent", agent}, {"name", login}, {"groups", Json::array()}, {"roles", roles}},
          "Agent " + agent + " created."));
  }
  changes.push_back(AdminChange{"POST", "api/v1/users", std::move(body), std::nullopt, "Login " + login + " created."});
  return changes;
}

Result<std::vector<AdminChange>> save_user_roles(const State& state, const UserForm& form, const Json& row) {
  const Json roles = role_list(form.roles);
  if (roles.empty()) return refuse("Roles: pick at least one");
  const std::string login = text_of(row, "login"), agent_id = text_of(row, "agent");
  const std::string done = "Roles of " + login + " saved.";
  if (agent_id.empty())
    return std::vector<AdminChange>{
        AdminChange{"PUT", "api/v1/users/" + encode(login), Json{{"roles", roles}}, std::nullopt, done}};
  // A bound login acts with its agent's roles: they change on the agent.
  const Agent* agent = state.find_agent(agent_id);
  if (!agent) return refuse("The agent " + agent_id + " of this login is not on the desk");
  Json command = agent_update(state, *agent);
  command["roles"] = roles;
  if (!trim(form.name).empty()) command["name"] = trim(form.name);
  command["nickname"] = trim(form.nickname);
  return std::vector<AdminChange>{command_as_request(command, done)};
}

Result<AdminChange> reset_password(const std::string& login, const std::string& password) {
  if (password.size() < 8) return refuse("New password: at least 8 characters");
  return AdminChange{"PUT", "api/v1/users/" + encode(login), Json{{"password", password}}, std::nullopt,
                     "Password of " + login + " changed; its tokens are revoked."};
}

Result<AdminChange> set_user_disabled(const State& state, const Json& row, bool disabled) {
  const std::string login = text_of(row, "login"), agent_id = text_of(row, "agent");
  const Agent* agent = agent_id.empty() ? nullptr : state.find_agent(agent_id);
  if (!agent) return refuse("Only a login bound to an agent can be disabled; delete " + login + " instead");
  Json command = agent_update(state, *agent);
  command["disabled"] = disabled;
  return command_as_request(command, login + (disabled ? " is disabled: it may not sign in." : " is enabled again."));
}

AdminChange delete_user(const std::string& login) {
  return AdminChange{"DELETE", "api/v1/users/" + encode(login), nullptr, std::nullopt, "Login " + login + " deleted."};
}

Result<std::vector<AdminChange>> save_group(const State& state, const GroupForm& form, bool create) {
  const std::string id = trim(form.id);
  if (id.empty()) return refuse("Group id: letters, digits, '-', '_' or '.'");
  Result<Json> settings = group_settings(form);
  if (!settings) return settings.error();
  std::vector<AdminChange> changes;
  Json command{{"type", create ? "group.create" : "group.update"}, {"group", id}, {"name", form.name},
               {"settings", std::move(settings.value())}};
  if (!create) command["disabled"] = form.disabled;
  changes.push_back(command_as_request(command, "Group " + id + (create ? " created." : " saved.")));
  // Membership is the agents' side: each agent joining or leaving gets its groups replaced.
  for (const Agent& agent : state.agents) {
    bool member = false;
    for (GroupIx g : agent.groups) member = member || state.groups[g].id == id;
    if (member == form.members.contains(agent.id)) continue;
    Json update = agent_update(state, agent);
    Json groups = Json::array();
    for (const Json& g : update["groups"])
      if (g != id) groups.push_back(g);
    if (!member) groups.push_back(id);
    update["groups"] = std::move(groups);
    changes.push_back(command_as_request(update, agent.id + (member ? " left " : " joined ") + id + "."));
  }
  return changes;
}

Result<AdminChange> save_sla(const SlaForm& form) {
  const std::string id = trim(form.id);
  if (id.empty()) return refuse("Policy id: letters, digits, '-', '_' or '.'");
  return command_as_request(Json{{"type", "sla_policy.set"},
                                 {"policy", id},
                                 {"name", form.name.empty() ? id : form.name},
                                 {"first_response_min", form.first_response_min},
                                 {"next_response_min", form.next_response_min},
                                 {"resolution_min", form.resolution_min},
                                 {"business_hours_only", form.business_hours_only}},
                            "SLA policy " + id + " saved.");
}

AdminChange delete_sla(const std::string& id) {
  return command_as_request(Json{{"type", "sla_policy.delete"}, {"policy", id}}, "SLA policy " + id + " deleted.");
}

Result<AdminChange> save_channel(const ChannelForm& form, bool create) {
  const std::string id = trim(form.id);
  if (id.empty()) return refuse("Channel id: letters, digits, '.', '_', '~' or '-'");
  if (trim(form.group).empty()) return refuse("Group: the group the channel's sessions go to");
  Json body{{"kind", form.kind},
            {"name", trim(form.name).empty() ? id : trim(form.name)},
            {"group", trim(form.group)},
            {"origins", split_list(form.origins)},
            {"outbound_url", trim(form.outbound_url)},
            {"disabled", form.disabled}};
  if (!form.secret.empty()) body["secret"] = form.secret;
  if (create) body["id"] = id;
  return AdminChange{create ? "POST" : "PUT", create ? "api/v1/channels" : "api/v1/channels/" + encode(id),
                     std::move(body), std::nullopt, "Channel " + id + (create ? " created." : " saved.")};
}

Result<AdminChange> save_template(const TemplateForm& form, bool create) {
  if (trim(form.title).empty()) return refuse("Title: the name agents pick the template by");
  if (trim(form.text).empty()) return refuse("Text: what the template writes");
  const std::string shortcut = trim(form.shortcut).starts_with('/') ? trim(form.shortcut).substr(1) : trim(form.shortcut);
  if (!valid_shortcut(shortcut)) return refuse("Shortcut: up to 32 lower-case letters, digits, '-' or '_'");
  Json body{{"title", trim(form.title)}, {"text", form.text}, {"shortcut", shortcut}, {"group", trim(form.group)}};
  const std::string id = trim(form.id);
  if (create && !id.empty()) body["id"] = id;
  if (!create && id.empty()) return refuse("Pick a template to save");
  return AdminChange{create ? "POST" : "PUT", create ? "api/v1/templates" : "api/v1/templates/" + encode(id),
                     std::move(body), std::nullopt, "Template \"" + trim(form.title) + (create ? "\" created." : "\" saved.")};
}

AdminChange delete_template(const std::string& id) {
  return AdminChange{"DELETE", "api/v1/templates/" + encode(id), nullptr, std::nullopt, "Template deleted."};
}

Result<AdminChange> add_rule(const RuleForm& form) {
  const std::string value = trim(form.value);
  if (value.empty()) return refuse("Value: what the rule matches");
  Json body{{"kind", form.kind}, {"value", value}, {"action", form.action}};
  if (form.kind == "customer") {
    if (trim(form.channel).empty()) return refuse("Channel: a customer rule names the customer's channel");
    body["channel"] = trim(form.channel);
  }
  if (form.kind == "text") body["match"] = form.match;
  return AdminChange{"POST", "api/v1/blocklist", std::move(body), std::nullopt, "Rule added."};
}

AdminChange delete_rule(const std::string& id) {
  return AdminChange{"DELETE", "api/v1/blocklist/" + encode(id), nullptr, std::nullopt, "Rule " + id + " removed."};
}

Result<AdminChange> set_retention(const std::string& days) {
  const std::string text = trim(days);
  int value = 0;
  bool digits = !text.empty() && text.size() <= 5;
  for (const char c : text) digits = digits && std::isdigit(static_cast<unsigned char>(c)) != 0;
  if (digits) value = std::stoi(text);
  if (!digits || value > 36500) return refuse("Days: a whole number from 0 (keep forever) to 36500");
  return AdminChange{"PUT", "api/v1/retention", Json{{"days", value}}, std::nullopt,
                     value == 0 ? "Closed sessions' content is kept." :
                                  "Closed sessions' content is erased " + std::to_string(value) + " days after their last activity."};
}

Result<AdminChange> erase_customer(const std::string& channel, const std::string& client) {
  if (trim(channel).empty() || trim(client).empty()) return refuse("Channel and customer: both name whom to erase");
  return AdminChange{"POST", "api/v1/customers/erase", Json{{"channel", trim(channel)}, {"client", trim(client)}},
                     std::nullopt, "The customer's sessions are erased."};
}

Json admin_snapshot_json(const AdminUi& ui) {
  const char* status = ui.status == AdminStatus::ready     ? "ready"
                       : ui.status == AdminStatus::loading ? "loading"
                       : ui.status == AdminStatus::failed  ? "failed"
                                                           : "none";
  Json records = Json::object();
  for (const auto& [list, rows] : ui.records) records[list] = rows;
  return Json{{"open", ui.open},        {"section", admin_section_name(ui.section)},
              {"status", status},       {"error", ui.error},
              {"message", ui.message},  {"busy", ui.sending != 0 || !ui.changes.empty()},
              {"loaded", ui.loaded},    {"done", ui.done},
              {"records", std::move(records)}};
}

}  // namespace parley::web
