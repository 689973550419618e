// Audit rows of logged events: actor, action, record and a summary built from the event's fields.
#include "audit_entry.hpp"

#include <type_traits>

#include "event_keys.hpp"

namespace parley {

namespace {

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

std::string role_list(RoleSet roles) {
  std::vector<std::string> names;
  for (auto [name, role] : {std::pair{"operator", kRoleOperator}, std::pair{"supervisor", kRoleSupervisor},
                            std::pair{"reader", kRoleReader}, std::pair{"admin", kRoleAdmin}})
    if (roles & role) names.emplace_back(name);
  return join(names);
}

std::string quoted(const std::string& text) { return "\"" + text + "\""; }

std::string characters(const std::string& text) {
  std::size_t count = 0;
  for (unsigned char c : text) count += (c & 0xC0) != 0x80;
  return std::to_string(count) + (count == 1 ? " character" : " characters");
}

std::string files(std::size_t count) {
  return count == 0 ? std::string() : " · " + std::to_string(count) + (count == 1 ? " file" : " files");
}

std::string group_summary(const std::string& name, const GroupSettings& settings, bool disabled) {
  const Json json = group_settings_to_json(settings);
  std::string out = quoted(name) + " · routing " + json.value("routing", std::string()) + " · at most " +
                    std::to_string(settings.max_active) + " active";
  if (!settings.sla_policy.empty()) out += " · SLA policy " + settings.sla_policy;
  if (settings.business_hours) out += " · business hours " + settings.business_hours->zone.name;
  if (disabled) out += " · disabled";
  return out;
}

std::string agent_summary(const std::string& name, const std::vector<std::string>& groups, RoleSet roles,
                          bool disabled) {
  std::string out = quoted(name) + " · roles " + role_list(roles) + " · groups " +
                    (groups.empty() ? std::string("none") : join(groups));
  if (disabled) out += " · disabled";
  return out;
}

std::string minutes(int value) { return value == 0 ? std::string("none") : std::to_string(value) + " min"; }

struct Described {
  std::string by, kind, record, summary;
};

Described describe(const Event& event) {
  const Json wire = event_to_json(event);
  const auto field = [&](const char* key) { return wire.value(key, std::string()); };
  return std::visit(
      [&](const auto& e) -> Described {
        using T = std::decay_t<decltype(e)>;
        if constexpr (std::is_same_v<T, GroupCreated>)
          return {"", "group", e.group, group_summary(e.name, e.settings, false)};
        else if constexpr (std::is_same_v<T, GroupUpdated>)
          return {"", "group", e.group, group_summary(e.name, e.settings, e.disabled)};
        else if constexpr (std::is_same_v<T, AgentCreated>)
          return {"", "agent", e.agent, agent_summary(e.name, e.groups, e.roles, false)};
        else if constexpr (std::is_same_v<T, AgentUpdated>)
          return {"", "agent", e.agent, agent_summary(e.name, e.groups, e.roles, e.disabled)};
        else if constexpr (std::is_same_v<T, DeskSettingsChanged>)
          return {"", "desk", "settings", "shift gap " + std::to_string(e.shift_gap / kMinute) + " min"};
        else if constexpr (std::is_same_v<T, AgentStatusChanged>)
          return {"agent:" + e.agent, "agent", e.agent, std::string(status_name(e.status))};
        else if constexpr (std::is_same_v<T, ChatStarted>)
          return {actor_text(e.by), "chat", e.chat,
                  "#" + std::to_string(e.number) + " · group " + e.group + " · channel " + e.channel + " · client " +
                      e.client};
        else if constexpr (std::is_same_v<T, ChatAssigned>)
          return {actor_text(e.by), "chat", e.chat, "to " + e.agent + " (" + field("how") + ")"};
        else if constexpr (std::is_same_v<T, MessageSent>)
          return {actor_text(e.from), "chat", e.chat,
                  "message " + e.message + " · " + characters(e.text) + files(e.attachments.size())};
        else if constexpr (std::is_same_v<T, DeliveryChanged>)
          return {"channel", "chat", e.chat, "message " + e.message + " " + std::string(delivery_name(e.status))};
        else if constexpr (std::is_same_v<T, ChatRead>)
          return {"agent:" + e.agent, "chat", e.chat, "read by " + e.agent};
        else if constexpr (std::is_same_v<T, ChatPaused>)
          return {"agent:" + e.agent, "chat", e.chat, "paused by " + e.agent};
        else if constexpr (std::is_same_v<T, ChatResumed>)
          return {"agent:" + e.agent, "chat", e.chat, "resumed by " + e.agent};
        else if constexpr (std::is_same_v<T, ChatTransferred>) {
          std::string to = !e.to_agent.empty() ? "to " + e.to_agent : "to the queue";
          if (!e.to_group.empty()) to += " of group " + e.to_group;
          return {actor_text(e.by), "chat", e.chat,
                  (e.from_agent.empty() ? std::string() : "from " + e.from_agent + " ") + to +
                      (e.reason.empty() ? "" : " · with a reason")};
        } else if constexpr (std::is_same_v<T, ChatClosed>)
          return {actor_text(e.by), "chat", e.chat,
                  "closed (" + field("method") + ")" +
                      (e.credited_agent.empty() ? std::string() : " · credited to " + e.credited_agent)};
        else if constexpr (std::is_same_v<T, ChatReopened>)
          return {actor_text(e.by), "chat", e.chat, "reopened"};
        else if constexpr (std::is_same_v<T, SlaBreached>)
          return {"process", "chat", e.chat,
                  std::string(sla_kind_name(e.kind)) + " deadline missed" +
                      (e.agent.empty() ? std::string(" · waiting") : " · assignee " + e.agent)};
        else if constexpr (std::is_same_v<T, GroupOpened>)
          return {"process", "group", e.group, "business hours began"};
        else if constexpr (std::is_same_v<T, NoteAdded>) {
          std::string out = "note " + e.note + " · " + characters(e.text);
          if (!e.mentions.empty()) out += " · mentions " + join(e.mentions);
          return {actor_text(e.by), "chat", e.chat, out};
        } else if constexpr (std::is_same_v<T, SlaPolicySaved>)
          return {"", "sla_policy", e.policy.id,
                  quoted(e.policy.name) + " · first response " + minutes(e.policy.first_response_min) +
                      " · next response " + minutes(e.policy.next_response_min) + " · resolution " +
                      minutes(e.policy.resolution_min) + (e.policy.business_hours_only ? " · business hours only" : "")};
        else if constexpr (std::is_same_v<T, SlaPolicyDeleted>)
          return {"", "sla_policy", e.policy, "deleted"};
        else if constexpr (std::is_same_v<T, ContactCreated> || std::is_same_v<T, ContactUpdated>)
          return {e.by, "contact", e.contact, quoted(e.fields.name) + (e.fields.company.empty() ? "" : " · " + e.fields.company)};
        else if constexpr (std::is_same_v<T, ContactsMerged>)
          return {e.by, "contact", e.contact, "merged " + e.from + " into it"};
        else if constexpr (std::is_same_v<T, CustomerLinked>)
          return {e.by, "contact", e.contact, "linked the customer of chat " + e.chat};
        else if constexpr (std::is_same_v<T, CaseCreated>)
          return {e.by, "case", e.id, quoted(e.subject) + " · " + field("status") + " · " + field("priority")};
        else if constexpr (std::is_same_v<T, ActionStarted>)
          return {actor_text(e.by), "chat", e.chat, "action " + e.action + " " + quoted(e.name) + " · run " + e.run};
        else if constexpr (std::is_same_v<T, ActionFinished>)
          return {"", "chat", e.chat, "run " + e.run + " · " + field("outcome")};
        else if constexpr (std::is_same_v<T, LeadCreated>)
          return {e.by, "lead", e.id, quoted(e.subject) + " · value " + std::to_string(e.value)};
        else {
          // An event kind without its own line: named by its chat when it has one.
          const std::string chat(event_chat(event.body));
          return {"", chat.empty() ? "desk" : "chat", chat, ""};
        }
      },
      event.body);
}

bool same_actor(const std::string& who, const std::string& wanted) {
  return !who.empty() && (who == wanted || who == "agent:" + wanted);
}

}  // namespace

AuditRow audit_row(const Event& event, std::string_view login) {
  Described d = describe(event);
  AuditRow row;
  row.at = event.at;
  row.actor = login.empty() ? d.by : std::string(login);
  row.by = std::move(d.by);
  row.action = std::string(event_type(event.body));
  row.kind = std::move(d.kind);
  row.record = std::move(d.record);
  row.chat = std::string(event_chat(event.body));
  row.summary = std::move(d.summary);
  return row;
}

Result<AuditFilter> audit_filter(std::string_view from, std::string_view to, std::string_view actor,
                                 std::string_view chat) {
  AuditFilter filter;
  if (!from.empty()) {
    const auto at = parse_rfc3339(from);
    if (!at) return fail(ErrorCode::bad_command, "from must be an RFC 3339 time");
    filter.from = *at;
  }
  if (!to.empty()) {
    const auto at = parse_rfc3339(to);
    if (!at) return fail(ErrorCode::bad_command, "to must be an RFC 3339 time");
    filter.to = *at;
  }
  if (filter.from > filter.to) return fail(ErrorCode::bad_command, "from must not be after to");
  filter.actor = std::string(actor);
  filter.chat = std::string(chat);
  return filter;
}

bool audit_matches(const AuditRow& row, const AuditFilter& filter) {
  if (row.at < filter.from || row.at >= filter.to) return false;
  if (!filter.chat.empty() && row.chat != filter.chat) return false;
  if (!filter.actor.empty() && !same_actor(row.actor, filter.actor) && !same_actor(row.by, filter.actor))
    return false;
  return true;
}

Json audit_row_to_json(const AuditRow& row) {
  const auto or_null = [](const std::string& text) { return text.empty() ? Json(nullptr) : Json(text); };
  return Json{{"at", format_rfc3339(row.at)}, {"actor", row.actor},   {"by", or_null(row.by)},
              {"action", row.action},         {"kind", row.kind},     {"record", row.record},
              {"chat", or_null(row.chat)},    {"summary", row.summary}};
}

Result<AuditRow> audit_row_from_json(const Json& json) {
  if (!json.is_object()) return fail(ErrorCode::bad_command, "an audit row must be an object");
  const auto text = [&](const char* key, std::string& out, bool nullable) {
    const auto it = json.find(key);
    if (it == json.end() || (nullable && it->is_null())) return nullable;
    if (!it->is_string()) return false;
    out = it->get<std::string>();
    return true;
  };
  AuditRow row;
  std::string at;
  if (!text("at", at, false)) return fail(ErrorCode::bad_command, "audit row: at must be a time");
  const auto parsed = parse_rfc3339(at);
  if (!parsed) return fail(ErrorCode::bad_command, "audit row: at must be a time");
  row.at = *parsed;
  if (!text("actor", row.actor, false) || !text("by", row.by, true) || !text("action", row.action, false) ||
      !text("kind", row.kind, false) || !text("record", row.record, false) || !text("chat", row.chat, true) ||
      !text("summary", row.summary, false))
    return fail(ErrorCode::bad_command, "audit row: actor, action, kind, record and summary must be text");
  return row;
}

}  // namespace parley
