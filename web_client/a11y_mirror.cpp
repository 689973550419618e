// The accessible mirror's content and the live region's sentences.
#include "a11y_mirror.hpp"

#include <algorithm>

#include "format.hpp"
#include "queue_news.hpp"
#include "timeline.hpp"

namespace parley::web {

namespace {

const char* list_name(ListView list) {
  switch (list) {
    case ListView::mine: return "My sessions";
    case ListView::queue: return "Queue";
    case ListView::active: return "Active";
    case ListView::closed: return "Closed";
    case ListView::spam: return "Spam";
  }
  return "Sessions";
}

std::string session_name(const Chat& chat) {
  return "#" + std::to_string(chat.number) + " " + (chat.client.empty() ? std::string("Client") : chat.client);
}

std::string row_label(const State& state, AgentIx agent, const Chat& chat) {
  std::string label = session_name(chat) + ", " + state.groups[chat.group].name;
  switch (chat.state) {
    case ChatState::queued: label += ", waiting"; break;
    case ChatState::open: label += ", open"; break;
    case ChatState::paused: label += ", paused"; break;
    case ChatState::closed: label += ", closed"; break;
  }
  if (chat.assignee != kNoIndex && chat.assignee != agent)
    label += ", with " + agent_display_name(state.agents[chat.assignee]);
  if (chat.assignee == agent && !chat.opened && chat.state != ChatState::closed) label += ", new";
  if (chat.unread > 0) label += ", " + std::to_string(chat.unread) + " unread";
  return label;
}

std::string message_text(const Message& message) {
  std::string text = message.text;
  for (const Attachment& file : message.attachments) text += (text.empty() ? "" : " ") + ("[file " + file.name + "]");
  return text;
}

std::string who(const State& state, const Chat& chat, const Actor& from, AgentIx agent) {
  if (from.is_agent() && agent != kNoIndex && from.id == state.agents[agent].id) return "You";
  return actor_display(state, chat, from);
}

}  // namespace

A11yMirror build_mirror(const State& state, AgentIx agent, ListView list, const std::string& current_chat) {
  A11yMirror mirror;
  mirror.list = list_name(list);
  if (agent == kNoIndex || !state.agents.contains(agent)) return mirror;
  const auto total = session_list_size(state, agent, list);
  mirror.total = total.ok() ? total.value() : 0;
  const auto rows = session_list_rows(state, agent, list, 0, kMirrorRows);
  if (rows.ok())
    for (ChatIx c : rows.value()) {
      const Chat& chat = state.chats[c];
      mirror.sessions.push_back(MirrorRow{chat.id, row_label(state, agent, chat), chat.id == current_chat});
    }
  const Chat* open = current_chat.empty() ? nullptr : state.find_chat(current_chat);
  if (!open || open->forgotten) return mirror;
  mirror.chat = open->id;
  mirror.title = session_name(*open);
  const std::size_t count = open->messages.size();
  const std::size_t first = count > kMirrorMessages ? count - kMirrorMessages : 0;
  const std::vector<SlaMark>& marks = open->sla_marks;
  std::size_t mark = 0;
  while (mark < marks.size() && marks[mark].after_messages < first) ++mark;
  const auto marks_before = [&](std::size_t messages) {
    for (; mark < marks.size() && marks[mark].after_messages <= messages; ++mark)
      mirror.messages.push_back(MirrorLine{"sla-" + std::to_string(mark), "SLA", format_clock(marks[mark].at),
                                           sla_mark_text(marks[mark]), true});
  };
  for (std::size_t i = first; i < count; ++i) {
    marks_before(i);
    const Message& message = open->messages[MessageIx{i}];
    mirror.messages.push_back(
        MirrorLine{message.id, who(state, *open, message.from, agent), format_clock(message.at), message_text(message)});
  }
  marks_before(count);
  return mirror;
}

Json mirror_to_json(const A11yMirror& mirror) {
  Json sessions = Json::array();
  for (const MirrorRow& row : mirror.sessions)
    sessions.push_back(Json{{"id", row.id}, {"label", row.label}, {"current", row.current}});
  Json messages = Json::array();
  for (const MirrorLine& line : mirror.messages) {
    Json json{{"id", line.id}, {"who", line.who}, {"at", line.at}, {"text", line.text}};
    if (line.sla) json["sla"] = true;
    messages.push_back(std::move(json));
  }
  return Json{{"list", mirror.list},        {"total", mirror.total}, {"sessions", std::move(sessions)},
              {"chat", mirror.chat},        {"title", mirror.title}, {"messages", std::move(messages)}};
}

bool MirrorCache::refresh(const State& state, AgentIx viewer, ListView shown, const std::string& current_chat,
                          Timestamp wall) {
  const bool same_view = list == shown && chat == current_chat && agent == viewer;
  if (same_view && version == state.applied_events && chats == state.chats.size()) return false;
  if (same_view && wall - built_at < kMirrorEvery) return false;
  built_at = wall;
  version = state.applied_events;
  chats = state.chats.size();
  list = shown;
  chat = current_chat;
  agent = viewer;
  ++built;
  std::string next = mirror_to_json(build_mirror(state, viewer, shown, current_chat)).dump();
  if (next == json) return false;
  json = std::move(next);
  return true;
}

std::vector<std::string> announcements(AnnounceWatch& watch, const State& state, AgentIx agent_ix,
                                       const std::string& current_chat) {
  std::vector<std::string> said;
  if (agent_ix == kNoIndex || !state.agents.contains(agent_ix)) {
    watch = AnnounceWatch{};
    return said;
  }
  const Agent& agent = state.agents[agent_ix];
  const Chat* open = current_chat.empty() ? nullptr : state.find_chat(current_chat);
  const std::size_t messages = open ? open->messages.size() : 0;
  if (!watch.primed || watch.agent != agent_ix || state.next_queue_sequence < watch.queue_sequence) {
    watch = AnnounceWatch{true, agent_ix, state.next_queue_sequence, {}, current_chat, messages};
    assigned_since(state, agent, watch.assigned);
    return said;
  }
  if (state.next_queue_sequence != watch.queue_sequence) {
    for (const auto& [group, chat] : queued_since(state, agent, watch.queue_sequence))
      said.push_back("New session waiting: " + session_name(state.chats[chat]) + " in " + state.groups[group].name + ".");
    watch.queue_sequence = state.next_queue_sequence;
  }
  for (ChatIx chat : assigned_since(state, agent, watch.assigned))
    said.push_back("Session " + session_name(state.chats[chat]) + " is now yours.");
  if (open && current_chat == watch.chat && messages > watch.messages) {
    for (std::size_t i = watch.messages; i < messages; ++i) {
      const Message& message = open->messages[MessageIx{i}];
      if (message.from.kind == ActorKind::client)
        said.push_back(actor_display(state, *open, message.from) + " wrote: " + message_text(message));
    }
  }
  watch.chat = current_chat;
  watch.messages = messages;
  return said;
}

}  // namespace parley::web
