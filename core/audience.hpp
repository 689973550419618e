// Who may see an event: the groups and agents it concerns, or everyone (desk configuration).
// Pure; evaluated against the State after the event was applied.
#pragma once
#include <vector>

#include "events.hpp"
#include "model.hpp"

namespace parley {

struct Audience {
  bool everyone = false;
  std::vector<GroupIx> groups;  // members of these groups see it (supervisors, operators, readers)
  std::vector<AgentIx> agents;  // and these agents
};

// A reader of events, captured from State so it can be checked without it.
struct Viewer {
  bool sees_all = false;  // admins (and logins that are not agents but hold the admin role)
  AgentIx agent = kNoIndex;
  std::vector<GroupIx> groups;
};

Audience event_audience(const State& state, const EventBody& body);
Viewer viewer_for(const State& state, AgentIx agent);
// Admins see everything; others what concerns their groups or themselves.
bool may_see(const Viewer& viewer, const Audience& audience);

}  // namespace parley
