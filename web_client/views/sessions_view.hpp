// The Sessions screen of supervisors and admins: a tab beside the session lists that opens, in place
// of the lists and the session, the filters, a paged table sortable by start or last activity whose
// rows open their session, and a CSV download. Draws only; the App gets the pages (app_sessions.cpp).
#pragma once
#include "app.hpp"

namespace parley::web {

// The "Sessions" button in the lists' tab strip, for those who get the screen.
void draw_sessions_tab(const ViewContext& view, UiState& ui);
// Whether the screen takes the workspace this frame.
bool sessions_showing(const ViewContext& view, UiState& ui);
void draw_sessions(const ViewContext& view, UiState& ui);

}  // namespace parley::web
