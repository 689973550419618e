// Who may see and do what: pure functions of State and the acting login, asked by the server's
// routes (and the workspace) instead of checking roles themselves. Deterministic; no I/O.
#pragma once
#include <optional>
#include <string_view>

#include "commands.hpp"
#include "model.hpp"
#include "result.hpp"

namespace parley {

// A signed-in login as the desk sees it. A login bound to an agent has that agent's roles (the one
// source of roles); a login without an agent (the bootstrap admin, integrations) has its own.
struct Login {
  AgentIx agent = kNoIndex;
  RoleSet roles = 0;
};

// The login for a stored (agent id, own roles) pair; nullopt when it is bound to an agent that is
// unknown or disabled: such a login may not sign in or act.
std::optional<Login> login_for(const State& state, std::string_view agent_id, RoleSet own_roles);
bool login_has(const Login& login, Role role);

// Its own agent, admins, and supervisors of a group the agent belongs to read an agent's figures.
bool may_view_agent(const State& state, const Login& login, AgentIx agent);

// What a login may do with a chat: nothing (it does not exist for them), read it, or work it
// (write, upload files). Admins work every chat; agents as may_read / may_work say for its group.
enum class ChatAccess { none, read, work };
ChatAccess chat_access(const State& state, const Login& login, const Chat& chat);
inline bool may_read_chat(const State& state, const Login& login, const Chat& chat) {
  return chat_access(state, login, chat) != ChatAccess::none;
}

// Whether the login may submit the command at all (decide() then checks the desk's rules): admins
// any; a login whose agent works sessions only what that agent performs itself; others nothing.
std::optional<Error> may_submit(const Login& login, const State& state, const Command& command);

// The agent whose view a login's search runs as: its own, or for an admin the one it names.
AgentIx search_agent(const State& state, const Login& login, std::string_view named);

}  // namespace parley
