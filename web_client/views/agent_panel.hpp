// The agent panel across the top (SPEC §7): status dropdown with time in status, Total time,
// Closed, Missed, On hold, Active, name, expand toggle; expanded: the pie chart of the agent
// session, total online, current status and its duration, First Online. Every number comes from
// parley::agent_stats(state, agent, now). Returns the height it used.
#pragma once
#include "app.hpp"

namespace parley::web {

float draw_agent_panel(const ViewContext& view, UiState& ui, Outbox& out);

}  // namespace parley::web
