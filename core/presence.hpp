// Presence on a session: who has it open and who is typing in it. Ephemeral, never a desk event:
// the states and how long each lasts, the per-sender rate rule, who hears a signal, and the
// receiver's book of who is where. Pure; every time is an input.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model.hpp"
#include "time.hpp"

namespace parley {

// viewing: has the session open; typing: writing a reply (the customer may see it); noting: writing
// a private note (colleagues only); left: closed it. Each signal replaces the sender's previous one.
enum class Presence { viewing, typing, noting, left };
std::optional<Presence> presence_from_name(std::string_view name);
std::string_view presence_name(Presence presence);

inline constexpr Duration kTypingTtl = 5 * kSecond;    // typing and noting, unless repeated
inline constexpr Duration kViewingTtl = 15 * kSecond;  // viewing, unless repeated (senders repeat every 5 s)
Duration presence_ttl(Presence presence);

// At most kPresencePerSecond signals per sender in any one-second window; the rest are refused.
inline constexpr int kPresencePerSecond = 4;
struct PresenceRate {
  Timestamp window_start = 0;
  int count = 0;
};
bool admit_presence(PresenceRate& rate, Timestamp now);

// The colleagues an agent's signal on a chat goes to: the agents that may read the chat (as the
// stream's chat_viewers), sorted, without the sender.
std::vector<AgentIx> presence_audience(const State& state, ChatIx chat, AgentIx sender);
// Whether the customer of the chat is shown the agent's signal: a reply being typed (or stopped) by
// the agent the session is assigned to, while it is open or paused. Notes never reach the customer.
bool customer_sees_presence(const State& state, ChatIx chat, AgentIx sender);

// The receiver's side: each (chat, who) holds its latest state until it expires.
struct PresenceMark {
  std::string who;        // agent id; empty for the customer
  Presence state = Presence::viewing;
  Timestamp until = 0;
};
struct PresenceBook {
  std::map<std::string, std::vector<PresenceMark>> chats;
};
void note_presence(PresenceBook& book, const std::string& chat, const std::string& who, Presence state, Duration ttl,
                   Timestamp now);
// Who is on the chat now (expired and left marks excluded), customer first, then by agent id.
std::vector<PresenceMark> present_on(const PresenceBook& book, const std::string& chat, Timestamp now);
void forget_expired(PresenceBook& book, Timestamp now);

}  // namespace parley
