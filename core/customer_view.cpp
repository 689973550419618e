// The customer's view of a chat, built from State alone.
#include "customer_view.hpp"

namespace parley {

std::string agent_public_name(const State& state, AgentIx agent) {
  if (agent == kNoIndex || !state.agents.contains(agent)) return {};
  const Agent& a = state.agents[agent];
  return a.nickname.empty() ? a.name : a.nickname;
}

CustomerMessage customer_message(const State& state, const Chat& chat, MessageIx message) {
  const Message& m = chat.messages[message];
  CustomerMessage out;
  out.n = static_cast<std::size_t>(message.value()) + 1;
  out.id = m.id;
  switch (m.from.kind) {
    case ActorKind::client: out.from = CustomerSpeaker::client; break;
    case ActorKind::agent:
    case ActorKind::manual:
      out.from = CustomerSpeaker::agent;
      out.name = agent_public_name(state, state.agent_ix(m.from.id));
      break;
    case ActorKind::bot:
      out.from = CustomerSpeaker::bot;
      out.name = m.from.id;
      break;
    default: out.from = CustomerSpeaker::process; break;
  }
  out.text = m.text;
  out.attachments = m.attachments;
  out.at = m.at;
  out.delivery = m.delivery;
  return out;
}

std::vector<CustomerMessage> customer_messages(const State& state, const Chat& chat, std::size_t after) {
  std::vector<CustomerMessage> out;
  for (std::size_t i = after; i < chat.messages.size(); ++i)
    out.push_back(customer_message(state, chat, MessageIx{i}));
  return out;
}

CustomerStatus customer_status(const State& state, const Chat* chat) {
  CustomerStatus out;
  if (!chat) return out;
  out.state = chat->state;
  if (chat->state != ChatState::queued) out.agent = agent_public_name(state, chat->assignee);
  return out;
}

bool customer_may_download(const Chat& chat, const std::string& attachment) {
  for (const Message& m : chat.messages)
    for (const Attachment& a : m.attachments)
      if (a.id == attachment) return true;
  return false;
}

bool customer_sees(const EventBody& body) {
  return std::visit(
      [](const auto& e) {
        using T = std::decay_t<decltype(e)>;
        if constexpr (std::is_same_v<T, ChatRead> || std::is_same_v<T, SlaBreached> || std::is_same_v<T, NoteAdded> ||
                      std::is_same_v<T, ActionStarted> || std::is_same_v<T, ActionFinished>)
          return false;
        else
          return requires { e.chat; };
      },
      body);
}

}  // namespace parley
