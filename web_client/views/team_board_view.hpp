// The supervisor's team board in the workspace: a tab beside the session lists that shows, in the
// session pane, the core's team_board (agents, queues, sessions at risk), live. Draws only.
#pragma once
#include "app.hpp"

namespace parley::web {

// The "Team board" button in the lists' tab strip, for those who may see a board.
void draw_board_tab(const ViewContext& view, UiState& ui);
// Whether the board takes the session pane this frame; opening another session closes it.
bool board_showing(const ViewContext& view, UiState& ui);
void draw_team_board(const ViewContext& view, UiState& ui);

}  // namespace parley::web
