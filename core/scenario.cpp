// Line handling of the scenario runner: time order, timers, commands, queries, refusals.
#include "scenario.hpp"

#include "contact_wire.hpp"
#include "engine.hpp"
#include "report_wire.hpp"
#include "stats.hpp"
#include "views.hpp"

namespace parley {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
    s.remove_suffix(1);
  return s;
}

std::optional<std::string> string_field(const Json& line, const char* key, std::optional<Error>& error) {
  const auto it = line.find(key);
  if (it == line.end() || !it->is_string()) {
    error = fail(ErrorCode::bad_command, std::string("missing field '") + key + "'");
    return std::nullopt;
  }
  return it->get<std::string>();
}

Json ids(const State& state, const std::vector<ChatIx>& chats) {
  Json out = Json::array();
  for (ChatIx c : chats) out.push_back(state.chats[c].id);
  return out;
}

}  // namespace

std::optional<std::string> ScenarioRunner::feed(std::string_view raw) {
  ++line_;
  const std::string_view text = trim(raw);
  if (text.empty() || text.substr(0, 2) == "//") return std::nullopt;
  const auto json = parse_json(text);
  if (!json || !json->is_object()) return refusal(std::nullopt, fail(ErrorCode::bad_command, "the line is not a JSON object"));
  const auto at_field = json->find("at");
  const auto at = at_field != json->end() && at_field->is_string() ? parse_rfc3339(at_field->get<std::string>())
                                                                      : std::nullopt;
  if (!at) return refusal(std::nullopt, fail(ErrorCode::bad_command, "field 'at' must be an RFC 3339 time"));
  if (*at < last_at_) return refusal(at, fail(ErrorCode::bad_command, "'at' is earlier than the previous line"));
  last_at_ = *at;
  const auto type_field = json->find("type");
  const std::string type = type_field != json->end() && type_field->is_string() ? type_field->get<std::string>() : "";
  if (type.rfind("query.", 0) == 0) {
    advance(state_, *at);
    std::optional<Error> error;
    Json out = query(type, *json, *at, error);
    if (error) return refusal(at, *error);
    return out.dump();
  }
  const Result<Command> command = command_from_json(*json);
  if (!command) return refusal(at, command.error());
  Outcome outcome = handle(state_, command.value(), *at);
  if (outcome.error) return refusal(at, *outcome.error);
  return std::nullopt;
}

Json ScenarioRunner::query(const std::string& type, const Json& line, Timestamp at, std::optional<Error>& error) {
  Json out;
  out["at"] = format_rfc3339(at);
  if (type == "query.report") {
    const auto request = report_request_from_json(line);
    if (!request) {
      error = request.error();
      return out;
    }
    const ReportQuery& q = request.value().query;
    if (!q.group.empty() && state_.group_ix(q.group) == kNoIndex) {
      error = fail(ErrorCode::unknown_group, "no group " + q.group);
      return out;
    }
    const Json body = report_to_json(request.value().kind, q, compute_reports(state_, q, at));
    for (auto it = body.begin(); it != body.end(); ++it) out[it.key()] = it.value();
    return out;
  }
  if (type == "query.blocklist") {
    Json rules = Json::array();
    for (const auto& [id, rule] : state_.block_rules) rules.push_back(block_rule_to_json(rule));
    out["rules"] = std::move(rules);
    return out;
  }
  if (type == "query.history" || type == "query.contact" || type == "query.contacts") {
    contact_query(type, line, out, error);
    return out;
  }
  const bool about_chat = type == "query.chat" || type == "query.timeline";
  if (about_chat) {
    const auto chat_id = string_field(line, "chat", error);
    if (!chat_id) return out;
    const Chat* chat = state_.find_chat(*chat_id);
    if (!chat) {
      error = fail(ErrorCode::unknown_chat, "no chat " + *chat_id);
      return out;
    }
    out["chat"] = *chat_id;
    const Json body =
        chat_to_json(state_, *chat, type == "query.chat" ? ChatDetail::summary : ChatDetail::with_timeline);
    for (auto it = body.begin(); it != body.end(); ++it) out[it.key()] = it.value();
    return out;
  }
  const auto agent_id = string_field(line, "agent", error);
  if (!agent_id) return out;
  const auto agent = state_.agent_ix(*agent_id);
  if (agent == kNoIndex) {
    error = fail(ErrorCode::unknown_agent, "no agent " + *agent_id);
    return out;
  }
  out["agent"] = *agent_id;
  if (type == "query.agent_stats") {
    out["stats"] = stats_to_json(agent_stats(state_, agent, at));
  } else if (type == "query.queue") {
    out["queue"] = ids(state_, waiting_queue(state_, agent));
  } else if (type == "query.counters") {
    out["counters"] = counters_to_json(counters(state_, agent));
  } else if (type == "query.list") {
    const auto view_name = string_field(line, "view", error);
    if (!view_name) return out;
    const auto view = parse_list_view(*view_name);
    if (!view) {
      error = fail(ErrorCode::bad_command, "field 'view' must be one of mine, queue, active, closed, spam");
      return out;
    }
    const auto list = session_list(state_, agent, *view);
    if (!list) {
      error = list.error();
      return out;
    }
    out["view"] = *view_name;
    out["chats"] = ids(state_, list.value());
  } else if (type == "query.search") {
    const auto text = string_field(line, "text", error);
    if (!text) return out;
    out["text"] = *text;
    const auto chat_field = line.find("chat");
    if (chat_field == line.end()) {
      out["chats"] = ids(state_, search_sessions(state_, agent, *text));
      return out;
    }
    const Chat* chat = chat_field->is_string() ? state_.find_chat(chat_field->get<std::string>()) : nullptr;
    if (!chat || !may_read(state_.agents[agent], chat->group)) {
      error = fail(ErrorCode::unknown_chat, "no such chat for agent " + *agent_id);
      return out;
    }
    out["chat"] = chat->id;
    Json messages = Json::array();
    for (MessageIx m : search_messages(*chat, *text)) messages.push_back(chat->messages[m].id);
    out["name_matches"] = contains_ignoring_case(chat->client, *text);
    out["messages"] = std::move(messages);
  } else {
    error = fail(ErrorCode::bad_command, "unknown query type " + type);
  }
  return out;
}

// Customers and contacts as an admin sees them (the same JSON as the REST routes).
void ScenarioRunner::contact_query(const std::string& type, const Json& line, Json& out, std::optional<Error>& error) {
  const Login admin{kNoIndex, kRoleAdmin};
  Json body;
  if (type == "query.contacts") {
    const auto text = line.find("text");
    body = contact_list_json(state_, admin, text != line.end() && text->is_string() ? text->get<std::string>() : "", 100);
  } else if (type == "query.history") {
    const auto chat_id = string_field(line, "chat", error);
    if (!chat_id) return;
    const Chat* chat = state_.find_chat(*chat_id);
    if (!chat) {
      error = fail(ErrorCode::unknown_chat, "no chat " + *chat_id);
      return;
    }
    body = customer_history_json(state_, admin, *chat);
  } else {
    const auto contact_id = string_field(line, "contact", error);
    if (!contact_id) return;
    const Contact* contact = live_contact(state_, *contact_id);
    if (!contact) {
      error = fail(ErrorCode::unknown_contact, "no contact " + *contact_id);
      return;
    }
    body = contact_detail_json(state_, admin, *contact);
  }
  for (auto it = body.begin(); it != body.end(); ++it) out[it.key()] = it.value();
}

std::string ScenarioRunner::refusal(std::optional<Timestamp> at, const Error& error) const {
  Json out;
  out["at"] = time_json(at);
  out["line"] = line_;
  out["error"] = Json{{"code", error_code_name(error.code)}, {"message", error.message}};
  return out.dump();
}

}  // namespace parley
