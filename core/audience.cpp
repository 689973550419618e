// Event visibility for streams: chat events go to the chat's group and the agents involved.
#include "audience.hpp"

#include <algorithm>
#include <type_traits>

namespace parley {

namespace {

void add_agent(const State& state, Audience& a, const std::string& id) {
  const auto ix = state.agent_ix(id);
  if (ix != kNoIndex) a.agents.push_back(ix);
}

}  // namespace

Audience event_audience(const State& state, const EventBody& body) {
  Audience a;
  std::visit(
      [&](const auto& e) {
        using T = std::decay_t<decltype(e)>;
        if constexpr (std::is_same_v<T, AgentStatusChanged>) {
          const auto ix = state.agent_ix(e.agent);
          if (ix == kNoIndex) return;
          a.groups = state.agents[ix].groups;
          a.agents.push_back(ix);
        } else if constexpr (requires { e.chat; }) {
          const Chat* chat = state.find_chat(e.chat);
          if (!chat) return;
          a.groups.push_back(chat->group);
          if (chat->assignee != kNoIndex) a.agents.push_back(chat->assignee);
          if constexpr (std::is_same_v<T, ChatTransferred>) add_agent(state, a, e.from_agent);
        } else if constexpr (std::is_same_v<T, BlockRuleAdded> || std::is_same_v<T, BlockRuleRemoved>) {
          a.agents = state.admins;  // the blocklist is for admins only
        } else if constexpr (std::is_same_v<T, ContactCreated> || std::is_same_v<T, ContactUpdated> ||
                             std::is_same_v<T, ContactsMerged>) {
          a.agents = state.admins;  // others read contacts over REST, as their sessions allow
          if (const auto by = staff_agent(e.by)) add_agent(state, a, *by);
        } else {
          a.everyone = true;  // groups, agents, desk settings: everyone needs names and settings
        }
      },
      body);
  return a;
}

Viewer viewer_for(const State& state, AgentIx agent_ix) {
  const Agent& agent = state.agents[agent_ix];
  return Viewer{has_role(agent, kRoleAdmin), agent_ix, agent.groups};
}

bool may_see(const Viewer& viewer, const Audience& audience) {
  if (viewer.sees_all || audience.everyone) return true;
  if (std::find(audience.agents.begin(), audience.agents.end(), viewer.agent) != audience.agents.end()) return true;
  for (GroupIx g : audience.groups)
    if (std::find(viewer.groups.begin(), viewer.groups.end(), g) != viewer.groups.end()) return true;
  return false;
}

}  // namespace parley
