// Deadline arithmetic for the per-group timers and the events each timer produces.
#include "timers.hpp"

#include <algorithm>

#include "routing.hpp"

namespace parley {

namespace {

struct Deadlines {
  Timestamp silent = kNever, unanswered = kNever, sla = kNever, resolution = kNever, preference = kNever;
};

// `minutes` after `start`, counted in the group's business hours when the policy says so.
Timestamp sla_deadline(const GroupSettings& s, const SlaTerms& terms, Timestamp start, int minutes) {
  const Duration span = minutes * kMinute;
  if (!terms.business_hours_only || !s.business_hours) return start + span;
  return add_open_time(*s.business_hours, start, span).value_or(kNever);
}

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
  if (chat.state == ChatState::queued && chat.prefer_agent != kNoIndex) d.preference = chat.prefer_until;
  const SlaTerms terms = sla_terms(state, chat.group);
  if (chat.state != ChatState::closed && chat.waiting_since != kNever && !chat.sla_window_breached) {
    const int limit = chat.agent_replied ? terms.next_response_min : terms.first_response_min;
    if (limit > 0) d.sla = sla_deadline(s, terms, chat.waiting_since, limit);
  }
  if (chat.state != ChatState::closed && !chat.resolution_settled && terms.resolution_min > 0)
    d.resolution = sla_deadline(s, terms, chat.started_at, terms.resolution_min);
  return d;
}

}  // namespace

SlaTerms sla_terms(const State& state, GroupIx group) {
  const GroupSettings& s = state.groups[group].settings;
  if (!s.sla_policy.empty()) {
    const auto found = state.sla_policies.find(s.sla_policy);
    if (found == state.sla_policies.end()) return {};
    const SlaPolicy& p = found->second;
    return SlaTerms{p.first_response_min, p.next_response_min, p.resolution_min, p.business_hours_only};
  }
  return SlaTerms{s.first_response_min, s.next_response_min, 0, false};
}

void refresh_timers(State& state, ChatIx chat_ix) {
  if (state.chats[chat_ix].spam) return clear_chat_timers(state, chat_ix);
  const Deadlines d = compute_deadlines(state, state.chats[chat_ix]);
  state.timers.set(TimerKey{chat_ix, TimerKind::close_silent}, d.silent);
  state.timers.set(TimerKey{chat_ix, TimerKind::transfer_unanswered}, d.unanswered);
  state.timers.set(TimerKey{chat_ix, TimerKind::sla}, d.sla);
  state.timers.set(TimerKey{chat_ix, TimerKind::sla_resolution}, d.resolution);
  state.timers.set(TimerKey{chat_ix, TimerKind::preference_ends}, d.preference);
}

void refresh_group_timer(State& state, GroupIx group) {
  const GroupSettings& s = state.groups[group].settings;
  Timestamp due = kNever;
  if (s.hold_outside_hours && s.business_hours)
    due = next_opening(*s.business_hours, state.last_event_at).value_or(kNever);
  state.timers.set(TimerKey{group, TimerKind::group_opens}, due);
}

void clear_chat_timers(State& state, ChatIx chat) {
  for (TimerKind kind :
       {TimerKind::close_silent, TimerKind::transfer_unanswered, TimerKind::sla, TimerKind::sla_resolution,
        TimerKind::preference_ends})
    state.timers.set(TimerKey{chat, kind}, kNever);
}

Timestamp timer_due(const State& state, ChatIx chat, TimerKind kind) { return state.timers.due(TimerKey{chat, kind}); }

std::optional<TimerEntry> next_due_timer(const State& state, Timestamp now) {
  const TimerEntry* first = state.timers.earliest();
  if (!first || first->due > now) return std::nullopt;
  return *first;
}

Events fire_timer(const State& state, const TimerEntry& timer) {
  // A deadline that an event moved into the past fires now: the log never goes back in time.
  const Timestamp at = std::max(timer.due, state.last_event_at);
  if (const GroupIx* group = std::get_if<GroupIx>(&timer.key.subject))
    return {Event{at, GroupOpened{state.groups[*group].id}}};
  const Chat& chat = state.chats[std::get<ChatIx>(timer.key.subject)];
  const std::string assignee = chat.assignee == kNoIndex ? "" : state.agents[chat.assignee].id;
  const Actor automatic{ActorKind::automatic, ""};
  switch (timer.key.kind) {
    case TimerKind::close_silent:
      return {Event{at, ChatClosed{chat.id, CloseMethod::no_client_answer, automatic, assignee}}};
    case TimerKind::transfer_unanswered: {
      std::vector<AgentIx> excluded = chat.missed_by;
      excluded.push_back(chat.assignee);
      const AgentIx target = best_free_agent(state, chat.group, excluded, chat_weight(state, chat));
      const std::string to_agent = target == kNoIndex ? "" : state.agents[target].id;
      return {Event{at, ChatTransferred{chat.id, automatic, assignee, to_agent, "", ""}}};
    }
    case TimerKind::sla:
      return {Event{at, SlaBreached{chat.id, chat.agent_replied ? SlaKind::next_response : SlaKind::first_response,
                                           assignee}}};
    case TimerKind::sla_resolution: return {Event{at, SlaBreached{chat.id, SlaKind::resolution, assignee}}};
    case TimerKind::preference_ends: return {Event{at, ChatPreferenceEnded{chat.id}}};
    case TimerKind::group_opens: break;
  }
  return {};
}

}  // namespace parley
