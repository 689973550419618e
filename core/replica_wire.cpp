// Replica items to and from JSON: one writer and one checked reader per item, field by field.
#include "replica_wire.hpp"

#include "action_wire.hpp"

#include <limits>
#include <type_traits>

namespace parley {

namespace {

Json time_ms(Timestamp at) { return at == kNever ? Json(nullptr) : Json(at); }

Json message_json(const Message& m) {
  Json out{{"id", m.id}, {"from", actor_text(m.from)}, {"text", m.text}, {"at", m.at},
           {"delivery", delivery_name(m.delivery)}};
  if (!m.attachments.empty()) out["attachments"] = attachments_to_json(m.attachments);
  return out;
}

Json separator_json(const Separator& s) {
  Json out{{"kind", separator_name(s.kind)}, {"at", s.at}, {"after", s.after_messages},
           {"who", s.who}, {"group", s.group}, {"reason", s.reason}};
  if (!s.to_agent.empty()) out["to"] = s.to_agent;
  return out;
}

Json chat_json(const ChatSnapshot& snapshot) {
  const Chat& c = snapshot.chat;
  Json messages = Json::array(), separators = Json::array();
  for (const Message& m : c.messages) messages.push_back(message_json(m));
  for (const Separator& s : c.separators) separators.push_back(separator_json(s));
  Json notes = Json::array();
  for (const Note& n : c.notes)
    notes.push_back(Json{{"id", n.id}, {"by", n.by}, {"text", n.text}, {"at", n.at}, {"after", n.after_messages},
                         {"mentions", n.mentions}});
  Json out{{"type", "chat.snapshot"},
              {"chat", c.id},
              {"number", c.number},
              {"group", snapshot.group},
              {"channel", c.channel},
              {"channel_kind", channel_kind_name(c.channel_kind)},
              {"client", c.client},
              {"state", chat_state_name(c.state)},
              {"assignee", snapshot.assignee},
              {"started_at", c.started_at},
              {"last_activity", c.last_activity},
              {"enqueued_at", c.enqueued_at},
              {"queue_sequence", c.queue_sequence},
              {"missed_by", snapshot.missed_by},
              {"priority", priority_name(c.priority)},
              {"prefer_agent", snapshot.prefer_agent},
              {"prefer_until", c.prefer_until},
              {"ever_assigned", c.ever_assigned},
              {"assigned_at", c.assigned_at},
              {"became_open_at", c.became_open_at},
              {"last_client_at", time_ms(c.last_client_at)},
              {"last_agent_at", time_ms(c.last_agent_at)},
              {"last_speaker", static_cast<int>(c.last_speaker)},
              {"waiting_since", time_ms(c.waiting_since)},
              {"agent_replied", c.agent_replied},
              {"sla_window_breached", c.sla_window_breached},
              {"sla_breaches", c.sla_breaches},
              {"unread", c.unread},
              {"opened", c.opened},
              {"credit_agent", snapshot.credit_agent},
              {"credit_at", c.credit_at},
              {"messages", std::move(messages)},
              {"separators", std::move(separators)}, {"notes", std::move(notes)}};
  if (!c.sla_marks.empty()) {  // written only when there are some: snapshots of chats without keep their form
    Json marks = Json::array();
    for (const SlaMark& m : c.sla_marks)
      marks.push_back(Json{{"kind", sla_kind_name(m.kind)}, {"at", m.at}, {"after", m.after_messages},
                           {"minutes", m.minutes}, {"business_hours", m.business_hours}, {"policy", m.policy}});
    out["sla_marks"] = std::move(marks);
  }
  if (!c.action_runs.empty()) {  // written only when there are some, like SLA marks
    Json runs = Json::array();
    for (const ActionRun& a : c.action_runs)
      runs.push_back(Json{{"id", a.id}, {"action", a.action}, {"name", a.name}, {"by", a.by}, {"fields", a.fields},
                          {"at", a.at}, {"after", a.after_messages}, {"outcome", action_outcome_name(a.outcome)},
                          {"text", a.text}, {"finished_at", a.finished_at}});
    out["action_runs"] = std::move(runs);
  }
  if (c.spam) out["spam"] = true;
  return out;
}

Json agent_json(const AgentSnapshot& a) {
  Json history = Json::array();
  for (const StatusChange& change : a.history) history.push_back(Json::array({change.at, status_name(change.status)}));
  Json missed = Json::array();
  for (const Miss& miss : a.missed) missed.push_back(Json::array({miss.at, miss.chat}));
  return Json{{"type", "agent.snapshot"}, {"agent", a.id},          {"name", a.name},
              {"nickname", a.nickname},   {"roles", a.roles},       {"groups", a.groups},
              {"created_at", a.created_at}, {"status", status_name(a.status)}, {"status_since", a.status_since},
              {"idle_since", a.idle_since}, {"history", std::move(history)}, {"missed", std::move(missed)}};
}

// Reads fields of one object; the first wrong field is kept as the error and later reads do nothing.
class FieldReader {
 public:
  explicit FieldReader(const Json& object, std::string where) : object_(object), where_(std::move(where)) {}
  const std::optional<Error>& error() const { return error_; }

  void text(const char* key, std::string& out) {
    if (const Json* j = find(key)) j->is_string() ? void(out = j->get<std::string>()) : bad(key);
  }
  template <class Int>
  void integer(const char* key, Int& out) {
    const Json* j = find(key);
    if (!j) return;
    if (!j->is_number_integer()) return bad(key);
    if constexpr (std::is_unsigned_v<Int>) {
      if (!j->is_number_unsigned()) return bad(key);
      out = j->get<Int>();
    } else {
      if (j->is_number_unsigned() && j->get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX)) return bad(key);
      const std::int64_t wide = j->get<std::int64_t>();
      if (wide < std::numeric_limits<Int>::min() || wide > std::numeric_limits<Int>::max()) return bad(key);
      out = static_cast<Int>(wide);
    }
  }
  void time_or_never(const char* key, Timestamp& out) {
    const Json* j = find(key);
    if (!j) return;
    if (j->is_null()) out = kNever;
    else integer(key, out);
  }
  void flag(const char* key, bool& out) {
    if (const Json* j = find(key)) j->is_boolean() ? void(out = j->get<bool>()) : bad(key);
  }
  void texts(const char* key, std::vector<std::string>& out) {
    const Json* j = find(key);
    if (!j) return;
    if (!j->is_array()) return bad(key);
    for (const Json& item : *j) {
      if (!item.is_string()) return bad(key);
      out.push_back(item.get<std::string>());
    }
  }
  template <class E>
  void named(const char* key, E& out, std::optional<E> (*parse)(std::string_view)) {
    std::string name;
    text(key, name);
    if (error_) return;
    const auto value = parse(name);
    value ? void(out = *value) : bad(key);
  }
  const Json* array(const char* key) {
    const Json* j = find(key);
    if (j && !j->is_array()) bad(key);
    return error_ ? nullptr : j;
  }
  void fail_with(const Error& error) {
    if (!error_) error_ = error;
  }
  void bad(const char* key) {
    if (!error_) error_ = fail(ErrorCode::bad_command, where_ + ": field \"" + key + "\" is missing or malformed");
  }

 private:
  const Json* find(const char* key) {
    if (error_) return nullptr;
    const auto found = object_.find(key);
    if (found == object_.end()) {
      bad(key);
      return nullptr;
    }
    return &*found;
  }
  const Json& object_;
  std::string where_;
  std::optional<Error> error_;
};

void read_attachments(FieldReader& r, const Json& message, std::vector<Attachment>& out) {
  const auto found = message.find("attachments");
  if (found == message.end()) return;
  if (!found->is_array()) return r.bad("attachments");
  for (const Json& item : *found) {
    if (!item.is_object()) return r.bad("attachments");
    FieldReader a(item, "attachment");
    Attachment attachment;
    a.text("id", attachment.id);
    a.text("name", attachment.name);
    a.text("type", attachment.type);
    a.integer("size", attachment.size);
    if (a.error()) return r.fail_with(*a.error());
    out.push_back(std::move(attachment));
  }
}

// Reads each object of `list` into a fresh T with `fill(reader, item, value)`, appending it to `out`.
template <typename T, typename Out, typename Fill>
std::optional<Error> read_list(const Json& list, const char* what, Out& out, T blank, Fill fill) {
  for (const Json& item : list) {
    if (!item.is_object())
      return fail(ErrorCode::bad_command, std::string("chat.snapshot: a ") + what + " is not an object");
    FieldReader r(item, what);
    T value = blank;
    fill(r, item, value);
    if (r.error()) return r.error();
    out.push_back(std::move(value));
  }
  return std::nullopt;
}

std::optional<Error> read_messages(const Json& list, Table<Message, MessageIx>& out) {
  return read_list(list, "message", out, Message{}, [](FieldReader& r, const Json& item, Message& m) {
    std::string from;
    r.text("id", m.id);
    r.text("from", from);
    r.text("text", m.text);
    r.integer("at", m.at);
    r.named("delivery", m.delivery, parse_delivery);
    read_attachments(r, item, m.attachments);
    if (r.error()) return;
    const auto actor = parse_actor(from);
    if (!actor) return r.fail_with(fail(ErrorCode::bad_command, "message: field \"from\" is not an actor"));
    m.from = *actor;
  });
}

std::optional<Error> read_separators(const Json& list, std::vector<Separator>& out) {
  const Separator blank{SeparatorKind::reopened, 0, 0, "", "", ""};
  return read_list(list, "separator", out, blank, [](FieldReader& r, const Json& item, Separator& s) {
    r.named("kind", s.kind, parse_separator);
    r.integer("at", s.at);
    r.integer("after", s.after_messages);
    r.text("who", s.who);
    r.text("group", s.group);
    r.text("reason", s.reason);
    if (item.contains("to")) r.text("to", s.to_agent);
  });
}

std::optional<Error> read_notes(const Json& list, std::vector<Note>& out) {
  return read_list(list, "note", out, Note{"", "", "", 0, 0, {}}, [](FieldReader& r, const Json&, Note& n) {
    r.text("id", n.id);
    r.text("by", n.by);
    r.text("text", n.text);
    r.integer("at", n.at);
    r.integer("after", n.after_messages);
    r.texts("mentions", n.mentions);
  });
}

std::optional<Error> read_sla_marks(const Json& list, std::vector<SlaMark>& out) {
  const SlaMark blank{SlaKind::first_response, 0, 0, 0, false, ""};
  return read_list(list, "SLA mark", out, blank, [](FieldReader& r, const Json&, SlaMark& m) {
    r.named("kind", m.kind, parse_sla_kind);
    r.integer("at", m.at);
    r.integer("after", m.after_messages);
    r.integer("minutes", m.minutes);
    r.flag("business_hours", m.business_hours);
    r.text("policy", m.policy);
  });
}

std::optional<Error> read_action_runs(const Json& list, std::vector<ActionRun>& out) {
  const ActionRun blank{"", "", "", "", {}, 0, 0};
  return read_list(list, "action run", out, blank, [](FieldReader& r, const Json& item, ActionRun& a) {
    r.text("id", a.id);
    r.text("action", a.action);
    r.text("name", a.name);
    r.text("by", a.by);
    r.integer("at", a.at);
    r.integer("after", a.after_messages);
    r.named("outcome", a.outcome, parse_action_outcome);
    r.text("text", a.text);
    r.integer("finished_at", a.finished_at);
    if (const auto fields = item.find("fields"); fields != item.end()) read_action_values(*fields, a.fields);
  });
}

Result<ReplicaItem> read_chat(const Json& json) {
  FieldReader r(json, "chat.snapshot");
  ChatSnapshot snapshot;
  Chat& c = snapshot.chat;
  int speaker = 0;
  r.text("chat", c.id);
  r.integer("number", c.number);
  r.text("group", snapshot.group);
  r.text("channel", c.channel);
  r.named("channel_kind", c.channel_kind, parse_channel_kind);
  r.text("client", c.client);
  r.named("state", c.state, parse_chat_state);
  r.text("assignee", snapshot.assignee);
  r.integer("started_at", c.started_at);
  r.integer("last_activity", c.last_activity);
  r.integer("enqueued_at", c.enqueued_at);
  r.integer("queue_sequence", c.queue_sequence);
  r.texts("missed_by", snapshot.missed_by);
  if (json.contains("priority")) r.named("priority", c.priority, parse_priority);
  if (json.contains("prefer_agent")) r.text("prefer_agent", snapshot.prefer_agent);
  if (json.contains("prefer_until")) r.integer("prefer_until", c.prefer_until);
  r.flag("ever_assigned", c.ever_assigned);
  r.integer("assigned_at", c.assigned_at);
  r.integer("became_open_at", c.became_open_at);
  r.time_or_never("last_client_at", c.last_client_at);
  r.time_or_never("last_agent_at", c.last_agent_at);
  r.integer("last_speaker", speaker);
  r.time_or_never("waiting_since", c.waiting_since);
  r.flag("agent_replied", c.agent_replied);
  r.flag("sla_window_breached", c.sla_window_breached);
  r.integer("sla_breaches", c.sla_breaches);
  r.integer("unread", c.unread);
  r.flag("opened", c.opened);
  r.text("credit_agent", snapshot.credit_agent);
  r.integer("credit_at", c.credit_at);
  const Json* messages = r.array("messages");
  const Json* separators = r.array("separators");
  if (r.error()) return *r.error();
  if (speaker < 0 || speaker > static_cast<int>(Speaker::other))
    return fail(ErrorCode::bad_command, "chat.snapshot: field \"last_speaker\" is out of range");
  c.last_speaker = static_cast<Speaker>(speaker);
  if (auto error = read_messages(*messages, c.messages)) return *error;
  if (auto error = read_separators(*separators, c.separators)) return *error;
  if (const Json* notes = json.contains("notes") ? r.array("notes") : nullptr)
    if (auto error = read_notes(*notes, c.notes)) return *error;
  if (const Json* marks = json.contains("sla_marks") ? r.array("sla_marks") : nullptr)
    if (auto error = read_sla_marks(*marks, c.sla_marks)) return *error;
  if (const Json* runs = json.contains("action_runs") ? r.array("action_runs") : nullptr)
    if (auto error = read_action_runs(*runs, c.action_runs)) return *error;
  if (json.contains("spam")) r.flag("spam", c.spam);
  if (r.error()) return *r.error();
  for (const Separator& s : c.separators)
    if (s.after_messages > c.messages.size())
      return fail(ErrorCode::bad_command, "chat.snapshot: a separator comes after messages it does not have");
  for (const ActionRun& a : c.action_runs)
    if (a.after_messages > c.messages.size())
      return fail(ErrorCode::bad_command, "chat.snapshot: an action run comes after messages it does not have");
  for (const SlaMark& m : c.sla_marks)
    if (m.after_messages > c.messages.size())
      return fail(ErrorCode::bad_command, "chat.snapshot: an SLA mark comes after messages it does not have");
  return ReplicaItem{std::move(snapshot)};
}

Result<ReplicaItem> read_agent(const Json& json) {
  FieldReader r(json, "agent.snapshot");
  AgentSnapshot a;
  r.text("agent", a.id);
  r.text("name", a.name);
  r.text("nickname", a.nickname);
  r.integer("roles", a.roles);
  r.texts("groups", a.groups);
  r.integer("created_at", a.created_at);
  r.named("status", a.status, parse_status);
  r.integer("status_since", a.status_since);
  r.integer("idle_since", a.idle_since);
  const Json* history = r.array("history");
  const Json* missed = r.array("missed");
  if (r.error()) return *r.error();
  for (const Json& change : *history) {
    const auto status = change.is_array() && change.size() == 2 && change[0].is_number_integer() && change[1].is_string()
                            ? parse_status(change[1].get<std::string>())
                            : std::nullopt;
    if (!status) return fail(ErrorCode::bad_command, "agent.snapshot: a history entry is not [ms, status]");
    a.history.push_back(StatusChange{change[0].get<std::int64_t>(), *status});
  }
  for (const Json& miss : *missed) {
    if (!miss.is_array() || miss.size() != 2 || !miss[0].is_number_integer() || !miss[1].is_string())
      return fail(ErrorCode::bad_command, "agent.snapshot: a missed entry is not [ms, chat]");
    a.missed.push_back(Miss{miss[0].get<std::int64_t>(), miss[1].get<std::string>()});
  }
  return ReplicaItem{std::move(a)};
}

Result<ReplicaItem> read_reset(const Json& json) {
  FieldReader r(json, "replica.reset");
  ReplicaReset reset;
  r.integer("last_event_at", reset.last_event_at);
  r.integer("shift_gap_ms", reset.settings.shift_gap);
  if (r.error()) return *r.error();
  return ReplicaItem{reset};
}

}  // namespace

std::string_view replica_item_type(const ReplicaItem& item) {
  constexpr std::string_view kTypes[] = {"replica.reset", "group.snapshot", "agent.snapshot", "chat.snapshot",
                                         "chat.forget",   "sla_policy.snapshot", "channel.snapshot"};
  return kTypes[item.index()];
}

bool is_replica_item_type(std::string_view type) {
  return type == "replica.reset" || type == "group.snapshot" || type == "agent.snapshot" || type == "chat.snapshot" ||
         type == "chat.forget" || type == "sla_policy.snapshot" || type == "channel.snapshot";
}

Json replica_item_to_json(const ReplicaItem& item) {
  return std::visit(
      [](const auto& value) -> Json {
        using T = std::decay_t<decltype(value)>;
        if constexpr (std::is_same_v<T, ReplicaReset>)
          return Json{{"type", "replica.reset"}, {"last_event_at", value.last_event_at}, {"shift_gap_ms", value.settings.shift_gap}};
        else if constexpr (std::is_same_v<T, GroupUpdated> || std::is_same_v<T, SlaPolicySaved> ||
                           std::is_same_v<T, ChannelChanged>) {
          Json json = event_to_json(Event{0, value});
          json.erase("at");
          json["type"] = std::is_same_v<T, GroupUpdated>     ? "group.snapshot"
                         : std::is_same_v<T, SlaPolicySaved> ? "sla_policy.snapshot"
                                                             : "channel.snapshot";
          return json;
        }
        else if constexpr (std::is_same_v<T, AgentSnapshot>)
          return agent_json(value);
        else if constexpr (std::is_same_v<T, ChatForgotten>)
          return Json{{"type", "chat.forget"}, {"chat", value.chat}};
        else
          return chat_json(value);
      },
      item);
}

Result<ReplicaItem> replica_item_from_json(const Json& json) {
  if (!json.is_object() || !json.contains("type") || !json["type"].is_string())
    return fail(ErrorCode::bad_command, "a replica item needs a \"type\"");
  const std::string type = json["type"].get<std::string>();
  if (type == "replica.reset") return read_reset(json);
  if (type == "agent.snapshot") return read_agent(json);
  if (type == "chat.snapshot") return read_chat(json);
  if (type == "chat.forget") {
    if (!json.contains("chat") || !json["chat"].is_string())
      return fail(ErrorCode::bad_command, "chat.forget: field \"chat\" is missing or malformed");
    return ReplicaItem{ChatForgotten{json["chat"].get<std::string>()}};
  }
  if (type == "group.snapshot" || type == "sla_policy.snapshot" || type == "channel.snapshot") {
    Json as_event = json;
    as_event["type"] = type == "group.snapshot" ? "group.updated" : type == "sla_policy.snapshot" ? "sla_policy.saved" : "channel.changed";
    as_event["at"] = "1970-01-01T00:00:00Z";
    auto event = event_from_json(as_event);
    if (!event) return event.error();
    if (const auto* group = std::get_if<GroupUpdated>(&event.value().body)) return ReplicaItem{*group};
    if (const auto* policy = std::get_if<SlaPolicySaved>(&event.value().body)) return ReplicaItem{*policy};
    if (const auto* channel = std::get_if<ChannelChanged>(&event.value().body)) return ReplicaItem{*channel};
  }
  return fail(ErrorCode::bad_command, "unknown replica item type \"" + type + "\"");
}

}  // namespace parley
