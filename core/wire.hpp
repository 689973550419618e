// JSON wire form of commands, events and views (nlohmann::ordered_json: fields keep their order).
// Parsing never throws: malformed input comes back as a bad_command Error.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "commands.hpp"
#include "events.hpp"
#include "result.hpp"
#include "stats.hpp"
#include "views.hpp"

namespace parley {

using Json = nlohmann::ordered_json;

constexpr int kMaxJsonDepth = 32;

// Parses text into JSON; nullopt on a syntax error or nesting deeper than kMaxJsonDepth.
std::optional<Json> parse_json(std::string_view text);

Result<Command> command_from_json(const Json& json);  // reads "type" and the fields; ignores "at"
Json command_to_json(const Command& command);         // "type" first, then the fields
std::string_view command_type(const Command& command);

Result<Event> event_from_json(const Json& json);  // {"at","type",…}
Json event_to_json(const Event& event);
std::string_view event_type(const EventBody& body);

std::string_view status_name(AgentStatus status);
std::string_view chat_state_name(ChatState state);
std::string_view delivery_name(Delivery delivery);
std::string_view separator_name(SeparatorKind kind);
std::string_view sla_kind_name(SlaKind kind);
std::string actor_text(const Actor& actor);
std::optional<Actor> parse_actor(std::string_view text);
std::optional<ListView> parse_list_view(std::string_view text);
std::optional<AgentStatus> parse_status(std::string_view text);
std::optional<ChatState> parse_chat_state(std::string_view text);
std::optional<Delivery> parse_delivery(std::string_view text);
std::optional<SeparatorKind> parse_separator(std::string_view text);
std::optional<SlaKind> parse_sla_kind(std::string_view text);
std::string_view channel_kind_name(ChannelKind kind);
std::optional<ChannelKind> parse_channel_kind(std::string_view text);
std::string_view case_status_name(CaseStatus status);
std::string_view priority_name(Priority priority);
std::optional<Priority> parse_priority(std::string_view text);

Json time_json(std::optional<Timestamp> at);  // RFC 3339 string or null
Json stats_to_json(const AgentStats& stats);
Json counters_to_json(const Counters& counters);
// The chat as shown: state, group, assignee, separators (kinds), plus the full timeline when asked.
enum class ChatDetail { summary, with_timeline };
Json chat_to_json(const State& state, const Chat& chat, ChatDetail detail);
Json group_settings_to_json(const GroupSettings& settings);
// {"id","kind","value","channel" (customer rules),"match" (text rules),"action","by","created_at"}
Json block_rule_to_json(const BlockRule& rule);
Json attachments_to_json(const std::vector<Attachment>& attachments);  // [{"id","name","type","size"}]

}  // namespace parley
