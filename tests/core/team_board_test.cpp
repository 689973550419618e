// Unit tests of core/team_board: who may see the board and which rows, agents' status and load
// against routing's capacity, the queues, and the sessions at risk with their deadlines.
#include "team_board.hpp"

#include <doctest/doctest.h>

#include <algorithm>

#include "desk_fixture.hpp"
#include "routing.hpp"

using namespace parley;
using parley::test::at_min;
using parley::test::Desk;

namespace {

// sales: auto routing, 2 sessions per agent, unanswered sessions move on after 5 min.
// support: accept routing, first response due in 3 min.
// ann, bo: operators of sales (bo also of support); sue: supervisor of sales; zed: operator of
// support; root: admin of no group; rita: reader of sales.
Desk board_desk() {
  Desk desk;
  desk.make_group(at_min(0), "sales", R"({"max_active":2,"transfer_unanswered":true,"transfer_unanswered_after_min":5})");
  desk.make_group(at_min(0), "support", R"({"routing":"accept","first_response_min":3})");
  desk.make_agent(at_min(0), "ann", "sales");
  desk.make_agent(at_min(0), "bo", "sales,support");
  desk.make_agent(at_min(0), "sue", "sales", "supervisor");
  desk.make_agent(at_min(0), "zed", "support");
  desk.make_agent(at_min(0), "root", "", "admin");
  desk.make_agent(at_min(0), "rita", "sales", "reader");
  return desk;
}

Login as(const Desk& desk, const std::string& agent) {
  const auto login = login_for(desk.state, agent, 0);
  REQUIRE(login.has_value());
  return *login;
}

TeamBoard board_of(const Desk& desk, const std::string& agent, Timestamp now) {
  const Result<TeamBoard> board = team_board(desk.state, as(desk, agent), now);
  REQUIRE(board.ok());
  return board.value();
}

std::vector<std::string> agent_ids(const Desk& desk, const TeamBoard& board) {
  std::vector<std::string> ids;
  for (const BoardAgent& row : board.agents) ids.push_back(desk.state.agents[row.agent].id);
  return ids;
}

std::vector<std::string> group_ids(const Desk& desk, const TeamBoard& board) {
  std::vector<std::string> ids;
  for (const BoardGroup& row : board.groups) ids.push_back(desk.state.groups[row.group].id);
  return ids;
}

const BoardAgent& row_of(const Desk& desk, const TeamBoard& board, const std::string& agent) {
  const auto found = std::find_if(board.agents.begin(), board.agents.end(),
                                  [&](const BoardAgent& row) { return row.agent == desk.agent(agent); });
  REQUIRE(found != board.agents.end());
  return *found;
}

}  // namespace

TEST_CASE("the board is for supervisors and admins, each seeing the groups they oversee") {
  Desk desk = board_desk();
  const Result<TeamBoard> operator_board = team_board(desk.state, as(desk, "ann"), at_min(1));
  REQUIRE_FALSE(operator_board.ok());
  CHECK(operator_board.error().code == ErrorCode::forbidden);
  CHECK_FALSE(team_board(desk.state, as(desk, "rita"), at_min(1)).ok());
  // A login without an agent and without the admin role sees nothing either.
  CHECK_FALSE(team_board(desk.state, Login{kNoIndex, kRoleSupervisor}, at_min(1)).ok());

  const TeamBoard sue = board_of(desk, "sue", at_min(1));
  CHECK(group_ids(desk, sue) == std::vector<std::string>{"sales"});
  // Members who work sales' sessions; the reader and support's zed are not on it.
  CHECK(agent_ids(desk, sue) == std::vector<std::string>{"ann", "bo", "sue"});

  const TeamBoard root = board_of(desk, "root", at_min(1));
  CHECK(group_ids(desk, root) == std::vector<std::string>{"sales", "support"});
  CHECK(agent_ids(desk, root) == std::vector<std::string>{"ann", "bo", "sue", "zed"});
  // The bootstrap admin (no agent) sees the same.
  const Result<TeamBoard> bootstrap = team_board(desk.state, Login{kNoIndex, kRoleAdmin}, at_min(1));
  REQUIRE(bootstrap.ok());
  CHECK(group_ids(desk, bootstrap.value()) == group_ids(desk, root));

  // Disabled agents get no sessions and leave the board.
  desk.ok(at_min(2), R"({"type":"agent.update","agent":"bo","groups":["sales","support"],"roles":["operator"],"disabled":true})");
  CHECK(agent_ids(desk, board_of(desk, "sue", at_min(2))) == std::vector<std::string>{"ann", "sue"});
}

TEST_CASE("agents show their status since it changed, online first, then dnd, then offline") {
  Desk desk = board_desk();
  desk.status(at_min(1), "sue", "online");
  desk.status(at_min(2), "ann", "dnd");
  desk.status(at_min(3), "bo", "online");
  TeamBoard board = board_of(desk, "sue", at_min(10));
  CHECK(agent_ids(desk, board) == std::vector<std::string>{"bo", "sue", "ann"});
  CHECK(row_of(desk, board, "ann").status == AgentStatus::dnd);
  CHECK(row_of(desk, board, "ann").status_since == at_min(2));
  CHECK(row_of(desk, board, "bo").status_since == at_min(3));

  desk.status(at_min(11), "ann", "offline");
  board = board_of(desk, "sue", at_min(12));
  CHECK(agent_ids(desk, board) == std::vector<std::string>{"bo", "sue", "ann"});
  CHECK(row_of(desk, board, "ann").status == AgentStatus::offline);
  CHECK(row_of(desk, board, "ann").status_since == at_min(11));
}

TEST_CASE("load is measured against routing's own capacity rule, per agent and per group") {
  Desk desk = board_desk();
  desk.status(at_min(1), "ann", "online");
  desk.client_starts(at_min(2), "c1", "sales");
  desk.client_starts(at_min(3), "c2", "sales");
  TeamBoard board = board_of(desk, "sue", at_min(4));
  const BoardAgent& ann = row_of(desk, board, "ann");
  CHECK(ann.active == 2);
  CHECK(ann.capacity == 2);
  CHECK_FALSE(ann.takes_more);
  CHECK(ann.takes_more == takes_routed_session(desk.state, desk.agent("ann"), desk.group("sales")));
  REQUIRE(ann.sessions.size() == 2);
  CHECK(desk.state.chats[ann.sessions[0]].id == "c1");
  CHECK(desk.state.chats[ann.sessions[1]].id == "c2");

  // A third customer waits: routing has nobody free.
  desk.client_starts(at_min(5), "c3", "sales");
  CHECK(desk.chat_state("c3") == "queued");
  board = board_of(desk, "sue", at_min(6));
  REQUIRE(board.groups.size() == 1);
  CHECK(board.groups[0].waiting == 1);
  CHECK(board.groups[0].oldest_wait_since == at_min(5));
  CHECK(board.groups[0].agents_online == 1);
  CHECK(board.groups[0].agents_free == 0);
  CHECK(board.groups[0].members == 3);

  // bo comes online: routing gives him c3, and he still takes more.
  desk.status(at_min(7), "bo", "online");
  CHECK(desk.assignee("c3") == "bo");
  board = board_of(desk, "sue", at_min(7));
  CHECK(board.groups[0].waiting == 0);
  CHECK(board.groups[0].oldest_wait_since == kNever);
  CHECK(board.groups[0].agents_free == 1);
  CHECK(row_of(desk, board, "bo").active == 1);
  CHECK(row_of(desk, board, "bo").takes_more);
  // bo's capacity is the larger of his groups' limits (support keeps the default of 5).
  CHECK(row_of(desk, board, "bo").capacity == 5);

  // A paused session still counts against capacity; on_hold says how many are paused.
  desk.act(at_min(8), "chat.pause", "c1", "agent:ann");
  board = board_of(desk, "sue", at_min(8));
  CHECK(row_of(desk, board, "ann").active == 2);
  CHECK(row_of(desk, board, "ann").on_hold == 1);
}

TEST_CASE("sessions waiting long or with a deadline due soon are at risk, earliest deadline first") {
  Desk desk = board_desk();
  // Nobody online in support: w1 and w2 wait; bo takes w3 by hand.
  desk.status(at_min(0), "bo", "online");
  desk.client_starts(at_min(1), "w1", "support");
  desk.say(at_min(1), "w1", "client");
  desk.client_starts(at_min(2), "w2", "support");
  desk.client_starts(at_min(2), "w3", "support");
  desk.accept(at_min(2), "w3", "bo");
  desk.say(at_min(2), "w3", "client");

  // At 2:30 nothing waited 2 min yet, and no deadline is within a minute.
  const Timestamp early = at_min(2) + 30 * kSecond;
  CHECK(board_of(desk, "root", early).at_risk.empty());

  // At 3:10 w1 waited over 2 min (since 1:00 → at risk from 3:00). Its SLA is due at 4:00 and w3's
  // at 5:00: w1 appears once, with the earlier deadline.
  TeamBoard board = board_of(desk, "root", at_min(3) + 10 * kSecond);
  REQUIRE(board.at_risk.size() == 1);
  CHECK(desk.state.chats[board.at_risk[0].chat].id == "w1");
  CHECK(board.at_risk[0].reason == RiskReason::long_wait);
  CHECK(board.at_risk[0].due == at_min(3));

  // At 4:05: w2 (waiting since 2:00) is at risk too, w3's SLA is due within the minute.
  board = board_of(desk, "root", at_min(4) + 5 * kSecond);
  std::vector<std::string> order;
  for (const BoardRisk& risk : board.at_risk) order.push_back(desk.state.chats[risk.chat].id);
  CHECK(order == std::vector<std::string>{"w1", "w2", "w3"});
  CHECK(board.at_risk[1].due == at_min(4));
  CHECK(board.at_risk[2].reason == RiskReason::sla);
  CHECK(board.at_risk[2].due == desk.state.timers.due(TimerKey{desk.state.chat_ix("w3"), TimerKind::sla}));

  // The answer clears w3's deadline; sue (sales only) never sees support's sessions.
  desk.say(at_min(4) + 10 * kSecond, "w3", "agent:bo", "on it");
  board = board_of(desk, "root", at_min(4) + 10 * kSecond);
  CHECK(std::none_of(board.at_risk.begin(), board.at_risk.end(),
                     [&](const BoardRisk& r) { return r.chat == desk.state.chat_ix("w3"); }));
  CHECK(board_of(desk, "sue", at_min(4) + 10 * kSecond).at_risk.empty());
}

TEST_CASE("an unanswered session about to move on is at risk with the transfer's deadline") {
  Desk desk = board_desk();
  desk.status(at_min(0), "ann", "online");
  desk.client_starts(at_min(1), "c1", "sales");
  desk.say(at_min(1), "c1", "client");
  CHECK(desk.assignee("c1") == "ann");
  const Timestamp due = desk.state.timers.due(TimerKey{desk.state.chat_ix("c1"), TimerKind::transfer_unanswered});
  REQUIRE(due != kNever);
  CHECK(board_of(desk, "sue", due - 2 * kMinute).at_risk.empty());
  const TeamBoard board = board_of(desk, "sue", due - 30 * kSecond);
  REQUIRE(board.at_risk.size() == 1);
  CHECK(board.at_risk[0].reason == RiskReason::transfer_unanswered);
  CHECK(board.at_risk[0].due == due);
  CHECK(std::string(risk_reason_name(board.at_risk[0].reason)) == "transfer_unanswered");
  // Custom limits: a wider "soon" sees it earlier.
  const auto wide = team_board(desk.state, as(desk, "sue"), due - 2 * kMinute, BoardLimits{2 * kMinute, 3 * kMinute});
  REQUIRE(wide.ok());
  CHECK(wide.value().at_risk.size() == 1);
}

TEST_CASE("a long list of sessions at risk is counted whole and listed by its earliest deadlines") {
  Desk desk = board_desk();
  // support: 30 sessions wait; the first 10 customers write (so they also have an SLA deadline).
  for (int i = 0; i < 30; ++i) {
    const std::string id = "q" + std::to_string(i);
    desk.client_starts(at_min(1) + i * kSecond, id, "support");
    if (i < 10) desk.say(at_min(1) + i * kSecond, id, "client");
  }
  const Login root = as(desk, "root");
  // 2 min 15 s later the first 16 waited 2 min; the 10 who wrote are due an answer within a minute.
  const Timestamp now = at_min(3) + 15 * kSecond;
  const auto all = team_board(desk.state, root, now, BoardLimits{2 * kMinute, kMinute, 1000});
  REQUIRE(all.ok());
  CHECK(all.value().at_risk_total == 16);
  CHECK(all.value().at_risk.size() == 16);
  const auto few = team_board(desk.state, root, now, BoardLimits{2 * kMinute, kMinute, 5});
  REQUIRE(few.ok());
  CHECK(few.value().at_risk_total == 16);
  REQUIRE(few.value().at_risk.size() == 5);
  for (std::size_t i = 0; i < 5; ++i) {
    CHECK(few.value().at_risk[i].chat == all.value().at_risk[i].chat);
    CHECK(few.value().at_risk[i].due == all.value().at_risk[i].due);
  }
  // Later all 30 waited long and the SLA of the 10 passed: each is counted once.
  const auto later = team_board(desk.state, root, at_min(10), BoardLimits{2 * kMinute, kMinute, 7});
  REQUIRE(later.ok());
  CHECK(later.value().at_risk_total == 30);
  CHECK(later.value().at_risk.size() == 7);
  // A deadline alone counts too: q29, taken by zed, is due an answer (within 3 min here).
  desk.status(at_min(10), "zed", "online");
  desk.accept(at_min(10), "q29", "zed");
  desk.say(at_min(10), "q29", "client");
  const auto sla = team_board(desk.state, root, at_min(10) + 30 * kSecond, BoardLimits{2 * kMinute, 3 * kMinute, 100});
  REQUIRE(sla.ok());
  CHECK(sla.value().at_risk_total == 30);
  CHECK(std::any_of(sla.value().at_risk.begin(), sla.value().at_risk.end(), [&](const BoardRisk& r) {
    return r.chat == desk.state.chat_ix("q29") && r.reason == RiskReason::sla;
  }));
}
