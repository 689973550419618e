// Separator reading and text rendering; messages and separators merged in time order.
#include "timeline.hpp"

namespace parley {

namespace {

long latest_manual_close(const Chat& chat) {
  for (long i = static_cast<long>(chat.separators.size()) - 1; i >= 0; --i)
    if (chat.separators[static_cast<std::size_t>(i)].kind == SeparatorKind::closed_by_manual_action) return i;
  return -1;
}

SeparatorKind shown_kind(const Chat& chat, std::size_t i, long latest_manual) {
  const SeparatorKind kind = chat.separators[i].kind;
  if (kind == SeparatorKind::closed_by_manual_action && static_cast<long>(i) != latest_manual)
    return SeparatorKind::closed_by_agent;
  return kind;
}

std::string agent_name(const State& state, const std::string& id) {
  const Agent* agent = state.find_agent(id);
  if (!agent) return id;
  return agent->name;
}

std::string group_name(const State& state, const std::string& id) {
  const Group* group = state.find_group(id);
  return group ? group->name : id;
}

}  // namespace

std::vector<SeparatorKind> separator_kinds(const Chat& chat) {
  std::vector<SeparatorKind> kinds;
  kinds.reserve(chat.separators.size());
  const long latest = latest_manual_close(chat);
  for (std::size_t i = 0; i < chat.separators.size(); ++i) kinds.push_back(shown_kind(chat, i, latest));
  return kinds;
}

std::string separator_text(const State& state, const Chat& chat, const Separator& s, SeparatorKind shown,
                           Targets targets) {
  const std::string time = " \u2022 " + format_display_time(s.at);
  if (targets == Targets::named &&
      (shown == SeparatorKind::transferred_automatically || shown == SeparatorKind::transferred_by_agent)) {
    const std::string by = shown == SeparatorKind::transferred_automatically ? std::string("Automatic process")
                                                                             : agent_name(state, s.who);
    // A transfer to no agent went to the queue of the group it names (logs older than that name none).
    const std::string target = !s.to_agent.empty() ? agent_name(state, s.to_agent)
                               : s.group.empty()   ? std::string("the queue")
                                                   : "the " + group_name(state, s.group) + " queue";
    return "Transferred by " + by + " to " + target + time;
  }
  if (targets == Targets::named && shown == SeparatorKind::transferred_to_group && !s.to_agent.empty())
    return "Transferred to " + agent_name(state, s.to_agent) + " in " + group_name(state, s.group) + " by " +
           agent_name(state, s.who) + time;
  switch (shown) {
    case SeparatorKind::started_by_client:
      return "#" + std::to_string(chat.number) + " started by Client \u2022 " + chat.channel;
    case SeparatorKind::started_by_agent: return "Started by " + agent_name(state, s.who) + " \u2022 " + chat.channel;
    case SeparatorKind::closed_by_agent: return "Closed by " + agent_name(state, s.who) + time;
    case SeparatorKind::closed_by_manual_action: return "Closed by manual action" + time;
    case SeparatorKind::closed_by_process: return "Closed by process" + time;
    case SeparatorKind::closed_by_chatbot: return "Closed by " + s.who + time;
    case SeparatorKind::closed_no_client_answer:
      return "Closed by automatic process \u2013 No answer from Client" + time;
    case SeparatorKind::transferred_automatically: return "Transferred by Automatic process" + time;
    case SeparatorKind::transferred_by_agent: return "Transferred by " + agent_name(state, s.who) + time;
    case SeparatorKind::transferred_to_group:
      return "Transferred to " + group_name(state, s.group) + " by " + agent_name(state, s.who) + time;
    case SeparatorKind::reopened: return "Reopened by " + agent_name(state, s.who) + time;
  }
  return {};
}

std::vector<TimelineItem> timeline(const State& state, const Chat& chat, Targets targets) {
  std::vector<TimelineItem> items;
  items.reserve(chat.messages.size() + chat.separators.size() + chat.notes.size());
  const long latest = latest_manual_close(chat);
  std::size_t next_separator = 0, next_note = 0;
  // Separators and notes placed before the next message, in time order (a separator first on a tie).
  auto flush_separators = [&](std::size_t messages_before) {
    for (;;) {
      const bool separator = next_separator < chat.separators.size() &&
                             chat.separators[next_separator].after_messages <= messages_before;
      const bool note = next_note < chat.notes.size() && chat.notes[next_note].after_messages <= messages_before;
      if (!separator && !note) return;
      if (separator && (!note || chat.separators[next_separator].at <= chat.notes[next_note].at)) {
        const Separator& s = chat.separators[next_separator];
        const SeparatorKind shown = shown_kind(chat, next_separator, latest);
        items.push_back(TimelineItem{.kind = TimelineItem::Kind::separator, .separator = shown, .at = s.at,
                                     .text = separator_text(state, chat, s, shown, targets), .reason = s.reason});
        ++next_separator;
      } else {
        const Note& n = chat.notes[next_note];
        items.push_back(TimelineItem{.kind = TimelineItem::Kind::note, .at = n.at,
                                     .text = "Note by " + agent_name(state, n.by), .note = next_note});
        ++next_note;
      }
    }
  };
  for (MessageIx m : chat.messages.indices()) {
    flush_separators(m.value());
    items.push_back(TimelineItem{.kind = TimelineItem::Kind::message, .message = m, .at = chat.messages[m].at});
  }
  flush_separators(chat.messages.size());
  return items;
}

}  // namespace parley
