// Which agent performs a command: the basis of "an agent token may only act as its agent".
#include "commands.hpp"

#include <type_traits>

namespace parley {

namespace {
std::optional<std::string> agent_of(const Actor& actor) {
  if (actor.is_agent()) return actor.id;
  return std::nullopt;
}
}  // namespace

std::optional<std::string> performing_agent(const Command& command) {
  return std::visit(
      [](const auto& c) -> std::optional<std::string> {
        using T = std::decay_t<decltype(c)>;
        if constexpr (std::is_same_v<T, SetAgentStatus> || std::is_same_v<T, AcceptChat> ||
                      std::is_same_v<T, MarkChatRead>)
          return c.agent;
        else if constexpr (std::is_same_v<T, SendMessage>)
          return agent_of(c.from);
        else if constexpr (requires { c.staff; })
          return staff_agent(c.staff);
        else if constexpr (requires { c.by; })
          return agent_of(c.by);
        else
          return std::nullopt;
      },
      command);
}

}  // namespace parley
