// Presence signals on the live streams: the per-token rate gate and the fan-out of one signal to
// the colleagues who may read the chat and, when the core says so, to the chat's widget. Nothing
// here is stored or logged; a stream that is not open when a signal passes never hears of it.
#pragma once
#include <string>

#include "app.hpp"
#include "presence.hpp"  // the core's

namespace parley::server {

// True when the sender behind `key` (a token) may send another signal now (core admit_presence).
bool admit_presence_signal(const std::string& key);

// Fans out `state` of an agent (`sender`) on the chat: to the chat's other viewers, and to the
// customer when customer_sees_presence (as typing true for `typing`, false for any other state, so
// a note being written never shows there). Returns how many agents it was addressed to.
std::size_t signal_agent_presence(App& app, const State& state, ChatIx chat, AgentIx sender, Presence state_now);
// Fans out the customer's typing (true) or stopping (false) to every agent who may read the chat.
std::size_t signal_customer_typing(App& app, const State& state, ChatIx chat, bool typing);

}  // namespace parley::server
