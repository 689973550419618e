// Presence rules: names, lifetimes, the rate window, audiences and the receiver's book.
#include "presence.hpp"

#include <algorithm>

#include "stream_routing.hpp"

namespace parley {

namespace {
constexpr std::string_view kNames[] = {"viewing", "typing", "noting", "left"};
}  // namespace

std::optional<Presence> presence_from_name(std::string_view name) {
  for (std::size_t i = 0; i < std::size(kNames); ++i)
    if (kNames[i] == name) return static_cast<Presence>(i);
  return std::nullopt;
}

std::string_view presence_name(Presence presence) { return kNames[static_cast<std::size_t>(presence)]; }

Duration presence_ttl(Presence presence) {
  switch (presence) {
    case Presence::viewing: return kViewingTtl;
    case Presence::typing:
    case Presence::noting: return kTypingTtl;
    case Presence::left: return 0;
  }
  return 0;
}

bool admit_presence(PresenceRate& rate, Timestamp now) {
  if (now < rate.window_start || now - rate.window_start >= kSecond) {
    rate.window_start = now;
    rate.count = 0;
  }
  if (rate.count >= kPresencePerSecond) return false;
  ++rate.count;
  return true;
}

std::vector<AgentIx> presence_audience(const State& state, ChatIx chat, AgentIx sender) {
  std::vector<AgentIx> out = chat_viewers(state, chat);
  out.erase(std::remove(out.begin(), out.end(), sender), out.end());
  return out;
}

bool customer_sees_presence(const State& state, ChatIx chat, AgentIx sender) {
  if (!state.chats.contains(chat) || sender == kNoIndex) return false;
  const Chat& c = state.chats[chat];
  return c.assignee == sender && (c.state == ChatState::open || c.state == ChatState::paused);
}

void note_presence(PresenceBook& book, const std::string& chat, const std::string& who, Presence state, Duration ttl,
                   Timestamp now) {
  std::vector<PresenceMark>& marks = book.chats[chat];
  const auto found = std::find_if(marks.begin(), marks.end(), [&](const PresenceMark& m) { return m.who == who; });
  const Timestamp until = state == Presence::left ? now : now + std::max<Duration>(0, ttl);
  if (found != marks.end()) {
    found->state = state;
    found->until = until;
  } else {
    marks.push_back(PresenceMark{who, state, until});
  }
}

std::vector<PresenceMark> present_on(const PresenceBook& book, const std::string& chat, Timestamp now) {
  std::vector<PresenceMark> out;
  const auto found = book.chats.find(chat);
  if (found == book.chats.end()) return out;
  for (const PresenceMark& m : found->second)
    if (m.state != Presence::left && m.until > now) out.push_back(m);
  std::sort(out.begin(), out.end(), [](const PresenceMark& a, const PresenceMark& b) { return a.who < b.who; });
  return out;
}

void forget_expired(PresenceBook& book, Timestamp now) {
  for (auto it = book.chats.begin(); it != book.chats.end();) {
    auto& marks = it->second;
    marks.erase(std::remove_if(marks.begin(), marks.end(), [&](const PresenceMark& m) { return m.until <= now; }),
                marks.end());
    it = marks.empty() ? book.chats.erase(it) : std::next(it);
  }
}

}  // namespace parley
