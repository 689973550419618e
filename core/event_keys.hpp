// What each logged event is about, for indexed reading of the log (reports, audits, a chat's
// history): its type, chat, the chat's group right after it, and the agent it concerns most.
// Pure; computed on the State before a batch, following the batch's own starts and transfers.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "events.hpp"
#include "model.hpp"

namespace parley {

struct EventKeys {
  std::string type, chat, group, agent;  // "" where the event has none
};

std::vector<EventKeys> event_keys(const State& before, const Events& batch);
// The chat an event is about, "" for desk, group and agent events.
std::string_view event_chat(const EventBody& body);

}  // namespace parley
