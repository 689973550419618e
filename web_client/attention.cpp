// Attention decisions over the replica: new waiting sessions (queue sequence numbers not seen
// before), sessions newly assigned to the agent, reminders while the core counts unread ones.
#include "attention.hpp"

#include <algorithm>

#include "format.hpp"
#include "queue_news.hpp"
#include "stats.hpp"
#include "views.hpp"

namespace parley::web {

namespace {

bool read_bool(const Json& json, const char* key, bool& out, std::string& error) {
  const auto it = json.find(key);
  if (it == json.end()) return true;
  if (!it->is_boolean()) {
    error = std::string(key) + " must be true or false";
    return false;
  }
  out = it->get<bool>();
  return true;
}

bool read_int(const Json& json, const char* key, int low, int high, int& out, std::string& error) {
  const auto it = json.find(key);
  if (it == json.end()) return true;
  if (!it->is_number_integer() || it->get<std::int64_t>() < low || it->get<std::int64_t>() > high) {
    error = std::string(key) + " must be a whole number from " + std::to_string(low) + " to " + std::to_string(high);
    return false;
  }
  out = static_cast<int>(it->get<std::int64_t>());
  return true;
}

std::string session_name(const Chat& chat) {
  return "#" + std::to_string(chat.number) + " " + (chat.client.empty() ? std::string("Client") : chat.client);
}

// The latest client message, cut to a notification's length.
std::string last_client_text(const Chat& chat) {
  for (auto it = chat.messages.rbegin(); it != chat.messages.rend(); ++it) {
    if (it->from.kind != ActorKind::client) continue;
    return shortened(it->text, 140);
  }
  return "";
}

}  // namespace

Json attention_settings_to_json(const AttentionSettings& s) {
  return Json{{"sound", s.sound},           {"notify", s.notify}, {"on_waiting", s.on_waiting},
              {"on_assigned", s.on_assigned}, {"on_mention", s.on_mention}, {"on_sla", s.on_sla}, {"volume", s.volume},
              {"repeat_seconds", s.repeat_seconds}};
}

std::optional<AttentionSettings> attention_settings_from_json(const Json& json, std::string* error) {
  std::string why;
  AttentionSettings s;
  const bool ok = json.is_object() && read_bool(json, "sound", s.sound, why) && read_bool(json, "notify", s.notify, why) &&
                  read_bool(json, "on_waiting", s.on_waiting, why) &&
                  read_bool(json, "on_assigned", s.on_assigned, why) &&
                  read_bool(json, "on_mention", s.on_mention, why) && read_bool(json, "on_sla", s.on_sla, why) && read_int(json, "volume", 0, 100, s.volume, why) &&
                  read_int(json, "repeat_seconds", 0, kMaxRepeatSeconds, s.repeat_seconds, why);
  if (ok) return s;
  if (error) *error = json.is_object() ? why : "the settings must be a JSON object";
  return std::nullopt;
}

AttentionFrame watch_attention(AttentionWatch& watch, const State& state, AgentIx agent_ix, const AttentionSettings& s,
                               Timestamp wall) {
  AttentionFrame frame;
  if (agent_ix == kNoIndex || !state.agents.contains(agent_ix)) {
    watch = AttentionWatch{};
    return frame;
  }
  const Agent& agent = state.agents[agent_ix];
  const Counters counted = counters(state, agent_ix);
  frame.count = counted.total;
  // A first look, another agent, or a replica started afresh: record, do not alert.
  if (!watch.primed || watch.agent != agent_ix || state.next_queue_sequence < watch.queue_sequence) {
    watch.primed = true;
    watch.agent = agent_ix;
    watch.queue_sequence = state.next_queue_sequence;
    watch.assigned.clear();
    assigned_since(state, agent, watch.assigned);
    watch.last_alert = wall;
    return frame;
  }
  const bool alerting = agent.status == AgentStatus::online;
  if (state.next_queue_sequence != watch.queue_sequence) {
    for (const auto& [group, chat_ix] : queued_since(state, agent, watch.queue_sequence)) {
      const Chat& chat = state.chats[chat_ix];
      if (alerting && s.on_waiting)
        frame.alerts.push_back(Alert{AlertKind::waiting, chat.id, "Waiting: " + session_name(chat), last_client_text(chat)});
    }
    watch.queue_sequence = state.next_queue_sequence;
  }
  for (ChatIx chat_ix : assigned_since(state, agent, watch.assigned)) {
    const Chat& chat = state.chats[chat_ix];
    if (alerting && s.on_assigned)
      frame.alerts.push_back(Alert{AlertKind::assigned, chat.id, "Yours: " + session_name(chat), last_client_text(chat)});
  }
  const Duration repeat = static_cast<Duration>(s.repeat_seconds) * kSecond;
  if (frame.alerts.empty() && alerting && s.on_assigned && repeat > 0 && counted.unread > 0 &&
      wall - watch.last_alert >= repeat) {
    const std::string what = counted.unread == 1 ? std::string("1 session is") : std::to_string(counted.unread) + " sessions are";
    frame.alerts.push_back(Alert{AlertKind::reminder, "", "Unread: " + what + " waiting for your reply", ""});
  }
  if (!frame.alerts.empty() || counted.unread == 0) watch.last_alert = wall;
  return frame;
}

std::optional<Alert> mention_alert(const State& state, AgentIx agent, const NoteAdded& note, const AttentionSettings& s) {
  if (!s.on_mention || agent == kNoIndex || !state.agents.contains(agent)) return std::nullopt;
  if (state.agents[agent].status != AgentStatus::online) return std::nullopt;
  const Chat* chat = state.find_chat(note.chat);
  const Agent* by = state.find_agent(note.by.id);
  if (!chat) return std::nullopt;
  const std::string text = shortened(note.text, 140);
  const std::string who = by ? (by->nickname.empty() ? by->name : by->nickname) : note.by.id;
  return Alert{AlertKind::mention, chat->id, who + " mentioned you: " + session_name(*chat), text};
}

std::optional<Alert> sla_alert(const State& state, AgentIx agent, const SlaBreached& breach, const AttentionSettings& s) {
  if (!s.on_sla || agent == kNoIndex || !state.agents.contains(agent)) return std::nullopt;
  const Agent& who = state.agents[agent];
  const Chat* chat = state.find_chat(breach.chat);
  if (!chat || who.status != AgentStatus::online || !may_supervise(who, chat->group)) return std::nullopt;
  const char* what = breach.kind == SlaKind::first_response  ? "first response"
                     : breach.kind == SlaKind::next_response ? "next response"
                                                             : "resolution";
  const Agent* holder = state.find_agent(breach.agent);
  const std::string body = std::string("The ") + what + " deadline passed in " + state.groups[chat->group].name +
                           (holder ? " (" + holder->name + ")" : std::string(" (waiting)"));
  return Alert{AlertKind::sla_breach, chat->id, "SLA missed: " + session_name(*chat), body};
}

std::vector<MissedSession> missed_sessions(const State& state, AgentIx agent_ix, Timestamp now) {
  std::vector<MissedSession> out;
  if (agent_ix == kNoIndex || !state.agents.contains(agent_ix)) return out;
  for (const Miss& miss : shift_misses(state, agent_ix, now)) {
    const ChatIx chat = state.chat_ix(miss.chat);
    if (chat == kNoIndex) continue;  // moved out of what this replica may see
    const GroupSettings& g = state.groups[state.chats[chat].group].settings;
    out.push_back(MissedSession{chat, miss.at,
                                "no agent reply for " + std::to_string(g.transfer_unanswered_after_min) +
                                    " min: the group's unanswered timer moved it on at " + format_clock(miss.at)});
  }
  return out;
}

}  // namespace parley::web
