// The supervisor's team board: agents' status and load, each group's queue, and the sessions at
// risk, as a pure function of (State, login, now). Cost: O(members + listed rows + timers due soon),
// plus O(log n) per queue: a queue of 100 000 long waits costs what its first rows do.
#pragma once
#include <vector>

#include "model.hpp"
#include "permissions.hpp"
#include "result.hpp"

namespace parley {

// When a session counts as at risk.
struct BoardLimits {
  Duration long_wait = 2 * kMinute;  // waiting in a queue at least this long
  Duration due_soon = 1 * kMinute;   // a silent-close, unanswered-transfer or SLA deadline this close
  std::size_t max_at_risk = 50;      // rows listed (the earliest deadlines); all are counted
};

struct BoardAgent {
  AgentIx agent;
  AgentStatus status = AgentStatus::offline;
  Timestamp status_since = 0;
  int active = 0;     // open or paused sessions assigned to the agent
  int on_hold = 0;    // of those, paused
  int capacity = 0;   // the most sessions auto routing gives the agent in any of its groups
  bool takes_more = false;  // auto routing may give the agent another session now (some group)
  std::vector<ChatIx> sessions;  // the assigned sessions, by number
};

struct BoardGroup {
  GroupIx group;
  int waiting = 0;
  Timestamp oldest_wait_since = kNever;  // when the head of the queue was enqueued; kNever if empty
  int agents_online = 0;  // members online who work its sessions
  int agents_free = 0;    // of those, below the group's capacity
  int members = 0;        // members who work its sessions
};

enum class RiskReason : std::uint8_t { long_wait, sla, transfer_unanswered, close_silent };

struct BoardRisk {
  ChatIx chat;
  RiskReason reason;
  Timestamp due;  // the deadline (long_wait: when the wait reached the limit); may be past
};

struct TeamBoard {
  std::vector<BoardAgent> agents;  // members of the groups shown, online first, then dnd, offline; by name
  std::vector<BoardGroup> groups;  // the groups the login oversees, by name
  std::vector<BoardRisk> at_risk;  // earliest deadline first, at most max_at_risk
  std::size_t at_risk_total = 0;   // every session at risk
};

// Whether the login may see a team board at all: admins, and supervisors of some group.
bool may_see_team_board(const State& state, const Login& login);
// Admins see every group; supervisors the groups they supervise; anyone else is refused
// (forbidden). An agent is shown when it works sessions of a shown group and is not disabled.
Result<TeamBoard> team_board(const State& state, const Login& login, Timestamp now, const BoardLimits& limits = {});

const char* risk_reason_name(RiskReason reason);

}  // namespace parley
