// The Admin screen: a tab beside the session lists that opens, in place of the lists and the session, the
// admin's records by section, each a table and a form. Draws and queues changes; the App sends them (app_admin.cpp).
#pragma once
#include "app.hpp"

namespace parley::web {

// The "Admin" button in the lists' tab strip, for those who get the screen.
void draw_admin_tab(const ViewContext& view, UiState& ui);
// Whether the screen takes the workspace this frame.
bool admin_showing(const ViewContext& view, UiState& ui);
void draw_admin(const ViewContext& view, UiState& ui);

}  // namespace parley::web
