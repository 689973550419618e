// Deadline arithmetic for the per-group timers and the events each timer produces.
#include "timers.hpp"

#include <algorithm>

#include "routing.hpp"

namespace parley {

namespace {

struct Deadlines {
  Timestamp silent = kNever, unanswered = kNever, sla = kNever;
};

Deadlines compute_deadlines(const State& state, const Chat& chat) {
  Deadlines d;
  const GroupSettings& s = state.groups[chat.group].settings;
  if (chat.state == ChatState::open) {
    if (s.close_silent && chat.last_speaker == Speaker::agent)
      d.silent = std::max(chat.last_agent_at, chat.became_open_at) + s.close_silent_after_min * kMinute;
    if (s.transfer_unanswered && chat.waiting_since != kNever)
      d.unanswered = std::max({chat.last_client_at, chat.assigned_at, chat.became_open_at}) +
                     s.transfer_unanswered_after_min * kMinute;
  }
  if (chat.state != ChatState::closed && chat.waiting_since != kNever && !chat.sla_window_breached) {
    const int limit = chat.agent_replied ? s.next_response_min : s.first_response_min;
    if (limit > 0) d.sla = chat.waiting_since + limit * kMinute;
  }
  return d;
}

void reschedule(State& state, Index chat, TimerKind kind, Timestamp& slot, Timestamp due) {
  if (slot == due) return;
  if (slot != kNever) state.timers.erase(TimerEntry{slot, chat, kind});
  slot = due;
  if (due != kNever) state.timers.insert(TimerEntry{due, chat, kind});
}

}  // namespace

void refresh_timers(State& state, Index chat_ix) {
  Chat& chat = state.chats[chat_ix];
  const Deadlines d = compute_deadlines(state, chat);
  reschedule(state, chat_ix, TimerKind::close_silent, chat.silent_due, d.silent);
  reschedule(state, chat_ix, TimerKind::transfer_unanswered, chat.unanswered_due, d.unanswered);
  reschedule(state, chat_ix, TimerKind::sla, chat.sla_due, d.sla);
}

std::optional<TimerEntry> next_due_timer(const State& state, Timestamp now) {
  if (state.timers.empty() || state.timers.begin()->due > now) return std::nullopt;
  return *state.timers.begin();
}

Events fire_timer(const State& state, const TimerEntry& timer) {
  // A deadline that an event moved into the past fires now: the log never goes back in time.
  const Timestamp at = std::max(timer.due, state.now);
  const Chat& chat = state.chats[timer.chat];
  const std::string assignee = chat.assignee == kNoIndex ? "" : state.agents[chat.assignee].id;
  const Actor automatic{ActorKind::automatic, ""};
  switch (timer.kind) {
    case TimerKind::close_silent:
      return {Event{at, ChatClosed{chat.id, CloseMethod::no_client_answer, automatic, assignee}}};
    case TimerKind::transfer_unanswered: {
      std::vector<Index> excluded = chat.missed_by;
      excluded.push_back(chat.assignee);
      const Index target = best_free_agent(state, chat.group, excluded);
      const std::string to_agent = target == kNoIndex ? "" : state.agents[target].id;
      return {Event{at, ChatTransferred{chat.id, automatic, assignee, to_agent, "", ""}}};
    }
    case TimerKind::sla:
      return {Event{at, SlaBreached{chat.id, chat.agent_replied ? SlaKind::next_response : SlaKind::first_response,
                                           assignee}}};
  }
  return {};
}

}  // namespace parley
