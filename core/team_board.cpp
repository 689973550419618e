// The team board: rows for the groups a login oversees, their members and their sessions at risk.
#include "team_board.hpp"

#include <algorithm>
#include <map>
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
  BoardAgent row{a};
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
  BoardGroup row{g};
  row.waiting = static_cast<int>(group.queue.size());
  if (!group.queue.empty()) row.oldest_wait_since = group.queue.begin()->enqueued_at;
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
    case TimerKind::sla: return RiskReason::sla;
    case TimerKind::group_opens: return std::nullopt;
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

  // One row per session: its earliest deadline.
  std::map<ChatIx, BoardRisk> risks;
  const auto note = [&](ChatIx c, RiskReason reason, Timestamp due) {
    const auto [at, added] = risks.try_emplace(c, BoardRisk{c, reason, due});
    if (!added && due < at->second.due) at->second = BoardRisk{c, reason, due};
  };
  for (GroupIx g : groups)
    for (const QueueEntry& entry : state.groups[g].queue) {
      if (now - entry.enqueued_at < limits.long_wait) break;  // oldest first: the rest waited less
      note(entry.chat, RiskReason::long_wait, entry.enqueued_at + limits.long_wait);
    }
  for (const TimerEntry& timer : state.timers) {
    if (timer.due > now + limits.due_soon) break;
    const auto reason = timer_risk(timer.key.kind);
    const ChatIx* c = std::get_if<ChatIx>(&timer.key.subject);
    if (!reason || !c || !state.chats.contains(*c)) continue;
    const Chat& chat = state.chats[*c];
    if (chat.forgotten || chat.state == ChatState::closed || !group_shown[chat.group.value()]) continue;
    note(*c, *reason, timer.due);
  }
  for (const auto& [c, risk] : risks) board.at_risk.push_back(risk);
  std::sort(board.at_risk.begin(), board.at_risk.end(), [&](const BoardRisk& x, const BoardRisk& y) {
    return std::tuple(x.due, state.chats[x.chat].number) < std::tuple(y.due, state.chats[y.chat].number);
  });
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
