// What a customer sees of their chat (widget, messenger webhooks): its messages with the names
// staff show to customers, its state and agent, and which files they may fetch. Pure; no I/O.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "events.hpp"
#include "model.hpp"

namespace parley {

enum class CustomerSpeaker : std::uint8_t { client, agent, bot, process };

// One timeline message as the customer sees it. Agent ids never appear; separators (transfers,
// closes, reasons) are the desk's own business and are not shown.
struct CustomerMessage {
  std::size_t n = 0;  // 1-based position among the chat's messages
  std::string id;
  CustomerSpeaker from = CustomerSpeaker::client;
  std::string name;  // the agent's public name or the bot's; empty for the client and processes
  std::string text;
  std::vector<Attachment> attachments;
  Timestamp at = 0;
  Delivery delivery = Delivery::none;
};

// The chat line above the messages: its state, and the agent working it (none while it waits).
struct CustomerStatus {
  ChatState state = ChatState::closed;  // an unknown chat reads as closed: the next message starts one
  std::string agent;
};

// The name customers see for an agent: the nickname if set, else the name ("" for none).
std::string agent_public_name(const State& state, AgentIx agent);
CustomerMessage customer_message(const State& state, const Chat& chat, MessageIx message);
// The messages from position `after` (0-based count already seen) on.
std::vector<CustomerMessage> customer_messages(const State& state, const Chat& chat, std::size_t after);
CustomerStatus customer_status(const State& state, const Chat* chat);
// Whether the customer's view of a chat changes with the event (a message, a delivery, the state
// line). Reads, SLA breaches and notes are the desk's own business.
bool customer_sees(const EventBody& body);
// A customer may fetch a file only when a message of their chat shows it.
bool customer_may_download(const Chat& chat, const std::string& attachment);

}  // namespace parley
