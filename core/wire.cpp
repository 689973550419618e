// JSON readers and writers over the field lists of wire_fields.hpp, enum names, and view JSON.
#include "wire.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "action_wire.hpp"
#include "timeline.hpp"
#include "wire_fields.hpp"

namespace parley {

namespace {

using wire::Need;

template <class E> struct EnumNames;
template <> struct EnumNames<AgentStatus> { static constexpr std::array<const char*, 3> names{"offline", "online", "dnd"}; };
template <> struct EnumNames<ChatState> { static constexpr std::array<const char*, 4> names{"queued", "open", "paused", "closed"}; };
template <> struct EnumNames<Routing> { static constexpr std::array<const char*, 2> names{"auto", "accept"}; };
template <> struct EnumNames<ChannelKind> { static constexpr std::array<const char*, 2> names{"external", "internal"}; };
template <> struct EnumNames<Delivery> { static constexpr std::array<const char*, 5> names{"none", "sending", "delivered", "read", "error"}; };
template <> struct EnumNames<CloseMethod> { static constexpr std::array<const char*, 5> names{"agent", "manual", "process", "chatbot", "no_client_answer"}; };
template <> struct EnumNames<SlaKind> { static constexpr std::array<const char*, 3> names{"first_response", "next_response", "resolution"}; };
template <> struct EnumNames<AssignKind> { static constexpr std::array<const char*, 3> names{"routed", "accepted", "assigned"}; };
template <> struct EnumNames<SeparatorKind> {
  static constexpr std::array<const char*, 11> names{
      "started_by_client", "started_by_agent", "closed_by_agent", "closed_by_manual_action", "closed_by_process",
      "closed_by_chatbot", "closed_no_client_answer", "transferred_automatically", "transferred_by_agent",
      "transferred_to_group", "reopened"};
};
template <> struct EnumNames<BlockKind> { static constexpr std::array<const char*, 4> names{"customer", "visitor", "ip", "text"}; };
template <> struct EnumNames<BlockAction> { static constexpr std::array<const char*, 2> names{"refuse", "spam"}; };
template <> struct EnumNames<TextMatch> { static constexpr std::array<const char*, 2> names{"substring", "word"}; };
template <> struct EnumNames<CaseStatus> { static constexpr std::array<const char*, 4> names{"open", "pending", "resolved", "closed"}; };
template <> struct EnumNames<Priority> { static constexpr std::array<const char*, 4> names{"low", "normal", "high", "urgent"}; };
template <> struct EnumNames<ActionOutcome> { static constexpr std::array<const char*, 3> names{"pending", "ok", "error"}; };
template <> struct EnumNames<ListView> { static constexpr std::array<const char*, 5> names{"mine", "queue", "active", "closed", "spam"}; };

constexpr std::array<std::pair<const char*, Role>, 4> kRoleNames{
    {{"operator", kRoleOperator}, {"supervisor", kRoleSupervisor}, {"reader", kRoleReader}, {"admin", kRoleAdmin}}};
constexpr const char* kWeekdays[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

template <class E>
std::string_view enum_name(E value) {
  return EnumNames<E>::names[static_cast<std::size_t>(value)];
}

template <class E>
std::optional<E> enum_from_name(std::string_view text) {
  const auto& names = EnumNames<E>::names;
  for (std::size_t i = 0; i < names.size(); ++i)
    if (text == names[i]) return static_cast<E>(i);
  return std::nullopt;
}

template <class E>
std::string enum_choices() {
  std::string list;
  for (const char* name : EnumNames<E>::names) list += (list.empty() ? "" : ", ") + std::string(name);
  return list;
}

Json business_hours_to_json(const BusinessHours& hours) {
  Json week = Json::object();
  for (std::size_t d = 0; d < 7; ++d) {
    if (hours.week[d].empty()) continue;
    Json ranges = Json::array();
    for (const DayRange& r : hours.week[d]) ranges.push_back(format_day_range(r));
    week[kWeekdays[d]] = std::move(ranges);
  }
  Json out{{"zone", hours.zone.name}, {"week", std::move(week)}};
  if (!hours.closed_days.empty()) {  // written only when set: older logs keep their form
    Json closed = Json::array();
    for (std::int64_t day : hours.closed_days) closed.push_back(format_local_date(day));
    out["closed"] = std::move(closed);
  }
  return out;
}

class Reader {
 public:
  explicit Reader(const Json& object) : object_(object) {}
  const std::optional<Error>& error() const { return error_; }

  void operator()(const char* key, std::string& out, Need need) {
    if (const Json* j = find(key, need)) {
      if (!j->is_string()) return bad(key, "a string");
      out = j->get<std::string>();
    }
  }
  void operator()(const char* key, int& out, Need need) {
    std::int64_t wide = out;
    (*this)(key, wide, need);
    if (wide < INT32_MIN || wide > INT32_MAX) return bad(key, "a smaller integer");
    out = static_cast<int>(wide);
  }
  void operator()(const char* key, std::int64_t& out, Need need) {
    if (const Json* j = find(key, need)) {
      if (!j->is_number_integer()) return bad(key, "an integer");
      if (j->is_number_unsigned() && j->get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX))
        return bad(key, "an integer below 2^63");
      out = j->get<std::int64_t>();
    }
  }
  void operator()(const char* key, bool& out, Need need) {
    if (const Json* j = find(key, need)) {
      if (!j->is_boolean()) return bad(key, "true or false");
      out = j->get<bool>();
    }
  }
  void operator()(const char* key, Actor& out, Need need) {
    const Json* j = find(key, need);
    if (!j) return;
    const auto actor = j->is_string() ? parse_actor(j->get<std::string>()) : std::nullopt;
    if (!actor) return bad(key, "an actor: client, agent:<id>, manual:<id>, bot:<name> or process");
    out = *actor;
  }
  template <class E, class = std::enable_if_t<std::is_enum_v<E>>>
  void operator()(const char* key, E& out, Need need) {
    std::string text;
    (*this)(key, text, need);
    if (error_ || (text.empty() && need == Need::optional)) return;
    const auto value = enum_from_name<E>(text);
    if (!value) return bad(key, "one of " + enum_choices<E>());
    out = *value;
  }
  void operator()(const char* key, std::vector<std::string>& out, Need need) {
    if (const Json* j = find(key, need)) {
      if (!j->is_array()) return bad(key, "a list of strings");
      out.clear();
      for (const Json& item : *j) {
        if (!item.is_string()) return bad(key, "a list of strings");
        out.push_back(item.get<std::string>());
      }
    }
  }
  void operator()(const char* key, std::vector<Attachment>& out, Need need) {
    const Json* j = find(key, need);
    if (!j) return;
    if (!j->is_array()) return bad(key, "a list of {\"id\",\"name\",\"type\",\"size\"} objects");
    out.clear();
    for (const Json& item : *j) {
      const std::string where = std::string(key) + "[" + std::to_string(out.size()) + "]";
      if (!item.is_object()) return bad(where.c_str(), "an {\"id\",\"name\",\"type\",\"size\"} object");
      Attachment a;
      Reader nested(item);
      nested("id", a.id, Need::required);
      nested("name", a.name, Need::required);
      nested("type", a.type, Need::required);
      nested("size", a.size, Need::required);
      if (nested.error_) {
        error_ = fail(ErrorCode::bad_command, where + ": " + nested.error_->message);
        return;
      }
      out.push_back(std::move(a));
    }
  }
  void operator()(const char* key, std::vector<ActionField>& out, Need need) {
    const Json* j = find(key, need);
    if (!j) return;
    if (auto refusal = read_action_fields(*j, out)) error_ = refusal;
  }
  void operator()(const char* key, std::map<std::string, std::string>& out, Need need) {
    const Json* j = find(key, need);
    if (!j) return;
    if (auto refusal = read_action_values(*j, out)) error_ = refusal;
  }
  void operator()(const char* key, GroupSettings& out, Need need) {
    const Json* j = find(key, need);
    if (!j) return;
    if (!j->is_object()) return bad(key, "an object");
    Reader nested(*j);
    nested("routing", out.routing, Need::optional);
    nested.bounded("max_active", out.max_active, 1, 1000);
    nested.bounded("max_load", out.max_load, 0, 1000000);
    nested.bounded("return_to_agent_min", out.return_to_agent_min, 0, 10080);
    nested("close_silent", out.close_silent, Need::optional);
    nested.bounded("close_silent_after_min", out.close_silent_after_min, 1, 525600);
    nested("transfer_unanswered", out.transfer_unanswered, Need::optional);
    nested.bounded("transfer_unanswered_after_min", out.transfer_unanswered_after_min, 1, 525600);
    nested.bounded("first_response_min", out.first_response_min, 0, 525600);
    nested.bounded("next_response_min", out.next_response_min, 0, 525600);
    nested.business_hours("business_hours", out.business_hours);
    nested("hold_outside_hours", out.hold_outside_hours, Need::optional);
    nested("sla_policy", out.sla_policy, Need::optional);
    if (nested.error_) error_ = nested.error_;
  }
  void roles(const char* key, RoleSet& out) {
    std::vector<std::string> names;
    (*this)(key, names, Need::optional);
    if (error_ || !object_.contains(key)) return;
    RoleSet set = 0;
    for (const std::string& name : names) {
      RoleSet bit = 0;
      for (const auto& [role_name, role] : kRoleNames)
        if (name == role_name) bit = role;
      if (!bit) return bad(key, "a list of: operator, supervisor, reader, admin");
      set |= bit;
    }
    if (!set) return bad(key, "a non-empty list of roles");
    out = set;
  }
  void text_and_attachments(std::string& text, std::vector<Attachment>& list) {
    (*this)("attachments", list, Need::optional);
    if (error_) return;
    if (list.empty() && !find("text", Need::optional))
      error_ = fail(ErrorCode::bad_command, "a message needs text, attachments or both");
    (*this)("text", text, Need::optional);
  }
  void minutes(const char* key, std::optional<Duration>& out) {
    std::int64_t value = 0;
    if (!find(key, Need::optional)) return;
    (*this)(key, value, Need::optional);
    constexpr std::int64_t kTenYearsMin = 10LL * 366 * 24 * 60;
    if (!error_ && (value < -kTenYearsMin || value > kTenYearsMin)) return bad(key, "at most 5270400 minutes");
    if (!error_) out = value * kMinute;
  }

  void priority(const char* key, Priority& out) { (*this)(key, out, Need::optional); }
  void priority(const char* key, std::optional<Priority>& out) {
    if (!find(key, Need::optional)) return;
    Priority value = Priority::normal;
    (*this)(key, value, Need::required);
    if (!error_) out = value;
  }

  void bounded(const char* key, int& out, int low, int high) {
    (*this)(key, out, Need::optional);
    if (!error_ && (out < low || out > high))
      bad(key, "between " + std::to_string(low) + " and " + std::to_string(high));
  }

 private:
  const Json* find(const char* key, Need need) {
    if (error_) return nullptr;
    const auto it = object_.find(key);
    if (it == object_.end() || it->is_null()) {
      if (need == Need::required) error_ = fail(ErrorCode::bad_command, std::string("missing field '") + key + "'");
      return nullptr;
    }
    return &*it;
  }
  void bad(const char* key, const std::string& expected) {
    error_ = fail(ErrorCode::bad_command, std::string("field '") + key + "' must be " + expected);
  }
  void business_hours(const char* key, std::optional<BusinessHours>& out) {
    const Json* j = find(key, Need::optional);
    if (!j) {
      out.reset();
      return;
    }
    if (!j->is_object()) return bad(key, "null or {\"zone\":…,\"week\":{\"mon\":[\"09:00-17:00\"],…}}");
    BusinessHours hours;
    const auto zone = j->find("zone");
    if (zone == j->end() || !zone->is_string()) return bad(key, "an object with a \"zone\" string");
    const auto tz = find_time_zone(zone->get<std::string>());
    if (!tz) return bad(key, "in a supported zone (UTC, ±HH:MM, or a listed IANA name)");
    hours.zone = *tz;
    const auto week = j->find("week");
    if (week == j->end() || !week->is_object()) return bad(key, "an object with a \"week\" object");
    for (auto day = week->begin(); day != week->end(); ++day) {
      std::size_t d = 7;
      for (std::size_t i = 0; i < 7; ++i)
        if (day.key() == kWeekdays[i]) d = i;
      if (d == 7 || !day.value().is_array()) return bad(key, "a week keyed mon…sun with lists of ranges");
      for (const Json& range : day.value()) {
        const auto parsed = range.is_string() ? parse_day_range(range.get<std::string>()) : std::nullopt;
        if (!parsed) return bad(key, "made of \"HH:MM-HH:MM\" ranges");
        hours.week[d].push_back(*parsed);
      }
    }
    if (const auto closed = j->find("closed"); closed != j->end() && !closed->is_null()) {
      if (!closed->is_array() || closed->size() > kMaxClosedDays)
        return bad(key, "an object whose \"closed\" is a list of at most 400 dates");
      for (const Json& date : *closed) {
        const auto day = date.is_string() ? parse_local_date(date.get<std::string>()) : std::nullopt;
        if (!day) return bad(key, "an object whose \"closed\" dates are real dates written YYYY-MM-DD");
        hours.closed_days.push_back(*day);
      }
      std::sort(hours.closed_days.begin(), hours.closed_days.end());
      hours.closed_days.erase(std::unique(hours.closed_days.begin(), hours.closed_days.end()), hours.closed_days.end());
    }
    out = std::move(hours);
  }

  const Json& object_;
  std::optional<Error> error_;
};

// Walks field lists of const objects; fields() takes mutable references but nothing is written.
class Writer {
 public:
  explicit Writer(Json& out) : out_(out) {}
  void operator()(const char* key, std::string& value, Need need) {
    if (need == Need::optional && value.empty()) return;
    out_[key] = value;
  }
  void operator()(const char* key, int& value, Need) { out_[key] = value; }
  void operator()(const char* key, std::int64_t& value, Need) { out_[key] = value; }
  void bounded(const char* key, int& value, int, int) { out_[key] = value; }
  void operator()(const char* key, bool& value, Need need) {
    if (need == Need::optional && !value) return;
    out_[key] = value;
  }
  void operator()(const char* key, Actor& value, Need) { out_[key] = actor_text(value); }
  template <class E, class = std::enable_if_t<std::is_enum_v<E>>>
  void operator()(const char* key, E& value, Need) {
    out_[key] = enum_name(value);
  }
  void operator()(const char* key, std::vector<std::string>& value, Need) { out_[key] = value; }
  void operator()(const char* key, std::vector<Attachment>& value, Need need) {
    if (need == Need::optional && value.empty()) return;
    out_[key] = attachments_to_json(value);
  }
  void operator()(const char* key, GroupSettings& value, Need) { out_[key] = group_settings_to_json(value); }
  void operator()(const char* key, std::vector<ActionField>& value, Need need) {
    if (need == Need::optional && value.empty()) return;
    out_[key] = action_fields_to_json(value);
  }
  void operator()(const char* key, std::map<std::string, std::string>& value, Need need) {
    if (need == Need::optional && value.empty()) return;
    out_[key] = value;
  }
  void roles(const char* key, RoleSet& value) {
    Json names = Json::array();
    for (const auto& [name, role] : kRoleNames)
      if (value & role) names.push_back(name);
    out_[key] = std::move(names);
  }
  void minutes(const char* key, std::optional<Duration>& value) {
    if (value) out_[key] = *value / kMinute;
  }
  void priority(const char* key, Priority& value) {
    if (value != Priority::normal) out_[key] = enum_name(value);
  }
  void priority(const char* key, std::optional<Priority>& value) {
    if (value) out_[key] = enum_name(*value);
  }
  void text_and_attachments(std::string& text, std::vector<Attachment>& list) {
    (*this)("text", text, list.empty() ? Need::required : Need::optional);
    (*this)("attachments", list, Need::optional);
  }

 private:
  Json& out_;
};

template <class Variant, std::size_t... I>
Variant make_alternative(std::size_t index, std::index_sequence<I...>) {
  Variant v;
  ((index == I ? (void)v.template emplace<I>() : (void)0), ...);
  return v;
}

template <class Variant, std::size_t N>
std::optional<Variant> variant_for_type(const Json& json, const char* const (&types)[N]) {
  const auto type = json.find("type");
  if (type == json.end() || !type->is_string()) return std::nullopt;
  const std::string name = type->get<std::string>();
  for (std::size_t i = 0; i < N; ++i)
    if (name == types[i]) return make_alternative<Variant>(i, std::make_index_sequence<N>{});
  return std::nullopt;
}

bool nesting_within(std::string_view text, int limit) {
  int depth = 0;
  bool in_string = false, escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > limit) return false;
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return true;
}

}  // namespace

std::optional<Json> parse_json(std::string_view text) {
  if (!nesting_within(text, kMaxJsonDepth)) return std::nullopt;
  Json json = Json::parse(text.begin(), text.end(), nullptr, false);
  if (json.is_discarded()) return std::nullopt;
  return json;
}

Result<Command> command_from_json(const Json& json) {
  if (!json.is_object()) return fail(ErrorCode::bad_command, "a command is a JSON object");
  auto command = variant_for_type<Command>(json, wire::kCommandTypes);
  if (!command) return fail(ErrorCode::bad_command, "unknown or missing command type");
  Reader reader(json);
  std::visit([&](auto& c) { wire::fields(reader, c); }, *command);
  if (reader.error()) return *reader.error();
  return std::move(*command);
}

Json command_to_json(const Command& command) {
  Json out{{"type", command_type(command)}};
  Writer writer(out);
  std::visit([&](const auto& c) { wire::fields(writer, const_cast<std::decay_t<decltype(c)>&>(c)); }, command);
  return out;
}

std::string_view command_type(const Command& command) { return wire::kCommandTypes[command.index()]; }

Result<Event> event_from_json(const Json& json) {
  if (!json.is_object()) return fail(ErrorCode::bad_command, "an event is a JSON object");
  const auto at = json.find("at");
  const auto when = at != json.end() && at->is_string() ? parse_rfc3339(at->get<std::string>()) : std::nullopt;
  if (!when) return fail(ErrorCode::bad_command, "event field 'at' must be an RFC 3339 time");
  auto body = variant_for_type<EventBody>(json, wire::kEventTypes);
  if (!body) return fail(ErrorCode::bad_command, "unknown or missing event type");
  Reader reader(json);
  std::visit([&](auto& e) { wire::fields(reader, e); }, *body);
  if (reader.error()) return *reader.error();
  return Event{*when, std::move(*body)};
}

Json event_to_json(const Event& event) {
  Json out{{"at", format_rfc3339(event.at)}, {"type", event_type(event.body)}};
  Writer writer(out);
  std::visit([&](const auto& e) { wire::fields(writer, const_cast<std::decay_t<decltype(e)>&>(e)); }, event.body);
  return out;
}

std::string_view event_type(const EventBody& body) { return wire::kEventTypes[body.index()]; }

std::string_view status_name(AgentStatus status) { return enum_name(status); }
std::string_view chat_state_name(ChatState state) { return enum_name(state); }
std::string_view delivery_name(Delivery delivery) { return enum_name(delivery); }
std::string_view separator_name(SeparatorKind kind) { return enum_name(kind); }
std::string_view sla_kind_name(SlaKind kind) { return enum_name(kind); }
std::optional<ListView> parse_list_view(std::string_view text) { return enum_from_name<ListView>(text); }
std::optional<AgentStatus> parse_status(std::string_view text) { return enum_from_name<AgentStatus>(text); }
std::optional<ChatState> parse_chat_state(std::string_view text) { return enum_from_name<ChatState>(text); }
std::optional<Delivery> parse_delivery(std::string_view text) { return enum_from_name<Delivery>(text); }
std::optional<SeparatorKind> parse_separator(std::string_view text) { return enum_from_name<SeparatorKind>(text); }
std::optional<SlaKind> parse_sla_kind(std::string_view text) { return enum_from_name<SlaKind>(text); }
std::string_view channel_kind_name(ChannelKind kind) { return enum_name(kind); }
std::string_view case_status_name(CaseStatus status) { return enum_name(status); }
std::string_view priority_name(Priority priority) { return enum_name(priority); }
std::optional<Priority> parse_priority(std::string_view text) { return enum_from_name<Priority>(text); }
std::optional<ChannelKind> parse_channel_kind(std::string_view text) { return enum_from_name<ChannelKind>(text); }

std::string actor_text(const Actor& actor) {
  switch (actor.kind) {
    case ActorKind::client: return "client";
    case ActorKind::agent: return "agent:" + actor.id;
    case ActorKind::manual: return "manual:" + actor.id;
    case ActorKind::bot: return "bot:" + actor.id;
    case ActorKind::process: return "process";
    case ActorKind::automatic: return "automatic";
  }
  return {};
}

std::optional<Actor> parse_actor(std::string_view text) {
  if (text == "client") return Actor{ActorKind::client, ""};
  if (text == "process") return Actor{ActorKind::process, ""};
  if (text == "automatic") return Actor{ActorKind::automatic, ""};
  const auto colon = text.find(':');
  if (colon == std::string_view::npos || colon + 1 == text.size()) return std::nullopt;
  const std::string_view prefix = text.substr(0, colon);
  const std::string id(text.substr(colon + 1));
  if (prefix == "agent") return Actor{ActorKind::agent, id};
  if (prefix == "manual") return Actor{ActorKind::manual, id};
  if (prefix == "bot") return Actor{ActorKind::bot, id};
  return std::nullopt;
}

Json time_json(std::optional<Timestamp> at) { return at ? Json(format_rfc3339(*at)) : Json(nullptr); }

Json stats_to_json(const AgentStats& s) {
  Json out;
  out["status"] = status_name(s.status);
  out["status_since"] = format_rfc3339(s.status_since);
  out["first_online"] = time_json(s.first_online);
  out["total_ms"] = s.total_ms;
  out["online_ms"] = s.online_ms;
  out["dnd_ms"] = s.dnd_ms;
  out["offline_ms"] = s.offline_ms;
  out["closed"] = s.closed;
  out["missed"] = s.missed;
  out["on_hold"] = s.on_hold;
  out["active"] = s.active;
  return out;
}

Json counters_to_json(const Counters& c) {
  return Json{{"unread", c.unread}, {"unassigned", c.unassigned}, {"total", c.total},
              {"new_unassigned", c.new_unassigned}};
}

Json attachments_to_json(const std::vector<Attachment>& attachments) {
  Json out = Json::array();
  for (const Attachment& a : attachments)
    out.push_back(Json{{"id", a.id}, {"name", a.name}, {"type", a.type}, {"size", a.size}});
  return out;
}

Json block_rule_to_json(const BlockRule& rule) {
  Json out{{"id", rule.id}, {"kind", enum_name(rule.kind)}, {"value", rule.value}};
  if (rule.kind == BlockKind::customer) out["channel"] = rule.channel;
  if (rule.kind == BlockKind::text) out["match"] = enum_name(rule.match);
  out["action"] = enum_name(rule.action);
  out["by"] = rule.by;
  out["created_at"] = format_rfc3339(rule.created_at);
  return out;
}

Json group_settings_to_json(const GroupSettings& s) {
  Json out;
  out["routing"] = enum_name(s.routing);
  out["max_active"] = s.max_active;
  out["close_silent"] = s.close_silent;
  out["close_silent_after_min"] = s.close_silent_after_min;
  out["transfer_unanswered"] = s.transfer_unanswered;
  out["transfer_unanswered_after_min"] = s.transfer_unanswered_after_min;
  out["first_response_min"] = s.first_response_min;
  out["next_response_min"] = s.next_response_min;
  out["business_hours"] = s.business_hours ? business_hours_to_json(*s.business_hours) : Json(nullptr);
  // Written only when set: older logs keep their form.
  if (s.max_load) out["max_load"] = s.max_load;
  if (s.return_to_agent_min) out["return_to_agent_min"] = s.return_to_agent_min;
  if (s.hold_outside_hours) out["hold_outside_hours"] = true;
  if (!s.sla_policy.empty()) out["sla_policy"] = s.sla_policy;
  return out;
}

Json chat_to_json(const State& state, const Chat& chat, ChatDetail detail) {
  Json out;
  out["state"] = chat_state_name(chat.state);
  out["group"] = state.groups[chat.group].id;
  out["assignee"] = chat.assignee == kNoIndex ? Json(nullptr) : Json(state.agents[chat.assignee].id);
  Json kinds = Json::array();
  for (SeparatorKind kind : separator_kinds(chat)) kinds.push_back(separator_name(kind));
  out["separators"] = std::move(kinds);
  if (chat.priority != Priority::normal) out["priority"] = enum_name(chat.priority);
  if (chat.spam) out["spam"] = true;
  if (detail == ChatDetail::summary) return out;
  out["number"] = chat.number;
  out["client"] = chat.client;
  out["channel"] = chat.channel;
  out["unread"] = chat.unread;
  out["opened"] = chat.opened;
  out["sla_breaches"] = chat.sla_breaches;
  Json items = Json::array();
  for (const TimelineItem& item : timeline(state, chat)) {
    if (item.kind == TimelineItem::Kind::message) {
      const Message& m = chat.messages[item.message];
      Json j{{"type", "message"}, {"id", m.id}, {"from", actor_text(m.from)}, {"text", m.text}};
      if (!m.attachments.empty()) j["attachments"] = attachments_to_json(m.attachments);
      j["at"] = format_rfc3339(m.at);
      if (m.delivery != Delivery::none) j["delivery"] = delivery_name(m.delivery);
      items.push_back(std::move(j));
    } else if (item.kind == TimelineItem::Kind::action) {
      items.push_back(action_run_to_json(chat.action_runs[item.run]));
    } else if (item.kind == TimelineItem::Kind::note) {
      const Note& n = chat.notes[item.note];
      items.push_back(Json{{"type", "note"}, {"id", n.id}, {"by", n.by}, {"text", n.text}, {"mentions", n.mentions},
                           {"at", format_rfc3339(n.at)}});
    } else {
      Json j{{"type", "separator"}, {"kind", separator_name(item.separator)}, {"text", item.text},
             {"at", format_rfc3339(item.at)}};
      if (!item.reason.empty()) j["reason"] = item.reason;
      items.push_back(std::move(j));
    }
  }
  out["timeline"] = std::move(items);
  return out;
}

}  // namespace parley
