// Presence fan-out and its rate gate (a fixed one-second window per token, pruned as it grows).
#include "presence_signals.hpp"

#include <mutex>
#include <unordered_map>

#include "http_util.hpp"
#include "stream_routing.hpp"

namespace parley::server {

namespace {

std::mutex rate_mutex;
std::unordered_map<std::string, PresenceRate> rates;
constexpr std::size_t kPruneAbove = 4096;

Json agent_item(const State& state, ChatIx chat, AgentIx sender, Presence p) {
  const Agent& agent = state.agents[sender];
  return Json{{"type", "presence"}, {"chat", state.chats[chat].id}, {"from", "agent"}, {"agent", agent.id},
              {"name", agent.nickname.empty() ? agent.name : agent.nickname}, {"state", std::string(presence_name(p))},
              {"ttl_ms", presence_ttl(p)}};
}

}  // namespace

bool admit_presence_signal(const std::string& key) {
  const Timestamp now = wall_ms();
  std::lock_guard lock(rate_mutex);
  if (rates.size() > kPruneAbove)
    for (auto it = rates.begin(); it != rates.end();)
      it = now - it->second.window_start > 10 * kSecond ? rates.erase(it) : std::next(it);
  return admit_presence(rates[key], now);
}

std::size_t signal_agent_presence(App& app, const State& state, ChatIx chat, AgentIx sender, Presence p) {
  auto signal = std::make_shared<StreamSignal>();
  signal->chat = state.chats[chat].id;
  signal->agents = presence_audience(state, chat, sender);
  signal->type = "presence";
  signal->json = json_text(agent_item(state, chat, sender, p));
  if (customer_sees_presence(state, chat, sender)) {  // a note being written reads as "stopped typing"
    const Agent& agent = state.agents[sender];
    signal->customer_type = "typing";
    signal->customer_json = json_text(Json{{"chat", signal->chat},
                                           {"typing", p == Presence::typing},
                                           {"name", agent.nickname.empty() ? agent.name : agent.nickname},
                                           {"ttl_ms", presence_ttl(Presence::typing)}});
  }
  const std::size_t heard = signal->agents.size();
  app.hub.signal(signal, state.chats[chat].group);
  return heard;
}

std::size_t signal_customer_typing(App& app, const State& state, ChatIx chat, bool typing) {
  auto signal = std::make_shared<StreamSignal>();
  signal->chat = state.chats[chat].id;
  signal->agents = chat_viewers(state, chat);
  signal->type = "presence";
  const Presence p = typing ? Presence::typing : Presence::left;
  signal->json = json_text(Json{{"type", "presence"}, {"chat", signal->chat}, {"from", "customer"}, {"agent", nullptr},
                                {"name", state.chats[chat].client}, {"state", std::string(presence_name(p))},
                                {"ttl_ms", presence_ttl(p)}});
  const std::size_t heard = signal->agents.size();
  app.hub.signal(signal, state.chats[chat].group);
  return heard;
}

}  // namespace parley::server
