// A viewer's replica of the desk: snapshots of one chat or one agent that install it in a State as
// the server has it, the bootstrap a fresh replica starts from, and the check a replica makes before
// applying a live event. Pure and deterministic; snapshots name agents and groups by id, not index.
#pragma once
#include <string>
#include <variant>
#include <vector>

#include "events.hpp"
#include "model.hpp"

namespace parley {

// Everything the desk knows of one chat. `chat`'s index fields (group, assignee, credit_agent,
// missed_by) are ignored on install; the ids beside it say who they are.
struct ChatSnapshot {
  Chat chat;
  std::string group, assignee, credit_agent;
  std::vector<std::string> missed_by;
  std::string prefer_agent = {};  // the agent the waiting session is kept for (chat.prefer_until)
};

// One agent's record with the history their statistics need. The sessions they hold and the closes
// credited to them come with the chats' snapshots.
struct AgentSnapshot {
  std::string id, name, nickname;
  RoleSet roles = 0;
  std::vector<std::string> groups;
  Timestamp created_at = 0;
  AgentStatus status = AgentStatus::offline;
  Timestamp status_since = 0;
  Timestamp idle_since = 0;
  std::vector<StatusChange> history;
  std::vector<Miss> missed;
};

// The start of a bootstrap: the replica forgets what it had and takes the desk's clock and settings.
struct ReplicaReset {
  Timestamp last_event_at = 0;
  DeskSettings settings;
};

// A chat that left the viewer's view without an event telling them (they left its group): the
// replica forgets it until a snapshot brings it back, so no stale copy resurfaces.
struct ChatForgotten {
  std::string chat;
};

// One step of a replica's feed besides the live events.
// A group travels as its full record (GroupUpdated: name, settings, disabled).
// An SLA policy travels as the event that saves it (before the groups that name it).
using ReplicaItem = std::variant<ReplicaReset, GroupUpdated, AgentSnapshot, ChatSnapshot, ChatForgotten, SlaPolicySaved,
                                 ChannelChanged>;

ChatSnapshot take_chat_snapshot(const State& state, ChatIx chat);
AgentSnapshot take_agent_snapshot(const State& state, AgentIx agent);

// Installs the item: a chat or agent replaces what the replica had of it (lists, queues, the
// agents' books and timers follow); a reset empties the State. An item naming a group or agent the
// replica does not know is ignored and reported false.
bool install(State& state, const ReplicaItem& item);

// Who sees what of the desk: an agent (by index) or a login that sees everything.
struct StreamViewer {
  bool sees_all = false;
  AgentIx agent = kNoIndex;
};

// Whether the viewer may see the chat: admins, anyone with a role in its group, its assignee, and the
// agent credited with its latest close.
bool sees_chat(const State& state, const StreamViewer& viewer, ChatIx chat);

// What a fresh replica for the viewer starts from: a reset, every group, every agent, then every
// chat the viewer may see (in chat order). Installing them into any State gives the viewer's replica.
std::vector<ReplicaItem> replica_bootstrap(const State& state, const StreamViewer& viewer);

// True when the replica knows every chat, agent, group and message the event refers to (a chat
// start needs its group and starting agent; a forgotten chat is not known), so apply() may take it.
bool knows_subjects(const State& state, const EventBody& body);

}  // namespace parley
