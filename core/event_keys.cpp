// Event keys: the chat's group is read from the State unless the batch itself started or moved it.
#include "event_keys.hpp"

#include <map>
#include <type_traits>

#include "wire.hpp"

namespace parley {

namespace {

std::string agent_of(const Actor& actor) { return actor.is_agent() ? actor.id : ""; }

// The agent an event concerns most: who took, sent, set, was credited, or was left.
std::string main_agent(const EventBody& body) {
  return std::visit(
      [](const auto& e) -> std::string {
        using T = std::decay_t<decltype(e)>;
        if constexpr (std::is_same_v<T, MessageSent>) return agent_of(e.from);
        else if constexpr (std::is_same_v<T, ChatStarted> || std::is_same_v<T, ChatReopened> ||
                           std::is_same_v<T, ChatPriorityChanged>)
          return agent_of(e.by);
        else if constexpr (std::is_same_v<T, ChatTransferred>) return e.from_agent.empty() ? agent_of(e.by) : e.from_agent;
        else if constexpr (std::is_same_v<T, ChatClosed>) return e.credited_agent;
        else if constexpr (std::is_same_v<T, ChatMarkedSpam> || std::is_same_v<T, ChatUnmarkedSpam> ||
                           std::is_same_v<T, BlockRuleRemoved>)
          return staff_agent(e.by).value_or("");
        else if constexpr (std::is_same_v<T, BlockRuleAdded>) return staff_agent(e.rule.by).value_or("");
        else if constexpr (std::is_same_v<T, ContactCreated> || std::is_same_v<T, ContactUpdated> ||
                           std::is_same_v<T, ContactsMerged> || std::is_same_v<T, CustomerLinked> ||
                           std::is_same_v<T, CaseCreated> || std::is_same_v<T, LeadCreated>)
          return staff_agent(e.by).value_or("");
        else if constexpr (requires { e.agent; }) return e.agent;
        else return "";
      },
      body);
}

}  // namespace

std::string_view event_chat(const EventBody& body) {
  return std::visit(
      [](const auto& e) -> std::string_view {
        if constexpr (requires { e.chat; }) return e.chat;
        else return {};
      },
      body);
}

std::vector<EventKeys> event_keys(const State& before, const Events& batch) {
  std::map<std::string, std::string> moved;  // chat → group, for chats this batch started or moved
  std::vector<EventKeys> keys;
  keys.reserve(batch.size());
  for (const Event& event : batch) {
    EventKeys k{std::string(event_type(event.body)), std::string(event_chat(event.body)), "", main_agent(event.body)};
    if (const auto* started = std::get_if<ChatStarted>(&event.body)) moved[started->chat] = started->group;
    if (const auto* transfer = std::get_if<ChatTransferred>(&event.body); transfer && !transfer->to_group.empty())
      moved[transfer->chat] = transfer->to_group;
    if (!k.chat.empty()) {
      if (const auto found = moved.find(k.chat); found != moved.end()) k.group = found->second;
      else if (const Chat* chat = before.find_chat(k.chat)) k.group = before.groups[chat->group].id;
    } else if (const auto* created = std::get_if<GroupCreated>(&event.body)) {
      k.group = created->group;
    } else if (const auto* updated = std::get_if<GroupUpdated>(&event.body)) {
      k.group = updated->group;
    } else if (const auto* opened = std::get_if<GroupOpened>(&event.body)) {
      k.group = opened->group;
    }
    keys.push_back(std::move(k));
  }
  return keys;
}

}  // namespace parley
