// Stream routing: chat events go to the chat's viewers before and after them; a viewer the event
// brings the chat to (a transfer into their group, a reassignment, a credit, joining a group) first
// gets the chat's snapshot.
#include "stream_routing.hpp"

#include <algorithm>
#include <iterator>
#include <type_traits>

#include "apply.hpp"

namespace parley {

namespace {

std::vector<AgentIx> sorted_union(const std::vector<AgentIx>& a, const std::vector<AgentIx>& b) {
  std::vector<AgentIx> out;
  out.reserve(a.size() + b.size());
  std::set_union(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

std::vector<AgentIx> sorted_difference(const std::vector<AgentIx>& a, const std::vector<AgentIx>& b) {
  std::vector<AgentIx> out;
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

void sort_unique(std::vector<AgentIx>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

// Events that can change who may see their chat: its group, assignee or credited agent moves.
template <class T>
constexpr bool kMovesViewers = std::is_same_v<T, ChatAssigned> || std::is_same_v<T, ChatTransferred> ||
                               std::is_same_v<T, ChatClosed> || std::is_same_v<T, ChatReopened> ||
                               std::is_same_v<T, ChatMarkedSpam>;

// What an agent could see before an update: its groups, whether it was an admin.
struct Reach {
  bool existed = false, admin = false;
  std::vector<GroupIx> groups;
};

Reach reach_of(const State& state, const std::string& id) {
  const auto ix = state.agent_ix(id);
  if (ix == kNoIndex) return {};
  const Agent& agent = state.agents[ix];
  return Reach{true, has_role(agent, kRoleAdmin), agent.groups};
}

bool reached_before(const Reach& reach, const Chat& chat, AgentIx agent) {
  if (!reach.existed) return false;
  return reach.admin || chat.assignee == agent || chat.credit_agent == agent ||
         std::find(reach.groups.begin(), reach.groups.end(), chat.group) != reach.groups.end();
}

// Snapshots of the chats an agent update brings into the agent's view; forgets for those it takes out.
void route_agent_update(State& state, const std::string& id, const Reach& before, RoutedEvent& routed) {
  const auto agent = state.agent_ix(id);
  const Reach after = reach_of(state, id);
  if (after.admin == before.admin && after.groups == before.groups) return;
  const StreamViewer viewer{false, agent};
  for (ChatIx c : state.chats.indices()) {
    const bool sees = sees_chat(state, viewer, c), saw = reached_before(before, state.chats[c], agent);
    if (sees && !saw) routed.preludes.push_back(RoutedEvent::Prelude{{agent}, take_chat_snapshot(state, c)});
    if (saw && !sees) routed.preludes.push_back(RoutedEvent::Prelude{{agent}, ChatForgotten{state.chats[c].id}});
  }
}

}  // namespace

std::vector<AgentIx> chat_viewers(const State& state, ChatIx ix) {
  const Chat& chat = state.chats[ix];
  std::vector<AgentIx> viewers = state.admins;
  const auto& members = state.groups[chat.group].members;
  viewers.insert(viewers.end(), members.begin(), members.end());
  if (chat.assignee != kNoIndex) viewers.push_back(chat.assignee);
  if (chat.credit_agent != kNoIndex) viewers.push_back(chat.credit_agent);
  sort_unique(viewers);
  return viewers;
}

RoutedEvent apply_routed(State& state, const Event& event) {
  RoutedEvent routed;
  std::visit(
      [&](const auto& e) {
        using T = std::decay_t<decltype(e)>;
        if constexpr (std::is_same_v<T, ChatStarted>) {
          apply(state, event);
          routed.viewers = chat_viewers(state, state.chat_ix(e.chat));
        } else if constexpr (kMovesViewers<T>) {
          const auto chat = state.chat_ix(e.chat);
          const std::vector<AgentIx> before = chat_viewers(state, chat);
          ChatSnapshot as_it_was = take_chat_snapshot(state, chat);
          apply(state, event);
          const std::vector<AgentIx> after = chat_viewers(state, chat);
          std::vector<AgentIx> entering = sorted_difference(after, before);
          std::vector<AgentIx> leaving = sorted_difference(before, after);
          if (!entering.empty()) routed.preludes.push_back(RoutedEvent::Prelude{std::move(entering), std::move(as_it_was)});
          if (!leaving.empty()) routed.postludes.push_back(RoutedEvent::Prelude{std::move(leaving), ChatForgotten{e.chat}});
          routed.viewers = sorted_union(before, after);
        } else if constexpr (requires { e.chat; }) {
          apply(state, event);
          routed.viewers = chat_viewers(state, state.chat_ix(e.chat));
        } else if constexpr (std::is_same_v<T, AgentStatusChanged>) {
          apply(state, event);
          const auto agent = state.agent_ix(e.agent);
          routed.viewers = state.admins;
          for (GroupIx g : state.agents[agent].groups) {
            const auto& members = state.groups[g].members;
            routed.viewers.insert(routed.viewers.end(), members.begin(), members.end());
          }
          routed.viewers.push_back(agent);
          sort_unique(routed.viewers);
        } else if constexpr (std::is_same_v<T, AgentCreated> || std::is_same_v<T, AgentUpdated>) {
          const Reach before = reach_of(state, e.agent);
          apply(state, event);
          route_agent_update(state, e.agent, before, routed);
        } else if constexpr (std::is_same_v<T, BlockRuleAdded> || std::is_same_v<T, BlockRuleRemoved>) {
          apply(state, event);
          routed.viewers = state.admins;  // the blocklist is for admins only
        } else if constexpr (std::is_same_v<T, ContactCreated> || std::is_same_v<T, ContactUpdated> ||
                             std::is_same_v<T, ContactsMerged>) {
          apply(state, event);
          routed.viewers = state.admins;  // others read contacts over REST, as their sessions allow
          if (const auto by = staff_agent(e.by); by && state.agent_ix(*by) != kNoIndex)
            routed.viewers.push_back(state.agent_ix(*by));
          sort_unique(routed.viewers);
        } else {
          apply(state, event);
        }
      },
      event.body);
  routed.audience = event_audience(state, event.body);
  return routed;
}

bool gets_event(const RoutedEvent& routed, const StreamViewer& viewer) {
  if (viewer.sees_all || routed.audience.everyone) return true;
  return std::binary_search(routed.viewers.begin(), routed.viewers.end(), viewer.agent);
}

namespace {
std::vector<const ReplicaItem*> items_for(const std::vector<RoutedEvent::Prelude>& items, const StreamViewer& viewer) {
  std::vector<const ReplicaItem*> out;
  if (viewer.sees_all) return out;
  for (const auto& item : items)
    if (std::binary_search(item.viewers.begin(), item.viewers.end(), viewer.agent)) out.push_back(&item.item);
  return out;
}
}  // namespace

std::vector<const ReplicaItem*> preludes_for(const RoutedEvent& routed, const StreamViewer& viewer) {
  return items_for(routed.preludes, viewer);
}

std::vector<const ReplicaItem*> postludes_for(const RoutedEvent& routed, const StreamViewer& viewer) {
  return items_for(routed.postludes, viewer);
}

}  // namespace parley
