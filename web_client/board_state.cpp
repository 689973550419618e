// The team board's cache and its test-hook form.
#include "board_state.hpp"

namespace parley::web {

namespace {
Login login_of(const State& state, AgentIx agent) { return Login{agent, state.agents[agent].roles}; }
}  // namespace

bool shows_team_board(const State& state, AgentIx agent) {
  if (agent == kNoIndex || !state.agents.contains(agent)) return false;
  return may_see_team_board(state, login_of(state, agent));
}

const TeamBoard* board_for(BoardUi& ui, const State& state, AgentIx agent, Timestamp now) {
  if (agent == kNoIndex || !state.agents.contains(agent)) return nullptr;
  const Timestamp second = now / kSecond;
  if (ui.version != state.applied_events || ui.chats != state.chats.size() || ui.agents != state.agents.size() ||
      ui.groups != state.groups.size() || ui.second != second || ui.viewer != agent) {
    ui.version = state.applied_events;
    ui.chats = state.chats.size();
    ui.agents = state.agents.size();
    ui.groups = state.groups.size();
    ui.second = second;
    ui.viewer = agent;
    Result<TeamBoard> board = team_board(state, login_of(state, agent), now);
    ui.board = board.ok() ? std::optional<TeamBoard>(std::move(board.value())) : std::nullopt;
    ++ui.computed;
  }
  return ui.board ? &*ui.board : nullptr;
}

Json board_to_json(const State& state, const TeamBoard& board) {
  const auto at = [](Timestamp t) { return t == kNever ? Json(nullptr) : Json(format_rfc3339(t)); };
  Json agents = Json::array();
  for (const BoardAgent& row : board.agents) {
    Json sessions = Json::array();
    for (ChatIx c : row.sessions) sessions.push_back(state.chats[c].id);
    agents.push_back(Json{{"agent", state.agents[row.agent].id},
                          {"status", std::string(status_name(row.status))},
                          {"since", at(row.status_since)},
                          {"active", row.active},
                          {"on_hold", row.on_hold},
                          {"capacity", row.capacity},
                          {"takes_more", row.takes_more},
                          {"sessions", std::move(sessions)}});
  }
  Json groups = Json::array();
  for (const BoardGroup& row : board.groups)
    groups.push_back(Json{{"group", state.groups[row.group].id},
                          {"waiting", row.waiting},
                          {"oldest_wait_since", at(row.oldest_wait_since)},
                          {"online", row.agents_online},
                          {"free", row.agents_free},
                          {"members", row.members}});
  Json risks = Json::array();
  for (const BoardRisk& risk : board.at_risk)
    risks.push_back(Json{{"chat", state.chats[risk.chat].id}, {"reason", risk_reason_name(risk.reason)}, {"due", at(risk.due)}});
  return Json{{"agents", std::move(agents)}, {"groups", std::move(groups)}, {"at_risk", std::move(risks)},
              {"at_risk_total", board.at_risk_total}};
}

}  // namespace parley::web
