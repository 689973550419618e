// Permission rules over State; roles are read from the agent for bound logins (login_for).
#include "permissions.hpp"

#include <string>

namespace parley {

std::optional<Login> login_for(const State& state, std::string_view agent_id, RoleSet own_roles) {
  if (agent_id.empty()) return Login{kNoIndex, own_roles};
  const auto ix = state.agent_ix(std::string(agent_id));
  if (ix == kNoIndex || state.agents[ix].disabled) return std::nullopt;
  return Login{ix, state.agents[ix].roles};
}

bool login_has(const Login& login, Role role) { return (login.roles & role) != 0; }

bool may_view_agent(const State& state, const Login& login, AgentIx agent) {
  if (login_has(login, kRoleAdmin) || agent == login.agent) return true;
  if (login.agent == kNoIndex) return false;
  const Agent& self = state.agents[login.agent];
  for (GroupIx g : state.agents[agent].groups)
    if (may_supervise(self, g)) return true;
  return false;
}

ChatAccess chat_access(const State& state, const Login& login, const Chat& chat) {
  if (login_has(login, kRoleAdmin)) return ChatAccess::work;
  if (login.agent == kNoIndex) return ChatAccess::none;
  const Agent& self = state.agents[login.agent];
  if (!may_read(self, chat.group)) return ChatAccess::none;
  return may_work(self, chat.group) ? ChatAccess::work : ChatAccess::read;
}

std::optional<Error> may_submit(const Login& login, const State& state, const Command& command) {
  // A run's form and outcome come from the stored action and the server's call, never from a caller.
  if (std::holds_alternative<RunAction>(command) || std::holds_alternative<FinishAction>(command))
    return fail(ErrorCode::forbidden, "actions run through POST /api/v1/chats/{id}/actions/{action}");
  if (login_has(login, kRoleAdmin)) return std::nullopt;
  const bool works = login_has(login, kRoleOperator) || login_has(login, kRoleSupervisor);
  if (login.agent == kNoIndex || !works) return fail(ErrorCode::forbidden, "this login may not change the desk");
  const auto agent = performing_agent(command);
  if (!agent || *agent != state.agents[login.agent].id)
    return fail(ErrorCode::forbidden, "an agent login may only act as its own agent");
  return std::nullopt;
}

AgentIx search_agent(const State& state, const Login& login, std::string_view named) {
  if (login_has(login, kRoleAdmin) && !named.empty()) return state.agent_ix(std::string(named));
  return login.agent;
}

}  // namespace parley
