// Separator reading and text rendering; messages, separators, notes, action runs and SLA marks merged
// in time order.
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

// The entry `next` of list (of its first `count`), when it goes before message number `messages`.
template <class T>
const T* placed_before(const std::vector<T>& list, std::size_t next, std::size_t count, std::size_t messages) {
  return next < count && list[next].after_messages <= messages ? &list[next] : nullptr;
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

std::string sla_mark_text(const SlaMark& mark) {
  std::string text = mark.kind == SlaKind::first_response  ? "First response deadline missed"
                     : mark.kind == SlaKind::next_response ? "Next response deadline missed"
                                                           : "Resolution deadline missed";
  text += " \u00b7 " + std::to_string(mark.minutes) + " min";
  if (mark.business_hours) text += " in business hours";
  text += mark.policy.empty() ? std::string(" \u00b7 group setting") : " \u00b7 policy " + mark.policy;
  return text;
}

std::vector<TimelineItem> timeline(const State& state, const Chat& chat, Targets targets, SlaMarks marks) {
  std::vector<TimelineItem> items;
  const std::size_t mark_count = marks == SlaMarks::shown ? chat.sla_marks.size() : 0;
  items.reserve(chat.messages.size() + chat.separators.size() + chat.notes.size() + chat.action_runs.size() +
                mark_count);
  const long latest = latest_manual_close(chat);
  std::size_t next_separator = 0, next_note = 0, next_run = 0, next_mark = 0;
  // Separators, notes, action runs and SLA marks placed before the next message, in time order (on a
  // tie a separator, then a note, then a run, then a mark).
  auto flush_separators = [&](std::size_t messages_before) {
    for (;;) {
      const Separator* separator = placed_before(chat.separators, next_separator, chat.separators.size(),
                                                 messages_before);
      const Note* note = placed_before(chat.notes, next_note, chat.notes.size(), messages_before);
      const SlaMark* mark = placed_before(chat.sla_marks, next_mark, mark_count, messages_before);
      const ActionRun* run = placed_before(chat.action_runs, next_run, chat.action_runs.size(), messages_before);
      if (!separator && !note && !mark && !run) return;
      const auto not_after = [](const auto* a, const auto* b) { return !b || a->at <= b->at; };
      if (separator && not_after(separator, note) && not_after(separator, run) && not_after(separator, mark)) {
        const Separator& s = *separator;
        const SeparatorKind shown = shown_kind(chat, next_separator, latest);
        TimelineItem item;
        item.kind = TimelineItem::Kind::separator;
        item.separator = shown;
        item.at = s.at;
        item.text = separator_text(state, chat, s, shown, targets);
        item.reason = s.reason;
        items.push_back(std::move(item));
        ++next_separator;
      } else if (note && not_after(note, run) && not_after(note, mark)) {
        const Note& n = *note;
        TimelineItem item;
        item.kind = TimelineItem::Kind::note;
        item.at = n.at;
        item.text = "Note by " + agent_name(state, n.by);
        item.note = next_note;
        items.push_back(std::move(item));
        ++next_note;
      } else if (run && not_after(run, mark)) {
        TimelineItem item;
        item.kind = TimelineItem::Kind::action;
        item.at = run->at;
        item.text = run->name + " \u00b7 run by " + agent_name(state, run->by);
        item.run = next_run;
        items.push_back(std::move(item));
        ++next_run;
      } else {
        TimelineItem item;
        item.kind = TimelineItem::Kind::sla_mark;
        item.at = mark->at;
        item.text = sla_mark_text(*mark) + " \u2022 " + format_display_time(mark->at);
        item.mark = next_mark;
        items.push_back(std::move(item));
        ++next_mark;
      }
    }
  };
  for (MessageIx m : chat.messages.indices()) {
    flush_separators(m.value());
    TimelineItem item;
    item.kind = TimelineItem::Kind::message;
    item.message = m;
    item.at = chat.messages[m].at;
    items.push_back(std::move(item));
  }
  flush_separators(chat.messages.size());
  return items;
}

}  // namespace parley
