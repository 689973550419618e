// The team board: rows for the groups a login oversees, their members and their sessions at risk.
#include "team_board.hpp"

#include <algorithm>
#include <set>
#include <optional>
#include <tuple>

#include "routing.hpp"

namespace parley {

namespace {

int status_rank(AgentStatus status) {
  switch (status) {
    case AgentStatus::online: return 0;
    case AgentStatus::dnd: return 1;
    case AgentStatus::offline: return 2;
  }
  return 2;
}

std::vector<GroupIx> shown_groups(const State& state, const Login& login) {
  std::vector<GroupIx> shown;
  const bool admin = login_has(login, kRoleAdmin);
  for (GroupIx g : state.groups.indices())
    if (admin || (login.agent != kNoIndex && may_supervise(state.agents[login.agent], g))) shown.push_back(g);
  std::sort(shown.begin(), shown.end(), [&](GroupIx a, GroupIx b) {
    return std::tie(state.groups[a].name, state.groups[a].id) < std::tie(state.groups[b].name, state.groups[b].id);
  });
  return shown;
}

BoardAgent agent_row(const State& state, AgentIx a) {
  const Agent& agent = state.agents[a];
  BoardAgent row;
  row.agent = a;
  row.status = agent.status;
  row.status_since = agent.status_since;
  row.active = static_cast<int>(agent.assigned.size());
  row.on_hold = agent.on_hold;
  for (GroupIx g : agent.groups) {
    if (!may_work(agent, g)) continue;
    row.capacity = std::max(row.capacity, routing_capacity(state, g));
    row.takes_more = row.takes_more || takes_routed_session(state, a, g);
  }
  row.sessions.assign(agent.assigned.begin(), agent.assigned.end());
  std::sort(row.sessions.begin(), row.sessions.end(),
            [&](ChatIx x, ChatIx y) { return state.chats[x].number < state.chats[y].number; });
  return row;
}

BoardGroup group_row(const State& state, GroupIx g) {
  const Group& group = state.groups[g];
  BoardGroup row;
  row.group = g;
  row.waiting = static_cast<int>(group.queue.size());
  row.oldest_wait_since = oldest_waiting_since(group);
  for (AgentIx m : group.members) {
    const Agent& agent = state.agents[m];
    if (agent.disabled || !may_work(agent, g)) continue;
    ++row.members;
    if (agent.status != AgentStatus::online) continue;
    ++row.agents_online;
    if (takes_routed_session(state, m, g)) ++row.agents_free;
  }
  return row;
}

std::optional<RiskReason> timer_risk(TimerKind kind) {
  switch (kind) {
    case TimerKind::close_silent: return RiskReason::close_silent;
    case TimerKind::transfer_unanswered: return RiskReason::transfer_unanswered;
    case TimerKind::sla:
    case TimerKind::sla_resolution: return RiskReason::sla;
    case TimerKind::group_opens:
    case TimerKind::preference_ends: return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace

bool may_see_team_board(const State& state, const Login& login) {
  if (login_has(login, kRoleAdmin)) return true;
  if (login.agent == kNoIndex) return false;
  const Agent& self = state.agents[login.agent];
  return std::any_of(self.groups.begin(), self.groups.end(), [&](GroupIx g) { return may_supervise(self, g); });
}

Result<TeamBoard> team_board(const State& state, const Login& login, Timestamp now, const BoardLimits& limits) {
  if (!may_see_team_board(state, login)) return fail(ErrorCode::forbidden, "the team board is for supervisors and admins");
  TeamBoard board;
  const std::vector<GroupIx> groups = shown_groups(state, login);
  std::vector<bool> group_shown(state.groups.size(), false);
  for (GroupIx g : groups) group_shown[g.value()] = true;

  std::vector<bool> agent_shown(state.agents.size(), false);
  for (GroupIx g : groups) {
    board.groups.push_back(group_row(state, g));
    for (AgentIx m : state.groups[g].members) {
      const Agent& agent = state.agents[m];
      if (agent_shown[m.value()] || agent.disabled || !may_work(agent, g)) continue;
      agent_shown[m.value()] = true;
      board.agents.push_back(agent_row(state, m));
    }
  }
  std::sort(board.agents.begin(), board.agents.end(), [&](const BoardAgent& x, const BoardAgent& y) {
    const Agent& a = state.agents[x.agent];
    const Agent& b = state.agents[y.agent];
    return std::tuple(status_rank(x.status), a.name, a.id) < std::tuple(status_rank(y.status), b.name, b.id);
  });

  // One row per session, with its earliest deadline; only the first max_at_risk rows are built. A
  // session's earliest deadline is either a long wait (among the oldest rows of its queue) or a
  // timer (among the first sessions in the timer book's due order), so those candidates suffice.
  const Timestamp waited_since = now - limits.long_wait;
  const auto waits_long = [&](const Chat& chat) {
    return chat.state == ChatState::queued && chat.enqueued_at <= waited_since;
  };
  std::vector<BoardRisk> candidates;
  for (GroupIx g : groups) {
    const auto& queue = state.groups[g].queue;
    for (std::uint8_t rank = 0; rank <= kLowestRank; ++rank) {
      // Within one priority the queue is in arrival order, so its long waits are a prefix.
      const std::size_t first = queue.count_less(QueueEntry{rank, INT64_MIN, 0, ChatIx{0}});
      const std::size_t end = queue.count_less(QueueEntry{rank, waited_since + 1, 0, ChatIx{0}});
      board.at_risk_total += end - first;
      for (std::size_t k = first; k < end && k - first < limits.max_at_risk; ++k)
        candidates.push_back(BoardRisk{queue.at(k).chat, RiskReason::long_wait, queue.at(k).enqueued_at + limits.long_wait});
    }
  }
  std::set<ChatIx> timer_chats;  // the first max_at_risk sessions met in due order
  for (const TimerEntry& timer : state.timers) {
    if (timer.due > now + limits.due_soon) break;
    const auto reason = timer_risk(timer.key.kind);
    const ChatIx* c = std::get_if<ChatIx>(&timer.key.subject);
    if (!reason || !c || !state.chats.contains(*c)) continue;
    const Chat& chat = state.chats[*c];
    if (chat.forgotten || chat.state == ChatState::closed || !group_shown[chat.group.value()]) continue;
    // Counted once: at its earliest risk timer, and not at all when it is already a long wait.
    bool first = true;
    for (TimerKind kind : {TimerKind::close_silent, TimerKind::transfer_unanswered, TimerKind::sla}) {
      const Timestamp due = state.timers.due(TimerKey{*c, kind});
      if (kind != timer.key.kind && due != kNever && TimerEntry{due, TimerKey{*c, kind}} < timer) first = false;
    }
    if (first && !waits_long(chat)) ++board.at_risk_total;
    if (timer_chats.size() < limits.max_at_risk || timer_chats.count(*c)) {
      timer_chats.insert(*c);
      candidates.push_back(BoardRisk{*c, *reason, timer.due});
    }
  }
  std::sort(candidates.begin(), candidates.end(), [&](const BoardRisk& x, const BoardRisk& y) {
    return std::tuple(x.due, state.chats[x.chat].number, x.reason) < std::tuple(y.due, state.chats[y.chat].number, y.reason);
  });
  std::set<ChatIx> listed;
  for (const BoardRisk& risk : candidates) {
    if (board.at_risk.size() >= limits.max_at_risk) break;
    if (listed.insert(risk.chat).second) board.at_risk.push_back(risk);
  }
  return board;
}

const char* risk_reason_name(RiskReason reason) {
  switch (reason) {
    case RiskReason::long_wait: return "long_wait";
    case RiskReason::sla: return "sla";
    case RiskReason::transfer_unanswered: return "transfer_unanswered";
    case RiskReason::close_silent: return "close_silent";
  }
  return "long_wait";
}

}  // namespace parley
