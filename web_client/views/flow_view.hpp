// The flow over the workspace, drawn after it each frame: the keys and the command palette running
// acts, the shortcut help, the demo reset's confirmation and the toasts; and the flow's part of the
// test hook's snapshot ("tab", "toasts", "search", "palette", "help").
#pragma once
#include "app.hpp"
#include "flow.hpp"

namespace parley::web {

void draw_flow(const ViewContext& view, UiState& ui, Outbox& out);
// Runs an act if the moment allows it (act_available); session acts are about the open session.
void run_act(const ViewContext& view, UiState& ui, Outbox& out, const ActContext& context, Act act);
void flow_snapshot(const UiState& ui, Json& out);

}  // namespace parley::web
