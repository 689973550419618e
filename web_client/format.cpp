// Formatting helpers for the views.
#include "format.hpp"

#include <cstdio>

namespace parley::web {

std::string format_duration(Duration ms) {
  if (ms < 0) ms = 0;
  const long long s = ms / 1000;
  char text[32];
  std::snprintf(text, sizeof text, "%lld:%02lld:%02lld", s / 3600, (s / 60) % 60, s % 60);
  return text;
}

std::string format_wait(Duration ms) {
  const long long s = ms < 0 ? 0 : ms / 1000;
  char text[32];
  if (s < 5) return "now";
  if (s < 60) std::snprintf(text, sizeof text, "%lld s", s);
  else if (s < 3600) std::snprintf(text, sizeof text, "%lld min", s / 60);
  else if (s < 86400) std::snprintf(text, sizeof text, "%lld h %02lld min", s / 3600, (s / 60) % 60);
  else std::snprintf(text, sizeof text, "%lld d %lld h", s / 86400, (s / 3600) % 24);
  return text;
}

namespace {
long long day_ms(Timestamp at) {
  long long r = at % kDay;
  return r < 0 ? r + kDay : r;
}
}  // namespace

std::string shortened(std::string text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  std::size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  text.resize(cut);
  return text + "…";
}

std::string format_clock(Timestamp at) {
  const long long s = day_ms(at) / 1000;
  char text[16];
  std::snprintf(text, sizeof text, "%02lld:%02lld", s / 3600, (s / 60) % 60);
  return text;
}

std::string format_clock_seconds(Timestamp at) {
  const long long s = day_ms(at) / 1000;
  char text[16];
  std::snprintf(text, sizeof text, "%02lld:%02lld:%02lld", s / 3600, (s / 60) % 60, s % 60);
  return text;
}

std::string agent_display_name(const Agent& agent) {
  if (!agent.nickname.empty()) return agent.nickname;
  if (!agent.name.empty()) return agent.name;
  return agent.id;
}

std::string status_label(AgentStatus status) {
  switch (status) {
    case AgentStatus::online: return "Online";
    case AgentStatus::dnd: return "Do not disturb";
    case AgentStatus::offline: return "Offline";
  }
  return {};
}

std::string actor_display(const State& state, const Chat& chat, const Actor& actor) {
  switch (actor.kind) {
    case ActorKind::client: return chat.client.empty() ? "Client" : chat.client;
    case ActorKind::agent:
    case ActorKind::manual: {
      const Agent* agent = state.find_agent(actor.id);
      return agent ? (agent->name.empty() ? agent->id : agent->name) : actor.id;
    }
    case ActorKind::bot: return actor.id.empty() ? "Bot" : actor.id;
    case ActorKind::process: return "Process";
    case ActorKind::automatic: return "Automatic process";
  }
  return {};
}

std::string priority_label(Priority priority) {
  switch (priority) {
    case Priority::urgent: return "Urgent";
    case Priority::high: return "High";
    case Priority::low: return "Low";
    case Priority::normal: break;
  }
  return "Normal";
}

}  // namespace parley::web
